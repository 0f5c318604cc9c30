"""Start the whole platform as local processes and wait until it answers.

    with LocalSystem(env={"AMQP_URI": ..., "INTAKE_DB_URL": ...}) as system:
        requests.post(system.url + "/api/v1/applications", ...)

Used by the end-to-end tests and the benchmarks; `make run` uses `deploy/local/run.py`.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from .processes import PROCESSES, command


class SystemDidNotStart(RuntimeError):
    pass


class LocalSystem:
    def __init__(self, env, gateway_port=8000, log_dir=None, python=sys.executable):
        self.env = {**os.environ, **env, "GATEWAY_ADDRESS": f"127.0.0.1:{gateway_port}", "PYTHONUNBUFFERED": "1",
                    "PYTHONWARNINGS": "ignore"}
        self.url = f"http://127.0.0.1:{gateway_port}"
        self.log_dir = Path(log_dir or ".run")
        self.python = python
        self.procs = {}

    def start(self, timeout=60):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        try:
            for name, folder, module, _port in PROCESSES:
                self.start_process(name, folder, module)
            self.wait_ready(timeout)
        except BaseException:
            self.stop()  # never leave half a system running
            raise
        return self

    def start_process(self, name, folder=None, module=None):
        if folder is None:
            _, folder, module, _ = next(p for p in PROCESSES if p[0] == name)
        env = dict(self.env)
        db_url = env.get(f"{name.upper()}_DB_URL")
        if db_url:
            env["DB_URL"] = db_url
        ops_port = env.get(f"{name.upper()}_OPS_PORT")
        if ops_port:
            env["OPS_PORT"] = ops_port
        elif name == "gateway":
            env["OPS_PORT"] = "0"  # no fixed port two systems on one machine would both want
        log = open(self.log_dir / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(command(module, self.python), cwd=folder, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise SystemDidNotStart(f"{name} exited with {proc.returncode}; see {self.log_dir / name}.log")
            if self._ready():
                return
            time.sleep(0.3)
        raise SystemDidNotStart(f"the gateway did not become ready in {timeout}s; logs in {self.log_dir}")

    def _ready(self):
        try:
            if requests.get(self.url + "/health", timeout=2).status_code != 200:
                return False
            for name, _folder, _module, _port in PROCESSES:
                port = self.env.get(f"{name.upper()}_OPS_PORT")
                if name != "gateway" and port:
                    if requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).status_code != 200:
                        return False
            return True
        except requests.RequestException:
            return False

    def kill(self, name, sig=signal.SIGKILL):
        proc = self.procs[name]
        os.killpg(proc.pid, sig)
        proc.wait(timeout=30)

    def stop(self):
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
