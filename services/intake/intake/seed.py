"""Seed data (DOMAIN.md §7): loaded at start, idempotent, editable in `seed/<municipality>.yml`."""
from pathlib import Path

import yaml

from servicekit.turkish import fold

from . import storage

DEFAULT_SEED = Path(__file__).resolve().parent.parent / "seed" / "gaziemir.yml"


def read_seed(path=None):
    with open(path or DEFAULT_SEED, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_seed(store, path=None):
    seed = read_seed(path)
    with store.transaction() as tx:
        storage.seed_neighbourhoods(tx.cursor, seed.get("neighbourhoods", []), fold)
    return seed


def load_seed_on_start(store, settings):
    """`Database(on_start=...)` hook: the seed file named by `SEED_FILE`, else Gaziemir's."""
    return load_seed(store, settings.seed_file)
