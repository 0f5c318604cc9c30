"""The system under test: intake, routing, notify, contacts, press and the gateway as `nameko run`
processes on a fresh vhost and fresh databases (each service its own, each with a free ops port), with a
real SMTP server (the tests' sink) for notify's e-mails; all stopped (and the vhost and databases
dropped) afterwards."""
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from deploy.local.clients import SignedAuth, provision
from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.system import LocalSystem, SystemDidNotStart
from tests.support.peers import SmtpSink

from .ports import free_port

MASTER_KEY = "bench-master-key"
CLIENT_ID = "bench"
MAIL_FOLDER = "mail"  # under the log folder: one .eml file per message the sink received
DELIVER_SECONDS = 0.2  # notify's delivery loop runs this often (its default is 1 s)
# notify's e-mail rate limit, lifted as the gateway's are: 6,000 a minute is 20 e-mails a pass of the loop at
# DELIVER_SECONDS (`sender.per_pass`), its batch before the limit came; the default 600 would allow 2 a pass
EMAIL_PER_MINUTE = 6000


@dataclass
class Platform:
    url: str
    amqp_uri: str
    db_url: str
    pids: dict
    auth: SignedAuth
    notify_db_url: str
    sink: SmtpSink  # aiosmtpd in its own process; `sink.process.pid`, `sink.messages()`
    mail_folder: Path  # where the sink writes each message it accepts, as one file
    databases: tuple  # the names of every service's database (their backends count as PostgreSQL)
    db_urls: dict = field(default_factory=dict)  # {service: its database's URL}, read after the load


@contextmanager
def running_platform(log_dir, start_seconds):
    """Yields a `Platform` once the gateway answers `GET /health` and the services are ready.

    Raises `deploy.local.system.SystemDidNotStart` (logs in `log_dir`) when it does not come up.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    for old_log in log_dir.glob("*.log"):
        old_log.unlink()  # LocalSystem appends: start each run with empty logs
    mail_folder = log_dir.resolve() / MAIL_FOLDER  # absolute: the sink's process runs in the repository root
    with fresh_vhost(prefix="bench") as amqp_uri, fresh_database("intake", prefix="bench") as db_url, \
            fresh_database("gateway", prefix="bench") as gateway_db, \
            fresh_database("routing", prefix="bench") as routing_db, \
            fresh_database("notify", prefix="bench") as notify_db, \
            fresh_database("contacts", prefix="bench") as contacts_db, \
            fresh_database("press", prefix="bench") as press_db, \
            _smtp_sink(mail_folder) as sink:
        # the bench client signs its requests as another e-municipality system would
        keys = provision(gateway_db, MASTER_KEY, api_clients=[(CLIENT_ID, ("applications:submit",))])
        env = {
            "PLATFORM_ENV": "development",  # the secrets not named here are servicekit's development defaults
            "AMQP_URI": amqp_uri,
            "INTAKE_DB_URL": db_url,
            "GATEWAY_DB_URL": gateway_db,
            "ROUTING_DB_URL": routing_db,
            "ROUTING_OPS_PORT": str(free_port()),
            "NOTIFY_DB_URL": notify_db,
            "NOTIFY_OPS_PORT": str(free_port()),
            "INTAKE_OPS_PORT": str(free_port()),
            # contacts and press run too (deploy/local/processes.py starts them): their own databases and
            # ports, not the development ones (9104, 9105) another run on this machine may hold
            "CONTACTS_DB_URL": contacts_db,
            "CONTACTS_OPS_PORT": str(free_port()),
            "PRESS_DB_URL": press_db,
            "PRESS_OPS_PORT": str(free_port()),
            "API_KEY_MASTER": MASTER_KEY,
            "RATE_LIMITS": "user=1000000/60,client=1000000/60,address=1000000/60",
            "LOG_LEVEL": "WARNING",
            "EVENT_QUEUE_TYPE": "quorum",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(sink.port),
            "DELIVER_SECONDS": str(DELIVER_SECONDS),
            "EMAIL_PER_MINUTE": str(EMAIL_PER_MINUTE),
        }
        system = LocalSystem(env=env, gateway_port=free_port(), log_dir=log_dir)
        try:  # not `with system:`: a start that fails in __enter__ would leave its processes running
            system.start(timeout=start_seconds)
            yield Platform(url=system.url, amqp_uri=amqp_uri, db_url=db_url,
                           pids={name: proc.pid for name, proc in system.procs.items()},
                           auth=SignedAuth(CLIENT_ID, *keys[CLIENT_ID]), notify_db_url=notify_db,
                           sink=sink, mail_folder=mail_folder,
                           databases=tuple(url.rsplit("/", 1)[1] for url in (db_url, gateway_db, routing_db,
                                                                             notify_db, contacts_db, press_db)),
                           db_urls={"intake": db_url, "gateway": gateway_db, "routing": routing_db,
                                    "notify": notify_db, "contacts": contacts_db, "press": press_db})
        finally:
            system.stop()


@contextmanager
def _smtp_sink(folder):
    """The tests' SMTP sink on an empty `folder`, started and stopped; one that does not start is a
    system that did not (and its process is stopped: `SmtpSink.start` leaves it running when it
    raises). The messages are deleted afterwards: a full run leaves about 60 MB of them."""
    folder.mkdir(parents=True, exist_ok=True)
    _delete_messages(folder)  # left by a run that was killed
    sink = SmtpSink(folder)
    try:
        sink.start()
    except RuntimeError as exc:
        sink.stop()
        raise SystemDidNotStart(f"the SMTP sink for notify's e-mails: {exc}") from exc
    try:
        yield sink
    finally:
        sink.stop()
        _delete_messages(folder)


def _delete_messages(folder):
    for message in folder.glob("*.eml"):
        message.unlink()


def log_tails(log_dir, lines=20):
    """The last lines of every process log, for a report when the system did not start."""
    tails = {}
    for path in sorted(log_dir.glob("*.log")):
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        tails[path.name] = text[-lines:]
    return tails
