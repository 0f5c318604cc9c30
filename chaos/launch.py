"""The system under test: every process of `deploy/local/processes.py` (`LocalSystem`) on a fresh
vhost and fresh databases, with the tests' SMTP sink (able to refuse for a while), an API
client for signed requests, one for inbound events, and a staff account; all stopped, and the vhost
and databases dropped, afterwards."""
import shutil
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from deploy.local.clients import SignedAuth, provision
from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.processes import PROCESSES
from deploy.local.system import LocalSystem
from tests.support.net import free_port
from tests.support.peers import SmtpSink

from .smtp_handler import REFUSE_FLAG

MASTER_KEY = "chaos-master-key"
STAFF_USER, STAFF_PASSWORD = "chaos-masa", "Chaos-Parola-2026"
API_CLIENT, PORTAL_CLIENT = "chaos-cimer", "chaos-portal"
SERVICES = tuple(name for name, *_ in PROCESSES)  # every process, each with a database of its own


class FlakySmtpSink(SmtpSink):
    """The tests' SMTP sink with `chaos.smtp_handler.FlakySink`: `refuse(True)` makes it answer 451."""

    def argv(self):
        return [sys.executable, "-m", "aiosmtpd", "-n", "-c", "chaos.smtp_handler.FlakySink", str(self.folder),
                "-l", f"127.0.0.1:{self.port}"]

    def refuse(self, on):
        flag = self.folder / REFUSE_FLAG
        if on:
            flag.touch()
        else:
            flag.unlink(missing_ok=True)


@dataclass
class Platform:
    system: LocalSystem
    amqp_uri: str
    db_urls: dict  # service -> its database URL
    sink: FlakySmtpSink
    api_auth: SignedAuth  # submits applications (`applications:submit`)
    portal_auth: SignedAuth  # posts inbound events (`events:application_submitted`)
    ops_ports: dict = field(default_factory=dict)  # service -> its /metrics and /health port

    @property
    def url(self):
        return self.system.url


def environment(amqp_uri, db_urls, smtp_port, settings):
    """The processes' configuration: as `make run`, with faster retries and no rate limits in the way."""
    # a development deployment: the secrets not named here are servicekit's development defaults
    env = {"PLATFORM_ENV": "development",
           "AMQP_URI": amqp_uri, "API_KEY_MASTER": MASTER_KEY, "JWT_SECRET": "chaos-jwt-secret",
           "LOOKUP_CODE_SECRET": "chaos-lookup-secret", "DEV_ACCOUNTS": "false", "LOG_LEVEL": "INFO",
           "RATE_LIMITS": "user=1000000/60,client=1000000/60,address=1000000/60",
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
           # e-mail: a 451 is retried after 0.5, 1, 2, 4 … s (8 attempts, about a minute) as in the e2e tests
           "DELIVER_SECONDS": "0.2", "EMAIL_PER_MINUTE": "6000", "DELIVERY_BACKOFF_SECONDS": "0.5",
           # a notify killed mid-send leaves its message 'sending': queued again after this long
           "SENDING_TIMEOUT_SECONDS": "30",
           # handlers: a transient failure is retried for about 80 s before it is dead-lettered
           "RETRY_DELAYS_SECONDS": "1,2,5,10,20,40", "OUTBOX_SWEEP_SECONDS": "1",
           "RPC_TIMEOUT_SECONDS": str(settings.rpc_timeout)}
    for service in SERVICES:
        env[f"{service.upper()}_DB_URL"] = db_urls[service]
    return env


@contextmanager
def running_platform(settings, log_dir):
    """Yields a `Platform` once every process is ready; stops everything however the run ends."""
    log_dir = Path(log_dir).resolve()
    log_dir.mkdir(parents=True, exist_ok=True)
    for old_log in log_dir.glob("*.log"):
        old_log.unlink()  # LocalSystem appends: each run starts with empty logs
    shutil.rmtree(log_dir / "mail", ignore_errors=True)  # the sink's messages of an earlier run
    with ExitStack() as stack:
        amqp_uri = stack.enter_context(fresh_vhost(prefix="chaos"))
        db_urls = {service: stack.enter_context(fresh_database(service, prefix="chaos")) for service in SERVICES}
        sink = stack.enter_context(FlakySmtpSink(log_dir / "mail"))
        keys = provision(db_urls["gateway"], MASTER_KEY,
                         users=[(STAFF_USER, "pr_officer", None, STAFF_PASSWORD)],
                         api_clients=[(API_CLIENT, ("applications:submit",)),
                                      (PORTAL_CLIENT, ("events:application_submitted",))])
        env = environment(amqp_uri, db_urls, sink.port, settings)
        ops_ports = {service: free_port() for service in SERVICES if service != "gateway"}
        env.update({f"{service.upper()}_OPS_PORT": str(port) for service, port in ops_ports.items()})
        system = LocalSystem(env, gateway_port=free_port(), log_dir=log_dir)
        stack.callback(system.stop)  # not `with system`: a start that fails must still stop what it started
        system.start(timeout=settings.start_seconds)
        yield Platform(system=system, amqp_uri=amqp_uri, db_urls=db_urls, sink=sink,
                       api_auth=SignedAuth(API_CLIENT, *keys[API_CLIENT]),
                       portal_auth=SignedAuth(PORTAL_CLIENT, *keys[PORTAL_CLIENT]), ops_ports=ops_ports)
