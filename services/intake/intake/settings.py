"""Intake's settings: every key of `config.yml` (where each default is written), typed."""
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from servicekit.settings import EventServiceSettings


@dataclass(frozen=True)
class IntakeSettings(EventServiceSettings, service="intake"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    tracking_prefix: str
    lookup_code_secret: str | None
    municipality_name: str
    seed_file: str | None
    retention_file: str | None
    destruction_interval_days: float
    retention_check_seconds: float


# read when the module is imported: nameko fixes a timer's interval when the service class is defined
AT_IMPORT = IntakeSettings.from_environment()
