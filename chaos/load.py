"""The load: client threads submit applications at a steady pace, each retrying its own submission with
the same key until it is acknowledged (or it gives up after `give_up_seconds`), as a real client does.

The pace spreads `applications` over the planned length of the fault cycle; the load keeps that pace
until the faults are over, so it runs throughout even when they take longer than planned.
"""
import logging
import random
import threading
import time

from servicekit import topology

from . import submissions
from .doors import Doors

log = logging.getLogger(__name__)


class Load:
    def __init__(self, platform, settings, run_id, seconds):
        self.platform = platform
        self.settings = settings
        self.run_id = run_id
        self.interval = seconds / settings.applications  # between two submissions' first attempts
        self.submitted = []  # every `Submission`, in the order they were made
        self.faults_over = threading.Event()
        self.abandoned = threading.Event()  # the run is being stopped: no new submission, no more retries
        self._lock = threading.Lock()
        self._next = 0
        self._threads = []
        self.started = None

    def start(self):
        # the queues exist before the first publish (the services declare them too, when they publish)
        topology.declare_all(self.platform.amqp_uri)
        self.started = time.monotonic()
        self._threads = [threading.Thread(target=self._client, name=f"client-{i}", daemon=True)
                         for i in range(self.settings.clients)]
        for thread in self._threads:
            thread.start()
        return self

    def wait(self):
        """Tell the load the faults are over and wait for every submission to be answered or given up."""
        self.faults_over.set()
        for thread in self._threads:
            thread.join()
        return time.monotonic()

    def abandon(self):
        """Stop submitting and retrying at once (the run was interrupted); `wait()` then returns soon."""
        self.abandoned.set()
        self.faults_over.set()

    def _claim(self):
        """The next number and when to send it, or None when the work is done."""
        with self._lock:
            if self.abandoned.is_set() or (self._next >= self.settings.applications and self.faults_over.is_set()):
                return None
            n = self._next
            self._next += 1
        return n, self.started + n * self.interval

    def _client(self):
        doors = Doors(self.platform, self.settings.request_timeout)
        try:
            while (claimed := self._claim()) is not None:
                n, due = claimed
                time.sleep(max(0.0, due - time.monotonic()))
                submission = submissions.make(self.run_id, n)
                self.submitted.append(submission)
                self._submit(doors, submission)
        finally:
            doors.close()

    def _submit(self, doors, submission):
        submission.first_sent = time.monotonic()
        give_up = submission.first_sent + self.settings.give_up_seconds
        pause = 0.25
        while True:
            submission.attempts += 1
            outcome = doors.attempt(submission)
            submission.status = outcome.status
            if outcome.acknowledged:
                submission.acknowledged_at = time.monotonic()
                submission.application_id = outcome.application_id
                return
            submission.errors.append((time.monotonic(), outcome.status))
            if outcome.final or time.monotonic() > give_up or self.abandoned.is_set():
                log.warning("submission %s given up: %s", submission.n, outcome.status)
                return
            time.sleep(max(outcome.retry_after, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, 2.0)
