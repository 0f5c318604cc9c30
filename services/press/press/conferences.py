"""A press conference's materials: what is handed out (the presentation, the press kit, photos, a
short film), kept with the conference (a contacts event of kind `basin_toplantisi`) and shared by
e-mail with its guests: those who came, who accepted, or every guest who did not decline.

The event and its guests are the information bank's; press keeps the files and a record of each
sharing (when, by whom, to which guests, how many), never the guests' names or addresses.
"""
import logging
import uuid
from datetime import datetime

from contracts import press as events
from contracts.press_inputs import (AUDIENCES, MATERIAL_TYPES, MAX_MATERIAL_BYTES, PressConferenceMaterialInput,
                                   PressConferenceShareInput)

from . import access, files, information_bank, inputs
from . import storage_conferences as storage
from .exceptions import InvalidTransition, NotFound
from .present import plain

log = logging.getLogger(__name__)

PRESS_CONFERENCE = "basin_toplantisi"
# what one e-mail may carry: common mail servers refuse messages much over 25 MB
MAX_SHARED_BYTES = 20 * files.MB


def add_material(store, contacts_rpc, event_id, material, actor, timeout):
    """`{"title": "Sunum", "file": {"filename", "content_type", "content_base64"}}` for a press conference."""
    by = access.require(actor, access.WRITERS)
    material = inputs.load(PressConferenceMaterialInput, material)
    event = _conference(contacts_rpc, event_id, actor, timeout)
    filename, content_type, content = files.decode(material["file"], MATERIAL_TYPES, MAX_MATERIAL_BYTES)
    row = {"id": uuid.uuid4(), "event_id": event["id"], "title": material["title"], "filename": filename,
           "content_type": content_type, "size": len(content), "content": content, "created_by": by}
    with store.transaction() as tx:
        return plain(storage.add_material(tx.cursor, row))


def materials(store, contacts_rpc, event_id, actor, timeout):
    """The conference (as the information bank shows it), its materials and each time they were shared."""
    event = _conference(contacts_rpc, event_id, actor, timeout)
    with store.transaction() as tx:
        return plain({"event": event, "materials": storage.materials(tx.cursor, event["id"]),
                      "shares": storage.shares(tx.cursor, event["id"])})


def remove_material(store, event_id, material_id, actor):
    access.require(actor, access.WRITERS)
    event_id = inputs.identifier(event_id, "Basın toplantısı")
    with store.transaction() as tx:
        if not storage.remove_material(tx.cursor, event_id, inputs.identifier(material_id, "Materyal")):
            raise NotFound("Materyal bulunamadı.")
        return plain(storage.materials(tx.cursor, event_id))


def material_file(store, material_id):
    """`{"filename", "content_type", "content_base64"}` of one material (notify attaches it)."""
    with store.transaction() as tx:
        row = storage.material_content(tx.cursor, inputs.identifier(material_id, "Materyal"))
    if row is None:
        raise NotFound("Materyal bulunamadı.")
    return files.encoded(row["filename"], row["content_type"], row["content"], "Materyal")


def share(store, contacts_rpc, event_id, audience, note, actor, timeout):
    """E-mail every material to the guests of `audience` that have an address; answers the counts."""
    by = access.require(actor, access.WRITERS)
    wanted = inputs.load(PressConferenceShareInput, {"audience": audience, "note": note or ""})
    audience, note = wanted["audience"], wanted["note"]
    _conference(contacts_rpc, event_id, actor, timeout)
    found = information_bank.ask(contacts_rpc, timeout, "event_audience", str(event_id), audience,
                                 missing="Basın toplantısı bulunamadı.")
    event, guests = found["event"], found["guests"]
    with store.transaction() as tx:
        shared = storage.materials(tx.cursor, event["id"])
    if not shared:
        raise InvalidTransition("Paylaşılacak materyal yok: önce dosya ekleyin.")
    if sum(m["size"] for m in shared) > MAX_SHARED_BYTES:
        raise InvalidTransition(f"Materyaller toplam {MAX_SHARED_BYTES // files.MB} MB'ı geçemez (bir e-postanın "
                                "taşıyabileceği); büyük dosyaları çıkarın.")
    recipients = information_bank.mailable(guests)
    if not recipients:
        raise InvalidTransition(f"Bu toplantının {AUDIENCES[audience]} arasında e-posta adresi olan kimse yok.")
    share_id = uuid.uuid4()
    row = {"id": share_id, "event_id": event["id"], "audience": audience, "note": note,
           "material_ids": [m["id"] for m in shared], "recipients": len(recipients),
           "without_email": sum(1 for guest in guests if not (guest.get("email") or "").strip()), "shared_by": by}
    with store.transaction() as tx:
        recorded = storage.add_share(tx.cursor, row)
        tx.emit(events.CONFERENCE_MATERIALS_SHARED, {
            "share_id": share_id, "event_id": event["id"], "title": event["title"],
            "starts_at": datetime.fromisoformat(event["starts_at"]),
            "place": event.get("place"), "audience": audience, "note": note,
            "materials": [{"id": m["id"], "filename": m["filename"], "content_type": m["content_type"],
                           "size": m["size"]} for m in shared],
            "recipients": recipients})
    log.info("conference %s: %s material(s) shared with %s guest(s)", event["id"], len(shared), len(recipients))
    return plain(recorded)


def _conference(contacts_rpc, event_id, actor, timeout):
    """The event from the information bank; only a press conference has materials."""
    event = information_bank.ask(contacts_rpc, timeout, "get_event", str(inputs.identifier(event_id, "Basın toplantısı")),
                                 actor, missing="Basın toplantısı bulunamadı.")
    if event["kind"] != PRESS_CONFERENCE:  # materials belong to press conferences only: this is none
        raise NotFound("Basın toplantısı bulunamadı: bu etkinlik bir basın toplantısı değil.")
    return event

