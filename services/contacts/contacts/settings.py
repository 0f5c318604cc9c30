"""Contacts' settings: every key of `config.yml` (where each default is written), typed."""
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from servicekit.settings import EventServiceSettings


@dataclass(frozen=True)
class ContactsSettings(EventServiceSettings, service="contacts"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    public_base_url: str
    invitation_key: str | None
    precedence_file: str | None
    import_batch_rows: int
    import_seconds: float
    pdf_font_path: str | None


# read when the module is imported: nameko fixes a timer's interval when the service class is defined
AT_IMPORT = ContactsSettings.from_environment()
