"""README's configuration table says what the `config.yml` files say: every variable a process reads, with
the default written there and nowhere else (issue 15: a second default in the README had begun to disagree)."""
import re
from pathlib import Path

import pytest

from deploy.local import processes
from servicekit import secrets

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = {name: folder / "config.yml" for name, folder, _module, _port in processes.PROCESSES}
# variables a process does not read from its config.yml: `make run`'s own, and the broker's queue type
# (servicekit.topology, shared by every party that declares a queue)
NOT_IN_A_CONFIG = {"DEV_ACCOUNTS", "EVENT_QUEUE_TYPE"}
PER_PROCESS = ("DB_URL", "OPS_PORT")  # documented as <PROCESS>_DB_URL, <PROCESS>_OPS_PORT (`make run`'s names)


def defaults():
    """`{variable: {process: default}}` from every `${VARIABLE:default}` of every config.yml."""
    found = {}
    for name, path in CONFIGS.items():
        for variable, default in re.findall(r"\$\{(\w+):([^}]*)\}", path.read_text(encoding="utf-8")):
            found.setdefault(variable, {})[name] = default
    for variable in PER_PROCESS:
        for name, default in found.pop(variable).items():
            found[f"{name.upper()}_{variable}"] = {name: default}
    return found


def table():
    """`{variable: its default cell's token}` from README's configuration section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration (environment variables)", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        variables = re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[0])
        tokens = re.findall(r"`[^`]*`(?:/`[^`]*`)*|–|required", cells[1])
        assert len(tokens) == len(variables), f"README: {cells[0]} has {len(tokens)} defaults: {cells[1]}"
        for variable, token in zip(variables, tokens):
            assert variable not in rows, f"README lists {variable} twice"
            rows[variable] = token
    return rows


def test_every_variable_of_a_config_is_in_the_table_and_nothing_else():
    documented, read = set(table()), set(defaults())
    assert read - documented == set(), "README's configuration table lacks these"
    assert documented - read - NOT_IN_A_CONFIG == set(), "README documents variables no config.yml reads"


@pytest.mark.parametrize("variable", sorted(defaults()))
def test_the_table_gives_the_config_ymls_default(variable):
    token, given = table()[variable], set(defaults()[variable].values())
    if token == "–":
        assert given == {""}, f"{variable}: config.yml's default is {given}, README says none"
    elif token == "required":
        assert given == {""} and variable in secrets.DEVELOPMENT_DEFAULTS, variable
    else:
        assert set(re.findall(r"`([^`]*)`", token)) == given, f"{variable}: README {token}, config.yml {given}"


def test_make_runs_ports_are_the_configs():
    from deploy.local import run

    for name, _folder, _module, port in processes.PROCESSES:
        if name == "gateway":
            assert defaults()["GATEWAY_OPS_PORT"]["gateway"] == str(run.GATEWAY_OPS_PORT)
            assert defaults()["GATEWAY_ADDRESS"]["gateway"] == f"127.0.0.1:{port}"
        else:
            assert defaults()[f"{name.upper()}_OPS_PORT"][name] == str(port), name
