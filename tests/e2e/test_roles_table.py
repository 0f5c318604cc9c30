"""Every role against every endpoint, with the allow or deny the directorate expects (issue 3).

The expectations are written out here, by hand, from the duties of each role: not derived from
`gateway/roles.py`, so a change there that opens or closes a door shows up as a failure.
"""
import re

import pytest

from contracts import inbound
from contracts.routing_api import CASE_ACTIONS
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from deploy.local.clients import gateway_store
from gateway import screens
from gateway.service import GatewayService
from tests.support.broker import wait_until

from .conftest import CLIENTS, STAFF, Api, signed, staff

pytestmark = pytest.mark.e2e

STAFF_ROLES = [role for _user, role, _directorate in STAFF]
# "screen": a wall screen's key (gateway-admin create-screen): the press board and nothing else
CALLERS = ["anonymous", *STAFF_ROLES, *(f"client:{client_id}" for client_id, _scopes in CLIENTS), "screen"]
EVERYONE = set(CALLERS)
ALL_STAFF = set(STAFF_ROLES)
PRESS_OFFICE = {"admin", "press_officer"}
PRESS_READERS = {"admin", "press_officer", "mayor_office", "auditor"}
COVERAGE_READERS = PRESS_READERS | {"pr_officer"}
# the information bank: the desk and the press office keep it, the mayor's office and the auditor read it;
# protocol is the desk's; the press office invites the media to its press conferences
BANK_WRITERS = {"admin", "pr_officer", "press_officer"}
BANK_READERS = BANK_WRITERS | {"mayor_office", "auditor"}
PROTOCOL_DESK = {"admin", "pr_officer"}
REPORT_READERS = {"admin", "pr_officer", "mayor_office", "auditor"}  # the muhtar and 4982 reports

# endpoint -> callers allowed through (anything else must get 401 or 403)
EXPECTED = {
    "POST /api/v1/applications": {"admin", "pr_officer", "client:cimer", "client:portal"},
    # cimer submitted the application under test; directorates see only cases routed to them (none yet)
    "GET /api/v1/applications/{id}": {"admin", "pr_officer", "auditor", "mayor_office", "client:cimer"},
    "GET /api/v1/applications/{id}/receipt.pdf": {"admin", "pr_officer", "auditor", "mayor_office", "client:cimer"},
    "POST /api/v1/applications/status-lookup": EVERYONE,
    "POST /api/v1/inbound/events": {"client:portal"},
    "GET /api/v1/audit": {"admin", "auditor"},
    "GET /api/v1/auth/me": ALL_STAFF,
    "POST /api/v1/auth/password": ALL_STAFF,
    "GET /api/openapi.json": EVERYONE,
    "GET /api/docs": EVERYONE,
    "GET /health": EVERYONE,
    "GET /api/v1/deadlines/preview": EVERYONE,
    # the case under test is Fen İşleri's: its staff see it; a directorate sees no other
    # the press officer lists the press's own requests (none here: an empty page)
    "GET /api/v1/cases": {"admin", "pr_officer", "press_officer", "auditor", "mayor_office", "directorate_staff",
                          "directorate_head"},
    # the press officer passes the door but finds no such case among the press's requests (404)
    "GET /api/v1/cases/{case_id}": {"admin", "pr_officer", "press_officer", "auditor", "mayor_office",
                                    "directorate_staff", "directorate_head"},
    # every action on a case has one door (case.act, which the mayor's office passes to approve answers); what
    # the case then allows is routing's (routing.access). Extending is tried on the case under test: the desk's
    # or the case's directorate's, not the mayor's office's (403; a petition cannot be extended: 422 past the
    # door; the press officer, again, finds no such case among the press's requests: 404). The other actions
    # are tried on a case that does not exist: who passes the door finds nothing (404)
    **{f"POST /api/v1/cases/{{case_id}}/{action}": {"admin", "pr_officer", "press_officer", "directorate_staff",
                                                   "directorate_head", "mayor_office"} for action in CASE_ACTIONS},
    "POST /api/v1/cases/{case_id}/extend": {"admin", "pr_officer", "press_officer", "directorate_staff",
                                            "directorate_head"},
    "GET /api/v1/routing": {"admin", "pr_officer", "auditor"},
    "POST /api/v1/routing/rules": {"admin", "pr_officer"},
    "DELETE /api/v1/routing/rules/{rule_id}": {"admin", "pr_officer"},
    "POST /api/v1/routing/idari-izin": {"admin", "pr_officer"},
    # the reports count every directorate's cases: those who see all of them (no period given: 422 past the door)
    "GET /api/v1/reports/muhtar": REPORT_READERS,
    "GET /api/v1/reports/muhtar.csv": REPORT_READERS,
    "GET /api/v1/reports/bilgi-edinme": REPORT_READERS,
    "GET /api/v1/reports/bilgi-edinme.csv": REPORT_READERS,
    "GET /api/v1/inbox": ALL_STAFF,
    "POST /api/v1/inbox/{message_id}/read": ALL_STAFF,  # an unknown message: 404 past the door
    "GET /api/v1/templates": {"admin", "pr_officer"},
    "PUT /api/v1/templates/{name}": {"admin"},  # an unknown template name: 422 past the door
    "POST /api/v1/templates/{name}/preview": {"admin", "pr_officer"},
    # webhooks are other systems' business: a client with the scope (an unknown subscription: 404 past the door)
    "POST /api/v1/webhooks": {"client:portal"},
    "GET /api/v1/webhooks": {"client:portal"},
    "DELETE /api/v1/webhooks/{subscription_id}": {"client:portal"},
    "GET /api/v1/webhooks/{subscription_id}/deliveries": {"client:portal"},
    # the post room is the public relations desk's (an unknown letter: 404 past the door)
    "GET /api/v1/post-room/letters": {"admin", "pr_officer"},
    "GET /api/v1/post-room/letters/{letter_id}/letter.pdf": {"admin", "pr_officer"},
    "POST /api/v1/post-room/letters/{letter_id}/posted": {"admin", "pr_officer"},
    # dead letters are operations' (an unknown letter: 404 past the door; purge without an id: 422)
    # KVKK's periodic destruction: its log is read by operations and the auditor; a run by hand is the admin's
    "GET /api/v1/ops/retention/runs": {"admin", "ops", "auditor"},
    "POST /api/v1/ops/retention/runs": {"admin"},
    # KVKK data-subject requests: the desk answering them (and the admin) look the person up
    "POST /api/v1/kvkk/personal-data": {"admin", "pr_officer"},
    "GET /api/v1/ops/dead-letters": {"admin", "ops"},
    "GET /api/v1/ops/dead-letters/{service}": {"admin", "ops"},
    "GET /api/v1/ops/dead-letters/{service}/{letter_id}": {"admin", "ops"},
    "POST /api/v1/ops/dead-letters/{service}/replay": {"admin", "ops"},
    "POST /api/v1/ops/dead-letters/{service}/purge": {"admin", "ops"},
    # journalists' requests are taken in by the press service
    "POST /api/v1/press/requests": {"admin", "press_officer"},
    # Open311, every resource in XML and JSON: public reads; a POST is authorised by its api_key field, not by a
    # header (sent here with a valid key and an unknown service code: 400 for every caller)
    **{f"{method} /open311/{path}.{fmt}": EVERYONE for fmt in ("xml", "json") for method, path in (
        ("GET", "discovery"), ("GET", "v2/services"), ("GET", "v2/services/{service_code}"), ("GET", "v2/requests"),
        ("POST", "v2/requests"), ("GET", "v2/requests/{request_id}"))},
    # the press office: the press service writes (an unknown id: 404 past the door); the mayor's office
    # approves or returns releases and reads everything; the desk follows the coverage (clippings, digest);
    # the auditor reads; the directorates see only the board; the public reads the releases feed, its
    # photos (an unknown photo: 404 past the door) and the wall-screen page, which holds no news itself
    "POST /api/v1/press/sources": PRESS_OFFICE,
    "GET /api/v1/press/sources": PRESS_READERS,
    "POST /api/v1/press/sources/{source_id}/activate": PRESS_OFFICE,
    "POST /api/v1/press/sources/{source_id}/deactivate": PRESS_OFFICE,
    "POST /api/v1/press/clippings": PRESS_OFFICE,
    "GET /api/v1/press/clippings": COVERAGE_READERS,
    "GET /api/v1/press/clippings/search": COVERAGE_READERS,
    "GET /api/v1/press/clippings/{clipping_id}": COVERAGE_READERS,
    "GET /api/v1/press/clippings/{clipping_id}/scan": COVERAGE_READERS,
    "PUT /api/v1/press/clippings/{clipping_id}/tone": PRESS_OFFICE,
    "POST /api/v1/press/clippings/{clipping_id}/classify": PRESS_OFFICE,
    "POST /api/v1/press/clippings/{clipping_id}/flag": PRESS_OFFICE,
    "GET /api/v1/press/board": ALL_STAFF - {"ops"} | {"screen"},
    "GET /press/board": EVERYONE,
    "GET /api/v1/press/digests/{day}": COVERAGE_READERS,
    "GET /api/v1/press/digests/{day}.pdf": COVERAGE_READERS,
    "POST /api/v1/press/releases": PRESS_OFFICE,
    "GET /api/v1/press/releases": PRESS_READERS,
    "GET /api/v1/press/releases/{release_id}": PRESS_READERS,
    "PUT /api/v1/press/releases/{release_id}": PRESS_OFFICE,
    "POST /api/v1/press/releases/{release_id}/photos": PRESS_OFFICE,
    "GET /api/v1/press/releases/{release_id}/photos/{photo_id}": PRESS_READERS,
    "DELETE /api/v1/press/releases/{release_id}/photos/{photo_id}": PRESS_OFFICE,
    "POST /api/v1/press/releases/{release_id}/submit": PRESS_OFFICE,
    "POST /api/v1/press/releases/{release_id}/withdraw": PRESS_OFFICE,
    "POST /api/v1/press/releases/{release_id}/approve": {"mayor_office"},
    "POST /api/v1/press/releases/{release_id}/return": {"mayor_office"},
    "GET /press/releases.rss": EVERYONE,
    "GET /api/v1/press/photos/{photo_id}": EVERYONE,
    "POST /api/v1/press/publications": PRESS_OFFICE,
    "GET /api/v1/press/publications": PRESS_READERS,
    "POST /api/v1/press/publications/{publication_id}/issues": PRESS_OFFICE,
    "PUT /api/v1/press/publications/{publication_id}/distribution": PRESS_OFFICE,
    "POST /api/v1/press/subscriptions": PRESS_OFFICE,
    "GET /api/v1/press/subscriptions": PRESS_READERS,
    "POST /api/v1/press/subscriptions/{subscription_id}/renew": PRESS_OFFICE,
    "POST /api/v1/press/subscriptions/{subscription_id}/cancel": PRESS_OFFICE,
    "POST /api/v1/press/productions": PRESS_OFFICE,
    "GET /api/v1/press/productions": PRESS_READERS,
    "PUT /api/v1/press/productions/{production_id}/status": PRESS_OFFICE,
    # an issue goes to its distribution list once, by the press service (an unknown issue: 404 past the door);
    # its PDF is for the press readers, and for anyone once it was sent (an unknown or unsent issue: 404 past
    # the door); the distribution list is a copy of personal data leaving: the press service's writers only
    "POST /api/v1/press/issues/{issue_id}/distribute": PRESS_OFFICE,
    "GET /api/v1/press/issues/{issue_id}/pdf": PRESS_READERS,
    "GET /api/v1/press/issues/{issue_id}.pdf": EVERYONE,
    "GET /api/v1/press/publications/{publication_id}/distribution-list.csv": PRESS_OFFICE,
    # a press conference's materials: the press service adds, removes and shares them with the guests; the
    # press readers see them (an unknown conference or material: 404 past the door)
    "POST /api/v1/press/conferences/{event_id}/materials": PRESS_OFFICE,
    "GET /api/v1/press/conferences/{event_id}/materials": PRESS_READERS,
    "GET /api/v1/press/conferences/{event_id}/materials/{material_id}": PRESS_READERS,
    "DELETE /api/v1/press/conferences/{event_id}/materials/{material_id}": PRESS_OFFICE,
    "POST /api/v1/press/conferences/{event_id}/share": PRESS_OFFICE,
    # the information bank (an unknown record, role, import or segment: 404 past the door; merging a record
    # with itself: 422); a copy leaves only in a writer's hands; directorates and operations see none of it
    "POST /api/v1/contacts": BANK_WRITERS,
    "GET /api/v1/contacts": BANK_READERS,
    "GET /api/v1/contacts/{contact_id}": BANK_READERS,
    "PATCH /api/v1/contacts/{contact_id}": BANK_WRITERS,
    "POST /api/v1/contacts/{contact_id}/roles": BANK_WRITERS,
    "POST /api/v1/contacts/{contact_id}/roles/{role_id}/end": BANK_WRITERS,
    "POST /api/v1/contacts/{contact_id}/verified": BANK_WRITERS,
    "POST /api/v1/contacts/{contact_id}/opt-out": BANK_WRITERS,
    "GET /api/v1/contacts/stale": BANK_READERS,
    "POST /api/v1/contacts/reverification": BANK_WRITERS,
    "GET /api/v1/contacts/duplicates": BANK_READERS,
    "POST /api/v1/contacts/duplicates/dismissals": BANK_WRITERS,  # two unknown records: 404 past the door
    "POST /api/v1/contacts/merge": BANK_WRITERS,
    "POST /api/v1/contacts/imports": BANK_WRITERS,
    "GET /api/v1/contacts/imports/{import_id}": BANK_READERS,
    "GET /api/v1/contacts/export": BANK_WRITERS,
    "POST /api/v1/segments": BANK_WRITERS,  # the second writer finds the name taken: 409 past the door
    "GET /api/v1/segments": BANK_READERS,
    "PATCH /api/v1/segments/{segment_id}": BANK_WRITERS,
    "DELETE /api/v1/segments/{segment_id}": BANK_WRITERS,
    "GET /api/v1/segments/{segment_id}/members": BANK_READERS,
    "POST /api/v1/segments/{segment_id}/members": BANK_WRITERS,
    "DELETE /api/v1/segments/{segment_id}/members/{contact_id}": BANK_WRITERS,
    # protocol: the desk keeps the precedence list, seats and orders the speakers; the press office opens
    # press conferences only (the body asks for a ceremony: 403) and invites, records replies and checks in
    # on press conferences (an unknown event: 404 past the door); the mayor's office and the auditor read
    "GET /api/v1/protocol/precedence": BANK_READERS,
    "PUT /api/v1/protocol/precedence/{office}": PROTOCOL_DESK,
    "POST /api/v1/events": PROTOCOL_DESK,
    "GET /api/v1/events": BANK_READERS,
    "POST /api/v1/events/{event_id}/invitations": BANK_WRITERS,
    "POST /api/v1/events/{event_id}/invitations/{invitation_id}/reply": BANK_WRITERS,
    "POST /api/v1/events/{event_id}/check-ins": BANK_WRITERS,
    "GET /api/v1/events/{event_id}/attendance": BANK_READERS,
    "POST /api/v1/events/{event_id}/seating": PROTOCOL_DESK,
    "GET /api/v1/events/{event_id}/seating": BANK_READERS,
    "POST /api/v1/events/{event_id}/seating/move": PROTOCOL_DESK,
    "GET /api/v1/events/{event_id}/speaking-order": BANK_READERS,
    "PUT /api/v1/events/{event_id}/speaking-order": PROTOCOL_DESK,
    "GET /api/v1/events/{event_id}/name-cards.pdf": BANK_READERS,
    "GET /api/v1/events/{event_id}/seating-plan.pdf": BANK_READERS,
    # an invitee answers through the link in the invitation: no sign-in, the token is the proof (the page
    # opens for anyone and records nothing; a forged token is a 404 past the door)
    "GET /api/v1/invitations/{invitation_id}/reply": EVERYONE,
    "POST /api/v1/invitations/{invitation_id}/reply": EVERYONE,
}


@pytest.fixture(scope="module")
def callers(system):
    apis = {"anonymous": Api(system.url)}
    for username, role, _directorate in STAFF:
        apis[role] = staff(system, username)
    for client_id, _scopes in CLIENTS:
        apis[f"client:{client_id}"] = signed(system, client_id)
    _screen_id, key = screens.create(gateway_store(system.gateway_db), "Rol tablosu ekranı")
    apis["screen"] = Api(system.url)
    apis["screen"].session.headers["Authorization"] = f"Screen {key}"
    return apis


@pytest.fixture(scope="module")
def application_id(system):
    data = {"channel": "cimer", "type": "sikayet", "category": "yol", "subject": "Tablo",
            "body": "Rol tablosu için başvuru metni.", "applicant": {"full_name": "Ayşe Yılmaz",
                                                                      "email": "a@example.org"}}
    return signed(system, "cimer").post("/api/v1/applications", data).json()["id"]


@pytest.fixture(scope="module")
def case_id(system, application_id):
    desk = staff(system, "pr")
    found = wait_until(lambda: [case for case in desk.get("/api/v1/cases").json()["cases"]
                                if case["application_id"] == application_id])
    assert found, "routing opened no case for the application"
    return found[0]["id"]


def body_for(endpoint):
    if endpoint == "POST /api/v1/applications":
        return {"channel": "halk_masasi", "type": "istek", "category": "park", "body": "Parka bank istiyoruz.",
                "applicant": {"full_name": "Ali Kaya"}}
    if endpoint == "POST /api/v1/applications/status-lookup":
        return {"tracking_number": "GZM-2026-999999", "code": "AAAA-AAAA"}
    if endpoint == "POST /api/v1/inbound/events":
        sample = load_samples()[("ebelediye", inbound.APPLICATION_SUBMITTED)]
        return make_envelope(inbound.APPLICATION_SUBMITTED, sample["payload"], "role-table")
    if endpoint == "POST /api/v1/auth/password":
        return {"current_password": "not-the-password", "new_password": "Yeni-Parola-2027"}
    if endpoint.startswith("POST /api/v1/cases/"):
        return CASE_ACTION_BODIES.get(endpoint.rsplit("/", 1)[1], {})
    if endpoint == "POST /api/v1/routing/rules":
        return {"directorate": "fen-isleri", "category": "rol-tablosu"}
    if endpoint.startswith("PUT /api/v1/templates/"):
        return {"content": "Şablon"}
    if endpoint.startswith("POST /api/v1/templates/") or endpoint.startswith("POST /api/v1/ops/"):
        return {}
    if endpoint == "POST /api/v1/webhooks":
        return {"url": "https://example.org/hook", "event_types": ["case_opened"]}
    if endpoint == "POST /api/v1/press/requests":
        return {"type": "basin_bilgi", "outlet": "Ege Gazetesi", "subject": "Sokak hayvanları",
                "question": "Bu yıl kaç sokak hayvanı tedavi edildi?", "category": "sokak-hayvanlari",
                "journalist": {"full_name": "Deniz Kara", "email": "deniz@example.org"}}
    if endpoint == "POST /api/v1/kvkk/personal-data":
        return {"tc_kimlik_no": "10000000146", "email": "a@example.org"}
    if endpoint == "POST /api/v1/routing/idari-izin":
        return {"day": "2026-12-31", "note": "Rol tablosu"}
    if endpoint in PRESS_BODIES:
        return PRESS_BODIES[endpoint]
    if endpoint in CONTACTS_BODIES:
        return CONTACTS_BODIES[endpoint]
    return None


PRESS_BODIES = {
    # a source that refuses connections: read on schedule, it only fails
    "POST /api/v1/press/sources": {"url": "http://127.0.0.1:9/rss", "outlet": "Rol Tablosu Gazetesi"},
    "POST /api/v1/press/clippings": {"title": "Gaziemir'de rol tablosu", "outlet": "Yeni Asır", "kind": "print",
                                     "published_at": "2026-11-25T07:00:00+03:00"},
    "PUT /api/v1/press/clippings/{clipping_id}/tone": {"tone": "lehte"},
    "POST /api/v1/press/clippings/{clipping_id}/classify": {"topic": "altyapı"},
    "POST /api/v1/press/clippings/{clipping_id}/flag": {"important": True, "directorates": ["fen-isleri"]},
    "POST /api/v1/press/releases": {"title": "Rol tablosu bülteni", "body": "Bülten metni."},
    "PUT /api/v1/press/releases/{release_id}": {"title": "Yeni başlık"},
    "POST /api/v1/press/releases/{release_id}/photos": {"filename": "nokta.png", "content_type": "image/png",
                                                         "content_base64": "iVBORw0KGgoAAAAA"},
    "POST /api/v1/press/releases/{release_id}/return": {"comment": "İkinci paragrafı kısaltın."},
    "POST /api/v1/press/publications": {"title": "Gaziemir Bülten", "kind": "bulletin"},
    "POST /api/v1/press/publications/{publication_id}/issues": {"number": 1, "issued_on": "2026-11-01"},
    "PUT /api/v1/press/publications/{publication_id}/distribution": {"segment_ids": []},
    "POST /api/v1/press/subscriptions": {"publication": "Yeni Asır", "period": "yearly", "started_on": "2026-01-31"},
    "POST /api/v1/press/productions": {"title": "Gaziemir'in Sesi", "kind": "programme"},
    "PUT /api/v1/press/productions/{production_id}/status": {"status": "yayinlandi"},
    "POST /api/v1/press/conferences/{event_id}/materials": {
        "title": "Sunum", "file": {"filename": "sunum.pdf", "content_type": "application/pdf",
                                   "content_base64": "JVBERi0xLjQK"}},
    "POST /api/v1/press/conferences/{event_id}/share": {"audience": "attended", "note": "Rol tablosu"},
}


NO_ID = "00000000-0000-0000-0000-000000000000"
NO_OTHER_ID = "00000000-0000-0000-0000-000000000001"
CONTACTS_BODIES = {
    "POST /api/v1/contacts": {"kind": "person", "full_name": "Rol Tablosu", "category": "muhtar"},
    "PATCH /api/v1/contacts/{contact_id}": {"tags": ["rol-tablosu"]},
    "POST /api/v1/contacts/{contact_id}/roles": {"office": "muhtar", "title": "Sarnıç Mahallesi Muhtarı"},
    "POST /api/v1/contacts/reverification": {"categories": ["muhtar"], "reason": "Rol tablosu"},
    "POST /api/v1/contacts/duplicates/dismissals": {"contact_ids": [NO_ID, NO_OTHER_ID], "reason": "Rol tablosu"},
    "POST /api/v1/contacts/merge": {"keep_id": NO_ID, "other_id": NO_ID},
    "POST /api/v1/contacts/imports": {"format": "csv", "filename": "rol.csv", "dry_run": True,
                                      "content_base64": "QWQgU295YWQ7S2F0ZWdvcmkNClJvbCBLacWfaXNpO011aHRhcg0K"},
    "POST /api/v1/segments": {"name": "Rol tablosu", "kind": "fixed"},
    "PATCH /api/v1/segments/{segment_id}": {"name": "Rol tablosu 2"},
    "POST /api/v1/segments/{segment_id}/members": {"contact_ids": [NO_ID]},
    "PUT /api/v1/protocol/precedence/{office}": {"rank": 99, "title": "Rol Tablosu Makamı"},
    "POST /api/v1/events": {"kind": "toren", "title": "Rol tablosu töreni", "starts_at": "2026-10-29T10:00:00+03:00",
                            "rows": [5]},
    "POST /api/v1/events/{event_id}/invitations": {"contact_ids": [NO_ID]},
    "POST /api/v1/events/{event_id}/invitations/{invitation_id}/reply": {"reply": "accepted"},
    "POST /api/v1/events/{event_id}/check-ins": {"contact_id": NO_ID},
    "POST /api/v1/events/{event_id}/seating/move": {"contact_id": NO_ID, "row": 1, "seat": 1},
    "PUT /api/v1/events/{event_id}/speaking-order": {"contact_ids": []},
    "POST /api/v1/invitations/{invitation_id}/reply": {"token": "0" * 32, "reply": "accepted"},
}


# a body each action takes; any action but extending is tried on a case that does not exist (404 past the door):
# acting on the case under test would change it under the rows that follow
CASE_ACTION_BODIES = {"assign": {"directorate": "fen-isleri"}, "transfer": {"directorate": "fen-isleri",
                                                                             "reason": "Rol"},
                      "forward": {"institution": "İzBB", "reason": "Rol"}, "extend": {"reason": "Rol tablosu"},
                      "fee_notice": {"fee_amount": "10 TL"}, "submit_answer": {"outcome": "granted", "text": "Rol"},
                      "return_answer": {"comment": "Rol"}}


def url_for(path, application_id, case_id):
    if path.startswith("/api/v1/cases/{case_id}/") and not path.endswith("/extend"):
        case_id = NO_ID
    path = path.replace("{id}", application_id).replace("{case_id}", case_id)
    path = path.replace("{rule_id}", "999999").replace("{request_id}", "GZM-2026-1")
    path = path.replace("{service_code}", "cop")
    path = path.replace("{message_id}", "00000000-0000-0000-0000-000000000000")
    path = path.replace("{subscription_id}", "00000000-0000-0000-0000-000000000000")
    path = path.replace("{letter_id}", "00000000-0000-0000-0000-000000000000").replace("{service}", "routing")
    path = path.replace("{name}", "yok.j2")
    for press_id in ("source_id", "clipping_id", "release_id", "photo_id", "publication_id", "production_id",
                     "issue_id", "material_id"):
        path = path.replace("{" + press_id + "}", "00000000-0000-0000-0000-000000000000")
    path = path.replace("{day}", "2026-11-25")
    for contacts_id in ("contact_id", "import_id", "segment_id", "event_id", "invitation_id"):
        path = path.replace("{" + contacts_id + "}", NO_ID)
    path = path.replace("{role_id}", "999999").replace("{office}", "rol_tablosu")
    if path.startswith("/api/v1/invitations/"):
        path += "?token=" + "0" * 32
    if path == "/api/v1/deadlines/preview":
        path += "?type=dilekce&received_on=2026-03-13"
    return path


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
@pytest.mark.parametrize("caller", CALLERS)
def test_role_against_endpoint(system, callers, application_id, case_id, endpoint, caller):
    method, path = endpoint.split(" ", 1)
    api = callers[caller]
    if endpoint.startswith("POST /open311/"):
        key = "{}.{}".format(*system.keys["sehir-uygulamasi"])
        response = api.request(method, url_for(path, application_id, case_id), data={
            "api_key": key, "service_code": "rol-tablosu", "address_string": "Sarnıç", "description": "Rol tablosu"})
        assert response.status_code == 400, response.text  # past the door: the service code is unknown
        return
    response = api.request(method, url_for(path, application_id, case_id), json=body_for(endpoint))
    if caller in EXPECTED[endpoint]:
        assert response.status_code not in (401, 403), f"{caller} should be let through: {response.text[:300]}"
        assert response.status_code < 500
    else:
        expected = 401 if caller == "anonymous" else 403
        assert response.status_code == expected, f"{caller} should get {expected}: {response.text[:300]}"
        assert response.headers["Content-Type"] == "application/problem+json"


def test_every_route_the_gateway_serves_is_in_the_table_and_the_openapi_document(system):
    spec = Api(system.url).get("/api/openapi.json").json()
    documented = {f"{method.upper()} {path.replace('{application_id}', '{id}')}"
                  for path, operations in spec["paths"].items() for method in operations}
    served = {f"{method} {path}" for method, path in _served_routes()}
    assert served - {"GET /api/docs/{name}"} == documented
    auth_routes = {"POST /api/v1/auth/sign-in", "POST /api/v1/auth/refresh", "POST /api/v1/auth/sign-out",
                   "GET /health/live"}
    assert documented - auth_routes == set(EXPECTED)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert "security" in operation, f"{method} {path} documents no security"
            assert operation["responses"], f"{method} {path} documents no responses"


def _served_routes():
    """(method, path) of every `@http` entrypoint of the gateway, paths in OpenAPI's notation."""
    members = [member for klass in GatewayService.__mro__ for member in vars(klass).values()]
    for member in members:
        for extension in getattr(member, "nameko_entrypoints", ()):
            if not hasattr(extension, "url"):  # a timer, not a route
                continue
            path = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: "{id}" if m.group(1) == "application_id"
                          else "{" + m.group(1) + "}", extension.url)
            yield extension.method, path
