"""The platform's processes, as one table: what `make run`, the end-to-end tests and the
benchmarks start. A new service adds one line here (and its database to bootstrap.sh)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# name, working folder, nameko module, default ops/http port
PROCESSES = (
    ("intake", ROOT / "services" / "intake", "intake.service", 9101),
    ("routing", ROOT / "services" / "routing", "routing.service", 9102),
    ("notify", ROOT / "services" / "notify", "notify.service", 9103),
    ("press", ROOT / "services" / "press", "press.service", 9105),
    ("contacts", ROOT / "services" / "contacts", "contacts.service", 9104),
    ("gateway", ROOT / "gateway", "gateway.service", 8000),
)


def command(module, python):
    return [str(python), "-m", "nameko", "run", "--config", "config.yml", module]
