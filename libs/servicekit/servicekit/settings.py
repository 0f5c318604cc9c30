"""One settings object per process, read from its `config.yml` and nothing else.

A service's `config.yml` is the one place a setting and its default are written (`NAME: ${NAME:default}`,
nameko's syntax; the environment sets any of them). Each service declares its settings once, as a frozen
dataclass whose fields are the config's keys in lower case with their types:

    @dataclass(frozen=True)
    class NotifySettings(settings.EventServiceSettings, service="notify"):
        CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"
        smtp_port: int
        mail_from: str

    NotifySettings.from_environment().smtp_port   # at import time (a timer's interval): config.yml + environment
    settings.of(container).mail_from               # in a running service: the container's config

Both read `config.yml` with nameko's own YAML loader and `${NAME:default}` constructor, so the object
and the dict nameko hands the container hold the same values; a key the container's config lacks (a
test's short config) takes what `nameko run` would have read from `config.yml`. A value that does not
parse as its type stops the process with `SettingInvalid` naming the setting. The object is also a
read-only mapping by config key (`settings["DB_URL"]`), which is how `servicekit.secrets` checks it.
"""
from __future__ import annotations

import dataclasses
import types
import typing
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import yaml
from nameko.extensions import DependencyProvider

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # nameko.cli imports pkg_resources, which warns that it is deprecated
    from nameko.cli.main import IMPLICIT_ENV_VAR_MATCHER, env_var_constructor

class SettingInvalid(ValueError):
    """A setting is missing or its value does not parse as the setting's type; the message names it."""


class ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader with nameko's `${NAME:default}` constructors (`nameko run` registers the
    same ones on `yaml.SafeLoader` itself; a subclass keeps other YAML files of the process plain)."""


ConfigLoader.add_constructor("!env_var", env_var_constructor)
ConfigLoader.add_constructor("!raw_env_var", lambda loader, node: env_var_constructor(loader, node, raw=True))
ConfigLoader.add_implicit_resolver("!env_var", IMPLICIT_ENV_VAR_MATCHER, None)


def read_config(path) -> dict:
    """`config.yml` as `nameko run --config` reads it: `${NAME:default}` from the environment."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=ConfigLoader) or {}


_REGISTERED: dict[str, type] = {}


@dataclasses.dataclass(frozen=True)
class Settings(Mapping):
    """Base of every process's settings: the fields are its config keys in lower case (`max_workers` is so in
    config.yml too); every key but `LOGGING` (nameko's logging set-up) is a field."""

    CONFIG_FILE: ClassVar[Path | None] = None

    def __init_subclass__(cls, service=None, **kwargs):
        super().__init_subclass__(**kwargs)
        if service is not None:
            _REGISTERED[service] = cls

    @classmethod
    def keys_to_fields(cls) -> dict:
        """`{config key: attribute}`, e.g. `{"SMTP_PORT": "smtp_port", "max_workers": "max_workers"}`."""
        return {(f.metadata.get("key") or f.name.upper()): f.name for f in dataclasses.fields(cls)}

    @classmethod
    def defaults(cls) -> dict:
        """The config file as nameko would read it now (environment applied); `{}` without a file."""
        return read_config(cls.CONFIG_FILE) if cls.CONFIG_FILE else {}

    @classmethod
    def from_config(cls, config: Mapping) -> Settings:
        """From a nameko config dict; a key it lacks takes `config.yml`'s value."""
        given = {**cls.defaults(), **dict(config or {})}
        hints = typing.get_type_hints(cls)
        values = {}
        for key, name in cls.keys_to_fields().items():
            if key not in given:
                raise SettingInvalid(f"{key}: not set (and not in {cls.CONFIG_FILE or 'a config file'})")
            values[name] = convert(key, given[key], hints[name])
        return cls(**values)

    @classmethod
    def from_environment(cls) -> Settings:
        """`config.yml` with the environment, as the process will be configured: for values needed before
        a container exists (a timer's interval is fixed when the module is imported) and for tools."""
        return cls.from_config({})

    # a read-only mapping by config key, for code that checks settings by name (servicekit.secrets)
    def __getitem__(self, key):
        try:
            return getattr(self, self.keys_to_fields()[key])
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter(self.keys_to_fields())

    def __len__(self):
        return len(dataclasses.fields(self))


@dataclasses.dataclass(frozen=True)
class ServiceSettings(Settings):
    """What every process of the platform has (servicekit's database, outbox and ops port read these)."""

    platform_env: str
    amqp_uri: str
    db_url: str
    db_pool_size: int
    db_migrate_on_start: bool
    ops_host: str
    ops_port: int
    outbox_sweep_seconds: float
    max_workers: int = dataclasses.field(metadata={"key": "max_workers"})


@dataclasses.dataclass(frozen=True)
class EventServiceSettings(ServiceSettings):
    """A service that handles events (servicekit.consumers): its retry delays and largest message."""

    retry_delays_seconds: tuple[float, ...]
    max_message_bytes: int


def of(container) -> Settings:
    """The settings of a running service, from its container's config (read once per container)."""
    found = getattr(container, "_servicekit_settings", None)
    if found is None:
        cls = _REGISTERED.get(container.service_name)
        if cls is None:
            raise SettingInvalid(f"no settings declared for the service {container.service_name!r} "
                                 f"(a `Settings` subclass with service={container.service_name!r})")
        found = cls.from_config(container.config)
        container._servicekit_settings = found  # extensions hold the container through a weak proxy
    return found


def registered(service_name) -> type:
    """The settings class declared for `service_name` (its settings module must have been imported)."""
    return _REGISTERED[service_name]


# -- types ---------------------------------------------------------------------------------------------

_BOOLEANS = {"true": True, "false": False}


def convert(key, value, kind):
    """`value` (as YAML or the container's config gave it) as `kind`; `SettingInvalid` naming `key`."""
    optional = False
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        members = [member for member in typing.get_args(kind) if member is not type(None)]
        kind, optional = members[0], True
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank and optional:
        return None
    try:
        if kind is str:
            return "" if value is None else str(value)
        if kind is bool:
            if isinstance(value, bool):
                return value
            return _BOOLEANS[str(value).strip().lower()]
        if kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if typing.get_origin(kind) is tuple:
            parts = value if isinstance(value, (list, tuple)) else str(value).split(",")
            return tuple(float(part) for part in parts if str(part).strip())
    except (TypeError, ValueError, KeyError):
        raise SettingInvalid(f"{key}: {value!r} is not {_described(kind)}") from None
    raise TypeError(f"{key}: settings of type {kind} are not supported")


def _described(kind):
    if kind is bool:
        return "true or false"
    if kind is int:
        return "a whole number"
    if kind is float:
        return "a number"
    if typing.get_origin(kind) is tuple:
        return "a comma-separated list of numbers"
    return f"a {kind.__name__}"


class SettingsProvider(DependencyProvider):
    """`self.settings` in a service: its settings object, read from the container's config at set-up
    (a value that does not parse stops the service before it serves)."""

    def setup(self):
        self.settings = of(self.container)

    def get_dependency(self, worker_ctx):
        return self.settings
