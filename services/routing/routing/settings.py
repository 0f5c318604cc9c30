"""Routing's settings: every key of `config.yml` (where each default is written), typed."""
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from servicekit.settings import EventServiceSettings


@dataclass(frozen=True)
class RoutingSettings(EventServiceSettings, service="routing"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    watch_seconds: float
    seed_file: str | None


# read when the module is imported: nameko fixes a timer's interval when the service class is defined
AT_IMPORT = RoutingSettings.from_environment()
