"""Open311 GeoReport v2 over the public service desk: the service list, and requests as any Open311
client sees them (no personal data: the requester's details stay in intake)."""
from . import states, storage

CLOSED = ("answered", "forwarded", "closed")


def services(seed):
    return [{"service_code": s["code"], "service_name": s["name"], "description": s.get("description", ""),
             "metadata": False, "type": "realtime", "keywords": ",".join(s.get("keywords", ())),
             "group": s.get("group", "")} for s in seed.get("open311_services", ())]


def profile(seed):
    """The municipality's Open311 jurisdiction and the discovery document's contact and key service."""
    return {"jurisdiction_id": seed.get("open311_jurisdiction"), "contact": seed.get("open311_contact", ""),
            "key_service": seed.get("open311_key_service", "")}


def service_codes(seed):
    return set(service_names(seed))


def service_names(seed):
    return {s["code"]: s["name"] for s in seed.get("open311_services", ())}


def as_request(case, directorates, names):
    """A case as the public sees it: the category's name as the service name, never the applicant's own
    words (the subject may carry a name and a phone, and the applicant may have asked to stay hidden).

    Where it is (`lat`, `long`, the address as given) and the picture's link (`media_url`) are returned as
    GeoReport asks, unless the applicant asked to stay hidden: a place described or photographed by a
    hidden applicant may be their own door, so only the neighbourhood is said."""
    closed = case["state"] in CLOSED
    shown = not case.get("hide_identity")
    place = {"address": (case.get("address_string") if shown else None) or case["neighbourhood"]}
    if shown and case.get("latitude") is not None and case.get("longitude") is not None:
        place.update(lat=case["latitude"], long=case["longitude"])
    if shown and case.get("media_url"):
        place["media_url"] = case["media_url"]
    return {
        "service_request_id": case["tracking_number"],
        "status": "closed" if closed else "open",
        "status_notes": states.LABELS[case["state"]],
        "service_name": names.get(case["category"], case["category"]),
        "service_code": case["category"],
        "agency_responsible": directorates.get(case["directorate"], "Halkla İlişkiler"),
        "requested_datetime": case["received_at"].isoformat(),
        "updated_datetime": case["updated_at"].isoformat(),
        "expected_datetime": case["legal_due_on"].isoformat() + "T17:00:00+03:00" if case["legal_due_on"] else None,
        **place,
    }


def request(store, seed, tracking_number):
    with store.transaction() as tx:
        case = storage.case_by_tracking_number(tx.cursor, tracking_number)
        if case is None or case["channel"] != "halk_masasi" or case["category"] not in service_codes(seed):
            return None
        return as_request(case, {row["code"]: row["name"] for row in storage.directorates(tx.cursor)},
                          service_names(seed))


def requests(store, seed, filters, limit=1000):
    with store.transaction() as tx:
        rows = storage.public_requests(tx.cursor, service_codes(seed), filters, limit)
        names = {row["code"]: row["name"] for row in storage.directorates(tx.cursor)}
    services = service_names(seed)
    return [as_request(row, names, services) for row in rows]
