"""Written by hand because it asks two owners and puts their answers side by side: KVKK data-subject requests
(ilgili kişi başvurusu, KVKK m. 11, 13), what the municipality holds about one person, for the public relations
desk answering the request. Each owner is asked with the keys given and looks them up its own way (intake's
applications by TC Kimlik No, e-mail or phone; the information bank, contacts, by e-mail or phone, exactly)."""
from contracts import personal_data

from ..http import http, json_response
from .common import actor, load

OWNERS = ("intake", "contacts")


class KvkkRoutes:
    @http("POST", "/api/v1/kvkk/personal-data")
    def personal_data(self, request):
        """Special: asks intake and contacts. Body `{"tc_kimlik_no"?, "email"?, "phone"?}` (at least one): `{"applications": [...],
        "contacts": [...]}`; the contacts only when an e-mail or a phone is given."""
        principal = self.guard.require(self.db, request, "kvkk.search")
        query = load(personal_data.PersonalDataQuerySchema, request, max_bytes=4096)
        keys = (query.get("tc_kimlik_no"), query.get("email"), query.get("phone"), actor(principal))
        answer = {}
        for owner in OWNERS:
            answer.update(self._call("personal_data_of", *keys, service=owner))
        # the search itself (which keys, never their values), and every application whose applicant data was read
        self.guard.audit(self.db, request, principal, "kvkk.search", "person", _subject(query), personal_data=True)
        for application in answer["applications"]:
            self.guard.audit(self.db, request, principal, "kvkk.search", "application", application["id"],
                             personal_data=True)
        return json_response(answer)


def _subject(query):
    """What the audit log names as the object: which keys were searched, not their values."""
    return "+".join(key for key in ("tc_kimlik_no", "email", "phone") if query.get(key))
