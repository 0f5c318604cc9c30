"""`make run`: every service and the gateway as processes under one supervisor (honcho).

One log stream, each line prefixed with its process; Ctrl-C stops them all cleanly. Prints the
gateway's URL when it answers. Each process reads its settings from its `config.yml`, where their defaults
are written; the environment sets any of them (README.md). It is a development deployment
(`PLATFORM_ENV=development` unless the environment says otherwise): a secret left unset is servicekit's
development default.
"""
import os
import sys
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # noise in the one log stream

from honcho.manager import Manager
from honcho.printer import Printer

from servicekit import secrets

from .processes import PROCESSES, ROOT, command

DEV_PASSWORD = "Gelistirme-2026"
GATEWAY_OPS_PORT = 9100  # the gateway's /metrics and health for operations (its API is on GATEWAY_ADDRESS)


def process_env(name, port):
    # the log stream is JSON lines; library deprecation notices would only break it
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore")
    env.setdefault(secrets.SETTING, secrets.DEVELOPMENT)  # `make run` is a developer's machine
    # the same server bootstrap.sh prepared (PGHOST/PGPORT), unless a URL names another
    server = f"{os.environ.get('PGHOST', '127.0.0.1')}:{os.environ.get('PGPORT', '5432')}"
    env["DB_URL"] = os.environ.get(f"{name.upper()}_DB_URL", f"postgresql://{name}:{name}@{server}/{name}")
    if name == "gateway":
        env.setdefault("GATEWAY_ADDRESS", f"127.0.0.1:{port}")
        env["OPS_PORT"] = os.environ.get("GATEWAY_OPS_PORT", str(GATEWAY_OPS_PORT))
    else:
        env["OPS_PORT"] = os.environ.get(f"{name.upper()}_OPS_PORT", str(port))
    return env


def development_accounts():
    """On a gateway database with no staff yet, accounts to try the system with (`DEV_ACCOUNTS=false`
    skips this). Printed once; never outside a development deployment, which starts with `gateway-admin`."""
    env = process_env("gateway", 8000)
    if os.environ.get("DEV_ACCOUNTS", "true").lower() == "false" or not secrets.is_development(env):
        return
    from gateway import storage

    from .clients import gateway_store, provision

    db_url = env["DB_URL"]
    store = gateway_store(db_url)
    with store.transaction() as tx:
        empty = storage.count_users(tx.cursor) == 0
    store.pool.close()
    if not empty:
        return
    keys = provision(db_url, secrets.secret(env, "API_KEY_MASTER"),
                     users=[("admin", "admin", None, DEV_PASSWORD), ("halkla", "pr_officer", None, DEV_PASSWORD)],
                     api_clients=[("dev-portal", ("applications:submit", "applications:read",
                                                  "events:application_submitted"))])
    key_id, secret = keys["dev-portal"]
    print(f"development accounts: admin / halkla with password {DEV_PASSWORD}; "
          f"API client dev-portal, key id {key_id}, secret {secret}", flush=True)


class _Output:
    """stdout that a reader gone away cannot break: with `make run | tee run.log`, Ctrl-C ends tee too, and
    honcho's "SIGINT received" would raise BrokenPipeError before it stops the services, leaving them running."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data):
        try:
            return self.stream.write(data)
        except OSError:
            return len(data)

    def flush(self):
        try:
            self.stream.flush()
        except OSError:
            pass

    def isatty(self):
        return self.stream.isatty()


def main():
    development_accounts()
    manager = Manager(printer=Printer(output=_Output(sys.stdout)))
    for name, folder, module, port in PROCESSES:
        argv = " ".join(command(module, sys.executable))
        manager.add_process(name, argv, cwd=str(folder), env=process_env(name, port))
    address = os.environ.get("GATEWAY_ADDRESS", "127.0.0.1:8000")
    probes = " ".join(f"http://127.0.0.1:{process_env(name, port)['OPS_PORT']}/health/ready"
                      for name, _folder, _module, port in PROCESSES if name != "gateway")
    manager.add_process("ready", f"{sys.executable} -m deploy.local.announce http://{address} {probes}",
                        cwd=str(ROOT), env=dict(os.environ, PYTHONUNBUFFERED="1"))
    manager.loop()
    sys.exit(manager.returncode)


if __name__ == "__main__":
    main()
