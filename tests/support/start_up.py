"""One process of the platform started as production starts it: `nameko run` with its own `config.yml`,
from an environment with no `PLATFORM_ENV` and no secret but those a test gives. The test learns whether
the process refused to start (its exit code and output) or came up and answers on `ready_url`."""
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass

import requests

from deploy.local.processes import PROCESSES, command
from servicekit import secrets

# what a developer's shell or the test run may carry, and a production environment would not
SCRUBBED = {secrets.SETTING, *secrets.DEVELOPMENT_DEFAULTS}


@dataclass
class StartUp:
    refused: bool
    returncode: int = None
    output: str = ""


@contextmanager
def started_as_production(name, env, ready_url, timeout=60):
    """Yields `StartUp(refused=True, returncode, output)` once the process exited, or
    `StartUp(refused=False)` while it answers on `ready_url` (it is stopped when the block ends)."""
    (folder, module) = next((folder, module) for process, folder, module, _port in PROCESSES if process == name)
    environment = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    environment.update(PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore", **env)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        process = subprocess.Popen(command(module, sys.executable), cwd=folder, env=environment, stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            yield _outcome(process, log, ready_url, timeout)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _outcome(process, log, ready_url, timeout, settle=5.0):
    """Another process of the machine may answer on a port picked free a moment before: a start counts only
    once the process is still alive `settle` seconds after the address first answered."""
    deadline = time.monotonic() + timeout
    answered_at = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            return StartUp(refused=True, returncode=process.returncode, output=log.read())
        if answered_at is None:
            try:
                if requests.get(ready_url, timeout=1).status_code == 200:
                    answered_at = time.monotonic()
            except requests.RequestException:
                pass
        elif time.monotonic() - answered_at >= settle:
            return StartUp(refused=False)
        time.sleep(0.2)
    log.seek(0)
    raise AssertionError(f"{ready_url}: neither refused nor ready after {timeout} s:\n{log.read()[-3000:]}")
