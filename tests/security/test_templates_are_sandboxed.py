"""Kept from the security review on: every Jinja2 environment in the platform is a sandboxed one, so a
template staff can edit never reaches Python's internals. A new plain `Environment` or `Template` fails here."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [path for part in ("services", "gateway", "libs") for path in (ROOT / part).rglob("*.py")
           if "tests" not in path.relative_to(ROOT).parts]
UNSANDBOXED = {"Environment", "Template", "from_string"}


def _jinja_uses(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jinja2"):
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "jinja2":
            yield f"jinja2.{node.attr}"


def test_no_template_is_rendered_outside_jinja2s_sandbox():
    found = {str(path.relative_to(ROOT)): names for path in SOURCES if (names := set(_jinja_uses(path)))}
    assert found, "the scan found no use of Jinja2 at all: it no longer looks where the templates are"
    plain = {path: sorted(name for name in names if name.rsplit(".", 1)[1] in UNSANDBOXED)
             for path, names in found.items()}
    assert not {path: names for path, names in plain.items() if names}


def test_notify_renders_with_the_immutable_sandbox():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from notify import messages

    assert isinstance(messages._environment({}), ImmutableSandboxedEnvironment)
