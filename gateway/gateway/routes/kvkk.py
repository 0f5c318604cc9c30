"""KVKK data-subject requests (ilgili kişi başvurusu, KVKK m. 11, 13): what the municipality holds about
one person, for the public relations desk answering the request. Intake's applications are searched by
TC Kimlik No, e-mail or phone; the information bank (contacts) by e-mail or phone, exactly."""
from .. import kvkk_schemas
from ..http import http, json_response
from .common import actor, load

CONTACTS_PAGE = 200


class KvkkRoutes:
    @http("POST", "/api/v1/kvkk/personal-data")
    def personal_data(self, request):
        """Body `{"tc_kimlik_no"?, "email"?, "phone"?}` (at least one): `{"applications": [...],
        "contacts": [...]}`; the contacts only when an e-mail or a phone is given."""
        principal = self.guard.require(self.db, request, "kvkk.search")
        query = load(kvkk_schemas.PersonalDataQuerySchema, request, max_bytes=4096)
        who = actor(principal)
        found = self._call("personal_data_of", query.get("tc_kimlik_no"), query.get("email"), query.get("phone"),
                           who, service="intake")
        answer = {"applications": found["applications"]}
        if query.get("email") or query.get("phone"):
            answer["contacts"] = self._contacts_of(query, who)
        # the search itself (which keys, never their values), and every application whose applicant data was read
        self.guard.audit(self.db, request, principal, "kvkk.search", "person", _subject(query), personal_data=True)
        for application in answer["applications"]:
            self.guard.audit(self.db, request, principal, "kvkk.search", "application", application["id"],
                             personal_data=True)
        return json_response(answer)

    def _contacts_of(self, query, who):
        """Records of the information bank with exactly this e-mail or phone (contacts' exact lookup)."""
        matches = {}
        for key in ("email", "phone"):
            value = (query.get(key) or "").strip()
            if not value:
                continue
            page = self._call("search_contacts", value, {}, who, CONTACTS_PAGE, 0, service="contacts")
            for summary in page["contacts"]:
                if _holds(summary, key, value):
                    matches.setdefault(summary["id"], summary)
        contacts = []
        for contact_id in matches:
            record = self._call("get_contact", contact_id, who, service="contacts")
            consent = record.get("consent") or {}
            contacts.append({"id": record["id"], "name": record.get("full_name") or record.get("name"),
                             "category": record.get("category"), "consent_basis": consent.get("basis"),
                             "opted_out_on": consent.get("opted_out_on")})
        return contacts


def _digits(text):
    return "".join(ch for ch in text or "" if ch.isdigit())


def _holds(summary, key, value):
    """The record really has this point (a query contacts cannot read as a phone falls back to text search)."""
    if key == "email":
        return any((email or "").strip().lower() == value.lower() for email in summary.get("emails") or ())
    wanted = _digits(value)[-10:]
    return any(_digits(phone)[-10:] == wanted for phone in summary.get("phones") or ())


def _subject(query):
    """What the audit log names as the object: which keys were searched, not their values."""
    return "+".join(key for key in ("tc_kimlik_no", "email", "phone") if query.get(key))
