"""Spreadsheet import and export of the information bank, the way Turkish Excel reads and writes CSV.

Reading: UTF-8 with or without BOM ("CSV UTF-8"), else cp1254 (Turkish Excel's plain "CSV"); the
delimiter (`;`, `,` or tab) is counted on the header line. Headers are matched case- and accent-
insensitively ("KAYIT NO", "kayit no" and "Kayıt No" are one column). Row numbers are the
spreadsheet's: the header is row 1.

Writing: UTF-8 with BOM and CRLF, so Excel opens it with Turkish letters intact. A cell that would start
with = + - @ is prefixed with an apostrophe so Excel does not run it as a formula; reading strips it.

A row describes a person when "Ad Soyad" (or "Ad" and "Soyad") is filled (its organisation, if any, in "Kurum"), else the
organisation named in "Kurum". Multi-valued cells are separated by `|` or `,` (tags), also `;` (phones,
e-mails), and only by `|` for addresses (they contain commas). CSV holds one current role, so an export carries a
person's first role still held and not the history.
"""
import csv
import hashlib
import io
import re
from typing import NamedTuple

from servicekit.spreadsheet import FORMULA_START, excel_csv
from servicekit.turkish import fold

from . import categories, phones
from .duplicates import display_name

COLUMNS = {  # field -> header as written on export
    "external_ref": "Kayıt No",
    "full_name": "Ad Soyad",
    "organisation": "Kurum",
    "category": "Kategori",
    "title": "Görev",
    "phones": "Telefon",
    "emails": "E-posta",
    "addresses": "Adres",
    "neighbourhood": "Mahalle",
    "tags": "Etiketler",
    "notes": "Notlar",
    "basis": "Yasal Dayanak",
}
_ALIASES = {"adi soyadi": "full_name", "isim": "full_name", "ad": "given_name", "adi": "given_name",
            "soyad": "surname", "soyadi": "surname", "kurum adi": "organisation",
            "kurulus": "organisation", "unvan": "title", "gorevi": "title", "tel": "phones",
            "telefon no": "phones", "gsm": "phones", "eposta": "emails", "email": "emails", "mail": "emails",
            "adresi": "addresses", "etiket": "tags", "not": "notes", "aciklama": "notes",
            "kvkk dayanagi": "basis", "kayit numarasi": "external_ref"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class ParsedRow(NamedTuple):
    """One line of an import: `record` when the row is valid, else `errors` (Turkish, with the row)."""
    row: int
    record: dict | None
    errors: list


def _header_key(text):
    return re.sub(r"[^a-z0-9]+", " ", fold(text or "")).strip()


_HEADERS = {_header_key(h): f for f, h in COLUMNS.items()} | {_header_key(a): f for a, f in _ALIASES.items()}


def decode(data):
    """The text of a CSV file: UTF-8 (BOM dropped), else cp1254."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1254")


def _delimiter(text):
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _split(value, separators="|,"):
    return [p.strip() for p in re.split("[" + re.escape(separators) + "]", value) if p.strip()]


def _cell(value):
    value = (value or "").strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        value = value[1:]
    return value


def _record(cells, row):
    errors = []
    name = cells.get("full_name") or " ".join(filter(None, (cells.get("given_name"), cells.get("surname"))))
    organisation = cells.get("organisation", "")
    kind = categories.PERSON if name else categories.ORGANISATION
    if not name and not organisation:
        errors.append(f"Satır {row}: ad soyad ya da kurum adı gerekli.")

    category = categories.find_code(categories.CATEGORIES, cells.get("category"))
    if not cells.get("category"):
        errors.append(f"Satır {row}: kategori boş.")
    elif category is None:
        errors.append(f"Satır {row}: bilinmeyen kategori {cells['category']!r}.")
    elif kind == categories.ORGANISATION and categories.is_person_category(category):
        errors.append(f"Satır {row}: {categories.category_label(category)!r} kişiler için bir kategoridir; "
                      f"ad soyad yazılmalı.")

    numbers = []
    for raw in _split(cells.get("phones", ""), "|,;"):
        try:
            numbers.append(phones.normalise(raw))
        except phones.InvalidPhone as exc:
            errors.append(f"Satır {row}: {exc}")
    emails = _split(cells.get("emails", ""), "|,;")
    errors += [f"Satır {row}: geçersiz e-posta adresi {e!r}." for e in emails if not _EMAIL.match(e)]

    basis = None
    if cells.get("basis"):
        basis = categories.find_code(categories.LAWFUL_BASES, cells["basis"])
        if basis is None:
            errors.append(f"Satır {row}: bilinmeyen yasal dayanak {cells['basis']!r}.")
    if errors:
        return None, errors

    title = cells.get("title") or None
    roles = []
    if kind == categories.PERSON and (organisation or title):
        roles.append({"organisation_id": None, "organisation_name": organisation or None, "office": title,
                      "title": title, "started_on": None, "ended_on": None})
    record = {
        "id": None, "kind": kind, "category": category,
        "phones": list(dict.fromkeys(numbers)), "emails": list(dict.fromkeys(emails)),
        "addresses": _split(cells.get("addresses", ""), "|"),
        "neighbourhood": cells.get("neighbourhood") or None,
        "tags": _split(cells.get("tags", "")), "notes": cells.get("notes", ""), "roles": roles,
        "consent": {"basis": basis, "given_on": None, "opted_out_on": None},
        "last_verified_on": None, "external_ref": cells.get("external_ref") or None,
    }
    record["full_name" if kind == categories.PERSON else "name"] = name or organisation
    return record, []


def parse(data):
    """Read an uploaded CSV (bytes, or text already decoded); yields a ParsedRow per data row.

    Blank rows are skipped. A header problem comes first as ParsedRow(1, None, [...]): unknown columns are named
    once and ignored; when neither "Ad Soyad" nor "Kurum" is a column, nothing else is yielded.
    """
    text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = next(reader, None)
    if header is None:
        yield ParsedRow(1, None, ["Dosya boş: başlık satırı yok."])
        return
    fields = [_HEADERS.get(_header_key(h)) for h in header]
    unknown = [h.strip() for h, f in zip(header, fields) if f is None and h.strip()]
    if not {"full_name", "given_name", "surname", "organisation"} & set(fields):
        yield ParsedRow(1, None, ["Satır 1: 'Ad Soyad' ya da 'Kurum' sütunu bulunamadı."])
        return
    if unknown:
        yield ParsedRow(1, None, ["Satır 1: bilinmeyen sütunlar yok sayıldı: " + ", ".join(unknown) + "."])
    for row, values in enumerate(reader, start=2):
        if not any(_cell(v) for v in values):
            continue
        cells = {f: _cell(v) for f, v in zip(fields, values) if f and _cell(v)}
        record, errors = _record(cells, row)
        yield ParsedRow(row, record, errors)


def import_key(record):
    """A stable key so re-importing a file does not duplicate: "ref:<Kayıt No>" when given, else
    "sha256:<hash of the folded name and the first phone, else the first e-mail>"."""
    if record.get("external_ref"):
        return "ref:" + str(record["external_ref"]).strip()
    contact = (record.get("phones") or [None])[0] or ((record.get("emails") or [""])[0]).strip().lower()
    basis = f"{fold(display_name(record))}|{contact}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _row(record):
    person = record.get("kind", categories.PERSON) == categories.PERSON
    role = next((r for r in record.get("roles") or () if r.get("ended_on") is None), None) if person else None
    basis = (record.get("consent") or {}).get("basis")
    values = {
        "external_ref": record.get("external_ref"),
        "full_name": record.get("full_name") if person else "",
        "organisation": (role or {}).get("organisation_name") if person else record.get("name"),
        "category": categories.category_label(record.get("category") or ""),
        "title": ((role or {}).get("title") or (role or {}).get("office")),
        "phones": " | ".join(phones.display(p) for p in record.get("phones") or ()),
        "emails": " | ".join(record.get("emails") or ()),
        "addresses": " | ".join(record.get("addresses") or ()),
        "neighbourhood": record.get("neighbourhood"),
        "tags": " | ".join(record.get("tags") or ()),
        "notes": record.get("notes"),
        "basis": categories.LAWFUL_BASES.get(basis, basis),
    }
    return [values[f] for f in COLUMNS]


def export(records, delimiter=";"):
    """The records as CSV bytes for Excel: UTF-8 with BOM, CRLF, the headers of COLUMNS."""
    return excel_csv(COLUMNS.values(), (_row(record) for record in records), delimiter)
