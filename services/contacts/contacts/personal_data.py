"""What the information bank holds about one person, for the public relations desk answering a KVKK
data-subject request (ilgili kişi başvurusu, KVKK m. 11, 13): the records with exactly this e-mail or
phone, each looked up as the bank stores it (`emails.normalise`, `phones.normalise`). The bank keeps no
TC Kimlik No, so a search by it alone finds nothing here and says so by leaving `contacts` out."""
from . import emails, phones, records, storage
from .exceptions import NotAllowed

SEARCHERS = frozenset({"admin", "pr_officer"})


def points_of(email=None, phone=None):
    """The `(kind, normalised value)` pairs to look up; a phone the bank could not store matches nothing."""
    points = []
    if emails.normalise(email):
        points.append(("email", emails.normalise(email)))
    if (phone or "").strip():
        try:
            points.append(("phone", phones.normalise(phone)))
        except phones.InvalidPhone:
            pass
    return points


def personal_data_of(store, tc_kimlik_no=None, email=None, phone=None, actor=None):
    """`{"contacts": [{"id", "name", "category", "consent_basis", "opted_out_on"}]}` when an e-mail or a phone
    is given, else `{}`; merged records are left out (their survivor is found). Only admin and pr_officer."""
    if (actor or {}).get("role") not in SEARCHERS:
        raise NotAllowed("Kişisel veri araması yapma yetkiniz yok.")
    if not (emails.normalise(email) or (phone or "").strip()):
        return {}
    found = []
    with store.transaction() as tx:
        day = records.today()
        for kind, value in points_of(email, phone):
            found += [i for i in storage.matching_ids(tx.cursor, {"point_kind": kind, "point": value}, day)
                      if i not in found]
        held = records.read(tx.cursor, found)
    return {"contacts": [records.public(_summary(held[str(i)])) for i in found if str(i) in held]}


def _summary(record):
    consent = record.get("consent") or {}
    return {"id": record["id"], "name": record.get("full_name") or record.get("name"),
            "category": record.get("category"), "consent_basis": consent.get("basis"),
            "opted_out_on": consent.get("opted_out_on")}
