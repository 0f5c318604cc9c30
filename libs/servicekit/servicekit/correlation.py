"""Carries the correlation id from the first HTTP request through every hop and log line.

nameko copies a worker's `context_data` into the headers of every RPC call and event it makes, so
setting `correlation_id` there once is enough for it to follow the work; the log formatter reads it
from a context variable set here for the duration of each worker.
"""
import uuid

from nameko.extensions import DependencyProvider

from .logs import correlation_id

CONTEXT_KEY = "correlation_id"


class CorrelationId(DependencyProvider):
    """Injects a function returning the current correlation id, creating one when a call has none."""

    def worker_setup(self, worker_ctx):
        value = worker_ctx.data.get(CONTEXT_KEY) or str(uuid.uuid4())
        worker_ctx.data[CONTEXT_KEY] = value
        correlation_id.set(value)

    def worker_teardown(self, worker_ctx):
        correlation_id.set(None)

    def get_dependency(self, worker_ctx):
        def current():
            return worker_ctx.data[CONTEXT_KEY]

        def adopt(value):
            """Make `value` (an event's correlation id) the id of the rest of this worker."""
            if value:
                worker_ctx.data[CONTEXT_KEY] = str(value)
                correlation_id.set(str(value))
            return worker_ctx.data[CONTEXT_KEY]

        current.adopt = adopt
        return current
