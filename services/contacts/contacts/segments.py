"""Saved filters (segments) over the information bank, and the pure predicate that defines them.

`SegmentSchema` validates a filter staff save; `matches(record, segment, on_date)` says whether a record
belongs to it. The storage layer translates the same filter to SQL for large lists; this predicate is
the reference its tests compare against.

Meaning of a filter: every criterion given narrows the list (AND); within a list criterion any value
will do (OR); an empty list or a missing key is no criterion. Names are compared Turkish-folded.
`organisation_id` and `offices` are judged on the roles held on `active_on` (default: the `on_date` of
the call), and both must hold for the same role ("the president of this association").
`has_email` / `has_phone`: True keeps records that have one, False those that have none.

KVKK: a record whose owner opted out (consent.opted_out_on on or before the day) is left out unless
`include_opted_out`; a segment `for_bulk` (bulk e-mail/SMS) can never include them and keeps only
records with a lawful basis.
"""
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from contracts.inbound import one_line
from servicekit.turkish import fold

from . import categories
from .duplicates import role_active

_REQUIRED = "Bu alan zorunludur."
_MESSAGES = {"required": _REQUIRED, "null": "Bu alan boş olamaz.", "invalid": "Geçersiz değer."}


def _list_of_text():
    return fields.List(fields.String(validate=validate.Length(min=1, error="Boş değer olamaz."),
                                     error_messages=_MESSAGES),
                       load_default=list, error_messages={"invalid": "Bir liste olmalı."})


class SegmentSchema(Schema):
    """A saved filter; loads to a dict with every key present (lists empty, the rest None/False)."""

    name = fields.String(load_default=None, validate=[validate.Length(max=200, error="En çok 200 karakter."),
                                                      one_line])
    categories = _list_of_text()
    tags = _list_of_text()
    neighbourhoods = _list_of_text()
    organisation_id = fields.String(load_default=None, allow_none=True, error_messages=_MESSAGES)
    offices = _list_of_text()
    active_on = fields.Date(load_default=None, allow_none=True,
                            error_messages={"invalid": "Geçerli bir tarih değil (YYYY-AA-GG)."})
    has_email = fields.Boolean(load_default=None, allow_none=True, error_messages={"invalid": "Evet/hayır olmalı."})
    has_phone = fields.Boolean(load_default=None, allow_none=True, error_messages={"invalid": "Evet/hayır olmalı."})
    include_opted_out = fields.Boolean(load_default=False, error_messages={"invalid": "Evet/hayır olmalı."})
    for_bulk = fields.Boolean(load_default=False, error_messages={"invalid": "Evet/hayır olmalı."})

    error_messages = {"unknown": "Bilinmeyen alan.", "type": "Geçersiz veri: bir nesne bekleniyordu."}

    @validates("categories")
    def _known_categories(self, value, **kwargs):
        unknown = [v for v in value if v not in categories.CATEGORIES]
        if unknown:
            raise ValidationError("Bilinmeyen kategori: " + ", ".join(unknown) + ".")

    @validates_schema
    def _no_opted_out_in_bulk(self, data, **kwargs):
        if data.get("for_bulk") and data.get("include_opted_out"):
            raise ValidationError("Toplu gönderimde iletişimi reddetmiş kişiler listeye alınamaz.",
                                  "include_opted_out")


def load(data):
    """The validated filter dict from staff input; raises marshmallow.ValidationError (Turkish messages)."""
    return SegmentSchema().load(data)


def opted_out(record, on_date):
    """True when the record's owner refused contact on or before `on_date`."""
    when = (record.get("consent") or {}).get("opted_out_on")
    return when is not None and when <= on_date


def _roles_match(record, segment, on_date):
    org, offices = segment.get("organisation_id"), set(segment.get("offices") or ())
    if not org and not offices:
        return True
    day = segment.get("active_on") or on_date
    return any(role_active(role, day)
               and (not org or str(role.get("organisation_id")) == str(org))
               and (not offices or role.get("office") in offices)
               for role in record.get("roles") or ())


def _any_folded(values, wanted):
    folded = {fold(w) for w in wanted}
    return any(fold(v) in folded for v in values if v)


def matches(record, segment, on_date):
    """True when `record` belongs to the loaded `segment` on `on_date` (see the module docstring)."""
    if segment.get("categories") and record.get("category") not in segment["categories"]:
        return False
    if segment.get("tags") and not _any_folded(record.get("tags") or (), segment["tags"]):
        return False
    if segment.get("neighbourhoods") and not _any_folded([record.get("neighbourhood")], segment["neighbourhoods"]):
        return False
    if not _roles_match(record, segment, on_date):
        return False
    for flag, field in (("has_email", "emails"), ("has_phone", "phones")):
        if segment.get(flag) is not None and bool(record.get(field)) != segment[flag]:
            return False
    if opted_out(record, on_date) and (segment.get("for_bulk") or not segment.get("include_opted_out")):
        return False
    if segment.get("for_bulk") and not (record.get("consent") or {}).get("basis"):
        return False
    return True
