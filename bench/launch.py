"""The system under test: intake and the gateway as `nameko run` processes on a fresh vhost and
fresh databases, stopped (and the vhost and databases dropped) afterwards."""
from contextlib import contextmanager
from dataclasses import dataclass

from deploy.local.clients import SignedAuth, provision
from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.system import LocalSystem

from .ports import free_port

MASTER_KEY = "bench-master-key"
CLIENT_ID = "bench"


@dataclass
class Platform:
    url: str
    amqp_uri: str
    db_url: str
    pids: dict
    auth: SignedAuth


@contextmanager
def running_platform(log_dir, start_seconds):
    """Yields a `Platform` once the gateway answers `GET /health` and intake is ready.

    Raises `deploy.local.system.SystemDidNotStart` (logs in `log_dir`) when it does not come up.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    for old_log in log_dir.glob("*.log"):
        old_log.unlink()  # LocalSystem appends: start each run with empty logs
    with fresh_vhost(prefix="bench") as amqp_uri, fresh_database("intake", prefix="bench") as db_url, \
            fresh_database("gateway", prefix="bench") as gateway_db, \
            fresh_database("routing", prefix="bench") as routing_db, \
            fresh_database("notify", prefix="bench") as notify_db:
        # the bench client signs its requests as another e-municipality system would
        keys = provision(gateway_db, MASTER_KEY, api_clients=[(CLIENT_ID, ("applications:submit",))])
        env = {
            "AMQP_URI": amqp_uri,
            "INTAKE_DB_URL": db_url,
            "GATEWAY_DB_URL": gateway_db,
            "ROUTING_DB_URL": routing_db,
            "ROUTING_OPS_PORT": str(free_port()),
            "NOTIFY_DB_URL": notify_db,
            "NOTIFY_OPS_PORT": str(free_port()),
            "INTAKE_OPS_PORT": str(free_port()),
            "API_KEY_MASTER": MASTER_KEY,
            "RATE_LIMITS": "user=1000000/60,client=1000000/60,address=1000000/60",
            "LOG_LEVEL": "WARNING",
            "EVENT_QUEUE_TYPE": "quorum",
        }
        system = LocalSystem(env=env, gateway_port=free_port(), log_dir=log_dir)
        try:  # not `with system:`: a start that fails in __enter__ would leave its processes running
            system.start(timeout=start_seconds)
            yield Platform(url=system.url, amqp_uri=amqp_uri, db_url=db_url,
                           pids={name: proc.pid for name, proc in system.procs.items()},
                           auth=SignedAuth(CLIENT_ID, *keys[CLIENT_ID]))
        finally:
            system.stop()


def log_tails(log_dir, lines=20):
    """The last lines of every process log, for a report when the system did not start."""
    tails = {}
    for path in sorted(log_dir.glob("*.log")):
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        tails[path.name] = text[-lines:]
    return tails
