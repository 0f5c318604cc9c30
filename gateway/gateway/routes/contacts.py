"""The information bank's routes a declaration cannot say yet (the rest: `contracts.contacts_api`, served by
`gateway.declared`): the listings whose audit names no one object (a search, the upkeep queue, the duplicate
pairs, a re-verification campaign) and a merge, audited on the record folded away (a body field); and the
export, a file download. Their schemas are the contract's, which contacts checks too.

contacts checks the caller's role again on every call (`contacts.access`); here every write and every read of
personal data goes to the audit log, and what contacts returns is passed on unchanged.
"""
from contracts import contacts_records as records

from ..declared import jsonable
from ..downloads import file_response
from ..http import http, json_response
from .common import actor, load, query_args


class ContactRoutes:
    def _contacts(self, method, *args, **kwargs):
        return self._call(method, *args, service="contacts", **kwargs)

    @http("GET", "/api/v1/contacts")
    def search_contacts(self, request):
        """A search audits no one record: `?q=isik` (Turkish letters folded, typos forgiven; a phone or e-mail
        exactly) with `category`, `tag`, `neighbourhood`, `office`, `organisation`, `limit`, `offset`: the best
        matches first."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = jsonable(query_args(records.ContactSearchQuery, request))
        limit, offset, text = query.pop("limit"), query.pop("offset"), query.pop("q", "")
        found = self._contacts("search_contacts", text, query, actor(principal), limit, offset)
        self.guard.audit(self.db, request, principal, "contact.search", "contact", personal_data=True)
        return json_response(found)

    @http("GET", "/api/v1/contacts/stale")
    def stale_contacts(self, request):
        """A listing audited without one record: the upkeep queue, records marked by a campaign, never
        verified, or not for `older_than_days`."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = query_args(records.StaleQuery, request)
        found = self._contacts("stale_contacts", query["older_than_days"], actor(principal), query["limit"],
                               query["offset"])
        self.guard.audit(self.db, request, principal, "contact.stale_list", "contact", personal_data=True)
        return json_response(found)

    @http("POST", "/api/v1/contacts/reverification")
    def start_reverification(self, request):
        """A campaign marks many records, audited without one: e.g. after an election `{"categories":
        ["muhtar"], "offices": ["muhtar"], "reason": "2024 yerel seçimleri"}`; every such record is to be
        checked again."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(records.ContactReverification, request)
        started = self._contacts("start_reverification", {"categories": form["categories"],
                                                          "offices": form["offices"]}, form["reason"],
                                 actor(principal))
        self.guard.audit(self.db, request, principal, "contact.reverification", "contact")
        return json_response(started)

    @http("GET", "/api/v1/contacts/duplicates")
    def duplicate_contacts(self, request):
        """A listing of pairs, audited without one record: those that may be one person or organisation, for
        staff to review and merge."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = query_args(records.DuplicateQuery, request)
        pairs = self._contacts("duplicate_candidates", actor(principal), query["limit"])
        self.guard.audit(self.db, request, principal, "contact.duplicates", "contact", personal_data=True)
        return json_response({"candidates": pairs})

    @http("POST", "/api/v1/contacts/merge")
    def merge_contacts(self, request):
        """Audited on the record folded away, named in the body: `{"keep_id", "other_id"}`, the other record
        is folded into the kept one, with every role, phone, membership and invitation."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = jsonable(load(records.ContactMerge, request))
        merged = self._contacts("merge_contacts", form["keep_id"], form["other_id"], actor(principal))
        self.guard.audit(self.db, request, principal, "contact.merge", "contact", form["other_id"],
                         personal_data=True)
        return json_response(merged)

    @http("GET", "/api/v1/contacts/export")
    def export_contacts(self, request):
        """A file download: a segment's bulk list (`segment_id`) or the records of a filter as a spreadsheet
        (`format=csv`: UTF-8 with BOM and `;`, as Turkish Excel opens it) or an address book (`format=vcard`).
        Records whose owners opted out are never exported. Only the bank's writers may take a copy out."""
        principal = self.guard.require(self.db, request, "contacts.write")
        query = jsonable(query_args(records.ExportQuery, request))
        format_, segment_id = query.pop("format"), query.pop("segment_id", None)
        document = self._contacts("export_contacts", format_, actor(principal), segment_id=segment_id,
                                  filters=None if segment_id else query)
        self.guard.audit(self.db, request, principal, f"contact.export_{format_}", "segment" if segment_id else
                         "contact", segment_id, personal_data=True)
        return file_response(document, headers={"X-Record-Count": str(document.get("count", 0))})
