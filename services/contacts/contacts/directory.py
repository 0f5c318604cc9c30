"""The records of the information bank: create, change, show; roles over time; KVKK opt-out.

Every change writes the record and a `contact_changed` event (ids only) in one transaction. Roles are
only ever added or ended, so who held an office when stays known after every election.
"""
from contracts import contacts as events
from contracts.contacts_records import (ContactChanges, ContactInput, ContactOptOut, ContactRoleEnd,
                                       ContactRoleInput, ContactVerified)

from . import access, categories, records, schemas, storage
from .duplicates import display_name
from .exceptions import Conflict, InvalidInput, NotFound


def changed(tx, contact_id, change, actor, merged_into=None):
    tx.emit(events.CONTACT_CHANGED, {"contact_id": contact_id, "change": change, "merged_into": merged_into,
                                     "changed_by": access.actor_id(actor)})


def live(cur, contact_id):
    """The record, locked for the change; NotFound when missing, Conflict when merged into another."""
    contact_id = schemas.identifier(contact_id)
    if str(contact_id) not in storage.lock_contacts(cur, [contact_id]):
        raise NotFound("Böyle bir kayıt yok.")
    record = records.read_one(cur, contact_id)
    if record["merged_into"]:
        raise Conflict(f"Bu kayıt başka bir kayıtla birleştirildi: {record['merged_into']}.")
    return record


def _organisations(cur, roles):
    """Roles that name an organisation by id get its current name; an id that is no organisation is refused."""
    ids = {str(r["organisation_id"]) for r in roles if r.get("organisation_id")}
    names = storage.organisation_names(cur, ids) if ids else {}
    errors = {f"roles.{i}.organisation_id": ["Böyle bir kurum kaydı yok."] for i, r in enumerate(roles)
              if r.get("organisation_id") and str(r["organisation_id"]) not in names}
    if errors:
        raise InvalidInput(errors)
    return [{**r, "organisation_name": names[str(r["organisation_id"])]} if r.get("organisation_id") else r
            for r in roles]


def _external_ref_free(cur, external_ref, contact_id=None):
    owner = storage.find_contact(cur, external_ref=external_ref) if external_ref else None
    if owner is not None and str(owner) != str(contact_id):
        raise InvalidInput({"external_ref": ["Bu kayıt numarası başka bir kayıtta kullanılıyor."]})


def _possible_duplicates(cur, contact_id, record):
    criteria = [{"point": p, "point_kind": "phone"} for p in record.get("phones") or ()]
    criteria += [{"point": e, "point_kind": "email"} for e in record.get("emails") or ()]
    found = {str(i) for c in criteria for i in storage.matching_ids(cur, c, records.today(), limit=20)}
    found |= {str(i) for i in storage.same_name(cur, record["kind"], records.row_of(record)["name_key"])}
    return sorted(found - {str(contact_id)})


def create(store, record, actor):
    """A new record; answers with it and the ids of records that look like the same one."""
    access.may_write(actor)
    data = schemas.load(schemas.ContactSchema, record)  # contacts' own words for its codes first
    schemas.declared(ContactInput, record)
    with store.transaction() as tx:
        _external_ref_free(tx.cursor, data.get("external_ref"))
        data["roles"] = _organisations(tx.cursor, data["roles"]) if data["kind"] == categories.PERSON else []
        data = records.with_office_codes(data, records.precedence_table(tx.cursor))
        contact_id = records.create(tx.cursor, data, access.actor_id(actor))
        changed(tx, contact_id, "created", actor)
        shown = records.read_one(tx.cursor, contact_id)
        shown["possible_duplicates"] = _possible_duplicates(tx.cursor, contact_id, data)
    return records.public(shown)


def update(store, contact_id, changes, actor):
    """Change the fields given (not the roles: add_role / end_role; not the opt-out: opt_out). Only the
    person's new explicit consent lifts an opt-out: `consent` with basis `acik_riza` and a `given_on`
    after the day they opted out."""
    access.may_write(actor)
    data = schemas.load(schemas.ContactSchema, changes, partial=True)
    schemas.declared(ContactChanges, changes)
    data.pop("roles", None)
    with store.transaction() as tx:
        stored = live(tx.cursor, contact_id)
        if data.get("kind", stored["kind"]) != stored["kind"]:
            raise InvalidInput({"kind": ["Kişi kaydı kuruma (ya da tersi) çevrilemez; yeni kayıt açın."]})
        consent = {**stored["consent"], **{k: v for k, v in (data.pop("consent", None) or {}).items()}}
        lifted = consented_again(stored["consent"], consent)
        consent["opted_out_on"] = None if lifted else stored["consent"]["opted_out_on"]
        merged = {**stored, **data, "consent": consent}
        if not display_name(merged):
            field = "full_name" if stored["kind"] == categories.PERSON else "name"
            raise InvalidInput({field: ["Ad boş bırakılamaz."]})
        _external_ref_free(tx.cursor, merged.get("external_ref"), contact_id)
        if records.fingerprint(merged) != records.fingerprint(stored):
            records.update(tx.cursor, contact_id, merged, access.actor_id(actor))
            changed(tx, contact_id, "updated", actor)
        shown = records.read_one(tx.cursor, contact_id)
    return records.public(shown)


def consented_again(before, after):
    """True when an opted-out person has since given explicit consent (KVKK m.5/1), dated after the opt-out."""
    opted_out_on, given_on = before.get("opted_out_on"), after.get("given_on")
    return bool(opted_out_on and given_on and after.get("basis") == "acik_riza" and given_on > opted_out_on)


def view(store, contact_id, actor):
    """A record with its whole role history and every phone, e-mail and address."""
    access.may_read(actor)
    contact_id = schemas.identifier(contact_id)
    with store.transaction() as tx:
        record = records.read_one(tx.cursor, contact_id)
    if record is None:
        raise NotFound("Böyle bir kayıt yok.")
    return records.public(record)


def add_role(store, person_id, role, actor):
    """A new office held by a person (an election, an appointment); earlier roles stay as they are."""
    access.may_write(actor)
    data = schemas.load(schemas.RoleSchema, role)
    schemas.declared(ContactRoleInput, role)
    with store.transaction() as tx:
        person = live(tx.cursor, person_id)
        if person["kind"] != categories.PERSON:
            raise InvalidInput({"person_id": ["Görev yalnızca kişi kayıtlarına eklenir."]})
        [data] = _organisations(tx.cursor, [data])
        [data] = records.with_office_codes({"roles": [data]}, records.precedence_table(tx.cursor))["roles"]
        storage.insert_role(tx.cursor, {**data, "person_id": person["id"], "by": access.actor_id(actor)})
        records.refresh_search(tx.cursor, person["id"])
        changed(tx, person["id"], "updated", actor)
        shown = records.read_one(tx.cursor, person["id"])
    return records.public(shown)


def end_role(store, role_id, ended_on, actor, contact_id=None):
    """The role ends on `ended_on` (today when None); the row stays, as history. With `contact_id`, the role
    must be that record's."""
    access.may_write(actor)
    schemas.declared(ContactRoleEnd, schemas.given(ended_on=ended_on))
    ended = schemas.day(ended_on, "ended_on") or records.today()
    with store.transaction() as tx:
        role = storage.role_for_update(tx.cursor, int(role_id)) if str(role_id).isdigit() else None
        if role is None or (contact_id is not None and str(role["person_id"]) != str(schemas.identifier(contact_id))):
            raise NotFound("Böyle bir görev kaydı yok." if contact_id is None else "Bu kayıtta böyle bir görev yok.")
        live(tx.cursor, role["person_id"])
        if role["ended_on"] is not None:
            raise Conflict(f"Bu görev {role['ended_on'].isoformat()} tarihinde zaten sona ermiş.")
        if role["started_on"] and ended < role["started_on"]:
            raise InvalidInput({"ended_on": ["Bitiş tarihi başlangıçtan önce olamaz."]})
        storage.end_role(tx.cursor, role["id"], ended, access.actor_id(actor))
        records.refresh_search(tx.cursor, role["person_id"])
        changed(tx, role["person_id"], "updated", actor)
        shown = records.read_one(tx.cursor, role["person_id"])
    return records.public(shown)


def mark_verified(store, contact_id, actor, verified_on=None):
    """Staff checked the record with its owner: the upkeep queue and any campaign mark are cleared."""
    access.may_write(actor)
    schemas.declared(ContactVerified, schemas.given(verified_on=verified_on))
    day = schemas.day(verified_on, "verified_on") or records.today()
    with store.transaction() as tx:
        live(tx.cursor, contact_id)
        storage.set_columns(tx.cursor, contact_id, access.actor_id(actor), last_verified_on=day,
                            verification_due_reason=None, verification_due_since=None)
        changed(tx, contact_id, "verified", actor)
        shown = records.read_one(tx.cursor, contact_id)
    return records.public(shown)


def opt_out(store, contact_id, actor, opted_out_on=None):
    """The person refused further contact (KVKK): never again in a bulk list, an invitation or an export.
    Repeating it changes nothing (the first date stays)."""
    access.may_write(actor)
    schemas.declared(ContactOptOut, schemas.given(opted_out_on=opted_out_on))
    day = schemas.day(opted_out_on, "opted_out_on") or records.today()
    with store.transaction() as tx:
        record = live(tx.cursor, contact_id)
        if record["consent"]["opted_out_on"] is None:
            storage.set_columns(tx.cursor, contact_id, access.actor_id(actor), opted_out_on=day)
            changed(tx, contact_id, "opted_out", actor)
        shown = records.read_one(tx.cursor, contact_id)
    return records.public(shown)
