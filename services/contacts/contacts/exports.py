"""Exporting records as a spreadsheet (CSV for Turkish Excel) or an address book (vCard).

An export is a copy of personal data leaving the system, so only the information bank's writers may
make one, and records whose owners opted out are left out unless the filter asks for them by name
(`include_opted_out`); a segment exports exactly its bulk list (`segment_members`).
"""
import base64

from contracts.contacts import FILE_FORMATS
from contracts.contacts_records import ExportQuery

from . import access, csv_io, records, schemas, storage, vcard_io
from .exceptions import InvalidInput
from .search import criteria_of
from .segments_store import member_ids

# the file name and type of each format (contracts.contacts.FILE_FORMATS: csv, vcard)
FILES = dict(zip(FILE_FORMATS, (("rehber.csv", "text/csv; charset=utf-8"),
                                ("rehber.vcf", "text/vcard; charset=utf-8"))))
MAX_RECORDS = 100_000


def export(store, format, actor, segment_id=None, filters=None):
    """`{"filename", "content_type", "content_base64", "count"}` for a segment or a filter."""
    access.may_write(actor)
    schemas.declared(ExportQuery, {**(filters or {}), **schemas.given(format=format, segment_id=segment_id)})
    if format not in FILES:
        raise InvalidInput({"format": ["Biçim 'csv' ya da 'vcard' olmalı."]})
    criteria = None
    if segment_id is None:
        criteria = criteria_of({"include_opted_out": False, **(filters or {})})
    with store.transaction() as tx:
        if segment_id is not None:
            ids = member_ids(tx.cursor, schemas.identifier(segment_id, "liste"))
        else:
            ids = storage.matching_ids(tx.cursor, criteria, records.today(), limit=MAX_RECORDS)
        found = records.read(tx.cursor, ids)
    ordered = [found[str(i)] for i in ids if str(i) in found]
    if format == "csv":
        content = csv_io.export(ordered)
    else:
        content = vcard_io.export(ordered).encode("utf-8")
    filename, content_type = FILES[format]
    return {"filename": filename, "content_type": content_type, "count": len(ordered),
            "content_base64": base64.b64encode(content).decode("ascii")}
