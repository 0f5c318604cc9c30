"""servicekit.settings: a process's settings come from its config.yml (nameko's `${NAME:default}`), typed,
with one default each, and the same values nameko hands the container."""
import importlib
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from servicekit import deadletters_cli, secrets
from servicekit.settings import ServiceSettings, SettingInvalid, read_config

ROOT = Path(__file__).resolve().parents[4]
PROCESSES = {"intake": "IntakeSettings", "routing": "RoutingSettings", "notify": "NotifySettings",
             "contacts": "ContactsSettings", "press": "PressConfig", "gateway": "GatewaySettings"}


def config_file(name):
    return ROOT / ("gateway" if name == "gateway" else f"services/{name}") / "config.yml"


def settings_class(name):
    return getattr(importlib.import_module(f"{name}.settings"), PROCESSES[name])


@dataclass(frozen=True)
class Toy(ServiceSettings):
    CONFIG_FILE: ClassVar[Path] = None
    greeting: str
    sender: str | None
    delays: tuple[float, ...]
    loud: bool


def write(tmp_path, text):
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = {"PLATFORM_ENV": "development", "AMQP_URI": "amqp://u:p@h/", "DB_URL": "postgresql://u:p@h/d",
        "DB_POOL_SIZE": "3", "DB_MIGRATE_ON_START": "false", "OPS_HOST": "0.0.0.0", "OPS_PORT": 0,
        "OUTBOX_SWEEP_SECONDS": "0.5", "max_workers": 4, "GREETING": "Merhaba", "SENDER": "",
        "DELAYS": "1,5, 30", "LOUD": "TRUE"}


def test_values_are_typed_and_frozen():
    settings = Toy.from_config(BASE)
    assert (settings.db_pool_size, settings.db_migrate_on_start, settings.outbox_sweep_seconds) == (3, False, 0.5)
    assert settings.sender is None and settings.delays == (1.0, 5.0, 30.0) and settings.loud is True
    assert settings["DB_POOL_SIZE"] == 3 and settings["max_workers"] == 4  # by config key, as secrets reads it
    with pytest.raises(FrozenInstanceError):
        settings.db_pool_size = 5


@pytest.mark.parametrize("key, value", [("DB_POOL_SIZE", "on"), ("OPS_PORT", "9101x"), ("LOUD", "evet"),
                                        ("DELAYS", "1,soon"), ("OUTBOX_SWEEP_SECONDS", "")])
def test_a_value_that_does_not_parse_is_refused_naming_the_setting(key, value):
    with pytest.raises(SettingInvalid, match=rf"^{key}: "):
        Toy.from_config({**BASE, key: value})


def test_a_setting_missing_everywhere_is_refused_naming_it():
    without = {key: value for key, value in BASE.items() if key != "GREETING"}
    with pytest.raises(SettingInvalid, match=r"^GREETING: not set"):
        Toy.from_config(without)


def test_config_yml_is_read_with_the_environment_as_nameko_reads_it(tmp_path, monkeypatch):
    path = write(tmp_path, "PORT: ${TOY_PORT:9101}\nNAME: ${TOY_NAME:Gaziemir}\nAT: !raw_env_var \"${TOY_AT:08:30}\"\n"
                           "EMPTY: ${TOY_EMPTY:}\nFLAG: ${TOY_FLAG:false}\n")
    monkeypatch.delenv("TOY_PORT", raising=False)
    monkeypatch.delenv("TOY_AT", raising=False)
    monkeypatch.setenv("TOY_NAME", "Buca")
    assert read_config(path) == {"PORT": 9101, "NAME": "Buca", "AT": "08:30", "EMPTY": None, "FLAG": False}
    monkeypatch.setenv("TOY_PORT", "9200")
    assert read_config(path)["PORT"] == 9200
    assert yaml.safe_load("X: ${TOY_PORT:1}") == {"X": "${TOY_PORT:1}"}  # other YAML of the process stays plain


@pytest.mark.parametrize("name", sorted(PROCESSES))
def test_every_key_of_a_config_yml_is_a_setting_and_the_container_gets_the_same_values(name, monkeypatch):
    monkeypatch.setenv("PLATFORM_ENV", "development")
    cls = settings_class(name)
    nameko_config = read_config(config_file(name))  # what `nameko run --config config.yml` hands the container
    assert set(cls.keys_to_fields()) == set(nameko_config) - {"LOGGING"}, name
    assert cls.from_config(nameko_config) == cls.from_environment()  # the object and the container agree
    monkeypatch.setenv("MAX_WORKERS", "7")
    assert cls.from_environment().max_workers == read_config(config_file(name))["max_workers"] == 7


@pytest.mark.parametrize("name", sorted(PROCESSES))
def test_the_environment_sets_a_setting_and_a_short_container_config_takes_config_yml_for_the_rest(name,
                                                                                                monkeypatch):
    monkeypatch.setenv("OPS_PORT", "9999")
    cls = settings_class(name)
    assert cls.from_environment().ops_port == 9999
    assert cls.from_config({"OPS_PORT": 0}).ops_port == 0


def test_mail_from_has_one_default_the_one_in_config_yml(monkeypatch):
    monkeypatch.delenv("MAIL_FROM", raising=False)
    notify = settings_class("notify")
    assert notify.from_environment().mail_from == "Gaziemir Belediyesi <halklailiskiler@gaziemir.bel.tr>"
    source = (ROOT / "services/notify/notify/service.py").read_text(encoding="utf-8")
    assert "halklailiskiler@" not in source
    monkeypatch.setenv("MAIL_FROM", "Buca Belediyesi <bilgi@buca.bel.tr>")
    assert notify.from_environment().mail_from == "Buca Belediyesi <bilgi@buca.bel.tr>"


def test_the_start_up_check_reads_the_settings_object(monkeypatch):
    monkeypatch.delenv("PLATFORM_ENV", raising=False)
    monkeypatch.delenv("LOOKUP_CODE_SECRET", raising=False)
    intake = settings_class("intake").from_config({"DB_URL": "postgresql://intake:Zx9-long@db/intake",
                                                   "AMQP_URI": "amqp://intake:Qw8-long@mq/"})
    with pytest.raises(secrets.InsecureSecrets, match="LOOKUP_CODE_SECRET: not set"):
        secrets.check_service(intake, "intake")
    monkeypatch.setenv("LOOKUP_CODE_SECRET", "Zx9-long-random")
    secrets.check_service(settings_class("intake").from_config({"DB_URL": "postgresql://intake:Zx9-long@db/intake",
                                                                 "AMQP_URI": "amqp://intake:Qw8-long@mq/"}),
                          "intake")


def test_the_deadletters_command_reads_the_named_services_broker(monkeypatch):
    monkeypatch.setenv("AMQP_URI", "amqp://ops:Zx9-long@mq.example:5672/")
    assert deadletters_cli.service_settings("routing").amqp_uri == "amqp://ops:Zx9-long@mq.example:5672/"
    assert deadletters_cli.service_settings("no_such_service") is None
