"""The district precedence list (DOMAIN.md §5) as editable data: office code -> rank, title, source.

Office, not person, determines rank: a record's rank on a date is the best rank among the roles it
holds that day. The list ships as data/precedence_gaziemir.yml and must be checked against the
Kaymakamlık's current list *(verify)*; `load` refuses a file staff have broken, with Turkish messages.
"""
from importlib import resources
from typing import NamedTuple

import yaml
from servicekit.turkish import fold

from .duplicates import role_active

DEFAULT_FILE = "precedence_gaziemir.yml"


class Office(NamedTuple):
    code: str
    rank: int
    title: str
    source: str


class InvalidPrecedence(ValueError):
    """The precedence file is malformed; the message says where, in Turkish."""


def _offices(document):
    if not isinstance(document, dict) or not isinstance(document.get("offices"), list):
        raise InvalidPrecedence("Protokol listesi dosyasında 'offices' listesi yok.")
    return document["offices"]


def parse(document):
    """The table {code: Office} from an already-read YAML document; raises InvalidPrecedence.

    Every entry needs a code, a positive integer rank and a title; codes and ranks are unique (two
    offices of equal standing are one entry, e.g. "Hâkimler").
    """
    table, ranks = {}, {}
    for number, entry in enumerate(_offices(document), start=1):
        where = f"Protokol listesi, {number}. kayıt"
        if not isinstance(entry, dict):
            raise InvalidPrecedence(f"{where}: kayıt bir eşleme (code, rank, title) olmalı.")
        code, rank, title = entry.get("code"), entry.get("rank"), entry.get("title")
        if not isinstance(code, str) or not code.strip():
            raise InvalidPrecedence(f"{where}: makam kodu (code) eksik.")
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise InvalidPrecedence(f"{where} ({code}): sıra (rank) pozitif bir tam sayı olmalı.")
        if not isinstance(title, str) or not title.strip():
            raise InvalidPrecedence(f"{where} ({code}): makam adı (title) eksik.")
        if code in table:
            raise InvalidPrecedence(f"{where}: '{code}' makam kodu listede iki kez geçiyor.")
        if rank in ranks:
            raise InvalidPrecedence(f"{where} ({code}): {rank}. sıra '{ranks[rank]}' makamına da verilmiş.")
        table[code] = Office(code, rank, title.strip(), str(entry.get("source") or ""))
        ranks[rank] = code
    return table


def load(path=None):
    """The precedence table {code: Office} from a YAML file (the packaged Gaziemir list by default)."""
    if path is None:
        text = resources.files("contacts").joinpath("data", DEFAULT_FILE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidPrecedence(f"Protokol listesi dosyası okunamadı (YAML hatası): {exc}") from exc
    return parse(document)


def rank_of(office_code, table):
    """The rank of an office code, or None when the office is not on the list."""
    office = table.get(office_code)
    return office.rank if office else None


def code_for_title(title, table):
    """The office code whose code or title is `title`, case- and accent-insensitively; None if none."""
    wanted = fold(title or "").replace("_", " ")
    if not wanted:
        return None
    for office in table.values():
        if wanted in (fold(office.code).replace("_", " "), fold(office.title)):
            return office.code
    return None


def person_rank(record, table, on_date):
    """The best (lowest) rank among the offices `record` holds on `on_date`, or None for no rank."""
    ranks = [rank_of(role.get("office"), table) for role in record.get("roles") or () if role_active(role, on_date)]
    return min((r for r in ranks if r is not None), default=None)
