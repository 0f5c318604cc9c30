"""The gateway's settings: every key of `config.yml` (where each default is written), typed. `gateway-admin`
reads the same ones."""
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from servicekit.settings import ServiceSettings


@dataclass(frozen=True)
class GatewaySettings(ServiceSettings, service="gateway"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    web_server_address: str  # where the API listens; nameko's WebServer reads it from the container's config
    http_header_seconds: float
    http_body_seconds: float
    http_max_connections: int
    rpc_timeout_seconds: float
    jwt_secret: str | None
    api_key_master: str | None
    access_token_seconds: int
    refresh_token_seconds: int
    rate_limits: str
