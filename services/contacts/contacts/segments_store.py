"""Segments: fixed lists staff keep by hand, and saved filters (segments.SegmentSchema) evaluated in SQL.

A segment used for bulk messages (`segment_members`: press releases, invitations) only ever yields
records with a lawful basis whose owners did not opt out (KVKK), whatever the segment says.
"""
import datetime as dt
import uuid

from marshmallow import ValidationError
from psycopg2.errors import UniqueViolation
from servicekit.turkish import fold

from contracts import contacts as events
from contracts.contacts_api import SegmentChanges, SegmentInput, SegmentMembersInput

from . import access, records, schemas, segments, storage, storage_events
from .exceptions import Conflict, InvalidInput, NotFound

KINDS = events.SEGMENT_KINDS


def _filter_of(raw):
    """A filter as staff sent it (or as stored), validated; dates back to `date`."""
    try:
        return segments.load(raw or {})
    except ValidationError as exc:
        raise InvalidInput(schemas.flatten({"filter": exc.messages})) from None


def _stored(filter_):
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in filter_.items()}


def _name(value):
    name = (value or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput({"name": ["Liste adı 1–200 karakter olmalı."]})
    return name


def _emit(tx, row, change):
    tx.emit(events.SEGMENT_CHANGED, {"segment_id": row["id"], "name": row["name"], "kind": row["kind"],
                                     "change": change})


def _segment(cur, segment_id, lock=False):
    row = storage_events.segment(cur, schemas.identifier(segment_id, "liste"), lock)
    if row is None:
        raise NotFound("Böyle bir liste yok.")
    return row


def member_ids(cur, segment_id):
    """Ids of the segment's bulk list today: lawful basis, not opted out, not merged away."""
    row = _segment(cur, segment_id)
    if row["kind"] == "fixed":
        criteria = {"ids": storage_events.fixed_member_ids(cur, row["id"])}
    else:
        criteria = _filter_of(row["filter"])
        criteria = {**criteria, "tags": [fold(t) for t in criteria["tags"]],
                    "neighbourhoods": [fold(n) for n in criteria["neighbourhoods"]]}
    return storage.matching_ids(cur, {**criteria, "for_bulk": True, "include_opted_out": False}, records.today())


def create(store, segment, actor):
    """A fixed list (`{"name", "kind": "fixed", "members": [ids]}`) or a saved filter
    (`{"name", "kind": "filter", "filter": {...}}`)."""
    access.may_write(actor)
    segment = schemas.declared(SegmentInput, segment or {})
    name = _name(segment.get("name"))
    if segment.get("kind") not in KINDS:
        raise InvalidInput({"kind": ["Liste türü 'fixed' (elle) ya da 'filter' (süzgeç) olmalı."]})
    filter_ = _stored(_filter_of(segment.get("filter"))) if segment["kind"] == "filter" else None
    row = {"id": uuid.uuid4(), "name": name, "kind": segment["kind"], "filter": filter_,
           "created_by": access.actor_id(actor)}
    with store.transaction() as tx:
        if not storage_events.insert_segment(tx.cursor, row):
            raise Conflict("Bu adla bir liste zaten var.")
        if row["kind"] == "fixed" and segment.get("members"):
            storage_events.add_members(tx.cursor, row["id"], _ids(segment["members"]), row["created_by"])
        _emit(tx, row, "created")
        return _shown(tx.cursor, storage_events.segment(tx.cursor, row["id"]))


def _ids(values):
    return [schemas.identifier(v) for v in values or ()]


def _shown(cur, row):
    return records.public({**{k: v for k, v in row.items() if k != "fixed_members"},
                           "members": len(member_ids(cur, row["id"]))})


def listing(store, actor):
    """Every segment with the size of its bulk list today."""
    access.may_read(actor)
    with store.transaction() as tx:
        return [_shown(tx.cursor, row) for row in storage_events.segments(tx.cursor)]


def members(store, segment_id):
    """`[{"contact_id", "full_name", "email", "phone", "address", "organisation"}]`: the bulk list (phone:
    a mobile, for SMS; address: the first postal address, for what goes by post; organisation: where a
    person holds an office today)."""
    with store.transaction() as tx:
        ids = member_ids(tx.cursor, segment_id)
        found = records.read(tx.cursor, ids)
    return [reachable(found[str(contact_id)]) for contact_id in ids]


def reachable(record):
    """How a record is reached, as a bulk list or an event's guest list gives it to other services."""
    current = [role for role in record.get("roles") or () if role["ended_on"] is None and role["organisation_name"]]
    return {"contact_id": record["id"], "full_name": record.get("full_name") or record.get("name"),
            "email": (record["emails"] or [None])[0], "phone": records.first_mobile(record),
            "address": (record["addresses"] or [None])[0],
            "organisation": current[0]["organisation_name"] if current else None}


def change_members(store, segment_id, contact_ids, actor, add=True):
    """Add records to (or take them off) a fixed list; answers the segment."""
    access.may_write(actor)
    ids = _ids(schemas.declared(SegmentMembersInput, {"contact_ids": contact_ids})["contact_ids"])
    with store.transaction() as tx:
        row = _segment(tx.cursor, segment_id, lock=True)
        if row["kind"] != "fixed":
            raise Conflict("Süzgeçle tanımlı bir listeye elle kişi eklenip çıkarılamaz; süzgeci değiştirin.")
        if add:
            count = storage_events.add_members(tx.cursor, row["id"], ids, access.actor_id(actor))
        else:
            count = storage_events.remove_members(tx.cursor, row["id"], ids)
        if count:
            storage_events.touch_segment(tx.cursor, row["id"])
            _emit(tx, row, "updated")
        return _shown(tx.cursor, storage_events.segment(tx.cursor, row["id"]))


def update(store, segment_id, changes, actor):
    """Rename a segment or change its filter (`{"name"?, "filter"?}`)."""
    access.may_write(actor)
    changes = schemas.declared(SegmentChanges, changes or {})
    with store.transaction() as tx:
        row = _segment(tx.cursor, segment_id, lock=True)
        name = _name(changes["name"]) if "name" in changes else row["name"]
        filter_ = row["filter"]
        if "filter" in changes:
            if row["kind"] != "filter":
                raise Conflict("Elle tutulan bir listenin süzgeci olmaz.")
            filter_ = _stored(_filter_of(changes["filter"]))
        try:
            storage_events.update_segment(tx.cursor, row["id"], name, filter_)
        except UniqueViolation:
            raise Conflict("Bu adla bir liste zaten var.") from None
        row = storage_events.segment(tx.cursor, row["id"])
        _emit(tx, row, "updated")
        return _shown(tx.cursor, row)


def delete(store, segment_id, actor):
    access.may_write(actor)
    with store.transaction() as tx:
        row = _segment(tx.cursor, segment_id, lock=True)
        storage_events.delete_segment(tx.cursor, row["id"])
        _emit(tx, row, "deleted")
    return {"id": str(row["id"]), "deleted": True}
