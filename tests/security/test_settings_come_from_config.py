"""Kept from issue 15 on: a process's settings are read in one place, its settings object
(`servicekit.settings`), from its `config.yml`, where each default is written once. Outside it, the source of
services/, gateway/ and servicekit may not read the environment (`os.environ`, `os.getenv`), take nameko's raw
config dict (`Config()`, `container.config`), or look a setting up by name with a fallback
(`config.get("MAIL_FROM") or "..."`): each of those is how a second default, one that disagrees, came about.

The exceptions read something that is not a setting of the process; each is listed with its reason, and the
list may not keep an entry that no longer applies."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(path for part in ("services", "gateway", "libs/servicekit") for path in (ROOT / part).rglob("*.py")
                 if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts))
SETTINGS_MODULE = "libs/servicekit/servicekit/settings.py"
CONFIG_KEYS = frozenset(key for path in [*ROOT.glob("services/*/config.yml"), ROOT / "gateway" / "config.yml"]
                        for key in re.findall(r"^(\w+):", path.read_text(encoding="utf-8"), re.MULTILINE))
ALLOWED = {
    ("gateway/gateway/cli.py", "os.environ"):
        "gateway-admin takes GATEWAY_DB_URL, the name `make run` gives the gateway's database, before the "
        "gateway's own DB_URL setting",
    ("libs/servicekit/servicekit/topology.py", "os.environ"):
        "EVENT_QUEUE_TYPE is the broker's, shared by every party that declares a queue, tools included",
    ("libs/servicekit/servicekit/pdf.py", "os.environ"):
        "PDF_FONT_PATH for a document whose service passes no font of its own (intake's receipt, notify's letter)",
    ("libs/servicekit/servicekit/outbox.py", "config.get"):
        "the relay is also built by tests and benchmarks with a short dict; only its sweep reads the interval",
    ("libs/servicekit/servicekit/outbound.py", "config.get"):
        "OUTBOUND_ALLOW read from the settings object, where unset is empty, not a default",
}


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def readings(tree):
    """`(line, kind)` for each way the module reads configuration around its settings object."""
    for node in ast.walk(tree):
        dotted = _dotted(node) if isinstance(node, ast.Attribute) else None
        if dotted and (dotted == "os.environ" or dotted.startswith("os.environ.") or dotted == "os.getenv"):
            yield node.lineno, "os.environ"
        elif dotted and dotted.endswith("container.config"):
            yield node.lineno, "container.config"
        if isinstance(node, ast.ImportFrom) and node.module == "nameko.dependency_providers" \
                and any(alias.name == "Config" for alias in node.names):
            yield node.lineno, "Config()"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr)):
            if isinstance(node.args[0], ast.Constant):
                named = node.args[0].value in CONFIG_KEYS
            else:  # f"{channel.upper()}_PER_MINUTE"
                named = any(re.search(r"[A-Z]{2,}", part.value) for part in node.args[0].values
                            if isinstance(part, ast.Constant))
            if named:
                yield node.lineno, "config.get"


def found():
    seen = {}
    for path in SOURCES:
        relative = str(path.relative_to(ROOT))
        if relative == SETTINGS_MODULE:
            continue
        for line, kind in readings(ast.parse(path.read_text(encoding="utf-8"))):
            seen.setdefault((relative, kind), []).append(line)
    return seen


def test_no_module_reads_configuration_beside_its_settings_object():
    unexpected = {f"{path}:{lines[0]}: {kind}" for (path, kind), lines in found().items()
                  if (path, kind) not in ALLOWED}
    assert not unexpected, ("read the setting from the service's settings object (`<service>/settings.py`), with "
                            "its default in config.yml: " + "; ".join(sorted(unexpected)))


def test_every_allowed_exception_is_still_needed():
    assert set(ALLOWED) <= set(found()), sorted(set(ALLOWED) - set(found()))


@pytest.mark.parametrize("path", [path for path in SOURCES if path.name == "service.py"],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_a_timer_interval_is_a_setting_not_a_number_in_code(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "timer":
            for keyword in node.keywords:
                assert not isinstance(keyword.value, ast.Constant), f"{path}:{node.lineno}: a timer's interval"
                assert "AT_IMPORT" in ast.unparse(keyword.value), f"{path}:{node.lineno}: {ast.unparse(keyword.value)}"
