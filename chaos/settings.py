"""How much load and how long each fault lasts, in the short form (CI) and the long form; every wait
is bounded."""
from dataclasses import dataclass, replace
from pathlib import Path

LOG_DIR = Path(".run/chaos")


@dataclass(frozen=True)
class Settings:
    form: str
    applications: int  # submissions the load makes (more if the faults outlast the planned time)
    cycles: int  # how many times each fault is played
    calm_seconds: float  # load without a fault: before the first fault and after each one
    down_seconds: float  # how long a killed process or a stopped server stays down
    transient_seconds: float  # how long the mail server refuses, or routing may not reach its database
    clients: int  # client threads of the load (a fault holds some of them in retries)
    give_up_seconds: float  # a client stops retrying one submission after this long
    recover_seconds: float = 90.0  # at most this long for the system to be ready again after a fault
    settle_seconds: float = 90.0  # at most this long, after the load, for every effect to be done
    start_seconds: float = 90.0
    request_timeout: float = 20.0  # longer than the gateway's RPC timeout below, so the gateway answers first
    rpc_timeout: float = 10.0
    broker_restart: str = "node"  # "node": the whole node stopped and started; "app": stop_app/start_app
    only: tuple = ()  # play only the faults whose name holds one of these words (all when empty)

    def planned_seconds(self, faults):
        """How long `faults` faults should take, calm included; the load is paced to last as long."""
        per_fault = self.calm_seconds + max(self.down_seconds, self.transient_seconds) + 3.0
        return self.calm_seconds + faults * per_fault


SHORT = Settings(form="short", applications=300, cycles=1, calm_seconds=4.0, down_seconds=1.5,
                 transient_seconds=6.0, clients=12, give_up_seconds=150.0)
LONG = Settings(form="long", applications=3000, cycles=2, calm_seconds=20.0, down_seconds=3.0,
                transient_seconds=10.0, clients=24, give_up_seconds=300.0, settle_seconds=240.0)


def choose(long=False, applications=None, broker_restart=None, only=None):
    settings = LONG if long else SHORT
    if only:
        settings = replace(settings, only=tuple(word.strip() for word in only.split(",") if word.strip()))
    if applications is not None:
        if applications < 1:
            raise SystemExit("--applications must be at least 1")
        settings = replace(settings, applications=applications)
    if broker_restart is not None:
        settings = replace(settings, broker_restart=broker_restart)
    return settings
