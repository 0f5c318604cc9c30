"""The information bank (bilgi bankası, DOMAIN.md §1): records and their roles over time, verification,
the KVKK opt-out, upkeep, duplicates and merging, imports and exports.

contacts checks the caller's role again on every call (`contacts.access`); here every write and every
read of personal data goes to the audit log, and what contacts returns is passed on unchanged.
"""
from .. import contacts_schemas as schemas
from ..contacts_views import file_response
from ..errors import RouteNotFound
from ..http import body_bytes, http, json_response
from .common import actor, load, query_args

RECORD_BYTES = 64 * 1024
OPTIONAL_BODY_BYTES = 4 * 1024


def optional_body(schema, request):
    """The JSON body through `schema`; a request without a body reads as `{}`."""
    if body_bytes(request, OPTIONAL_BODY_BYTES):
        return load(schema, request, max_bytes=OPTIONAL_BODY_BYTES)
    return {}


class ContactsRpc:
    """What the information bank's route classes share: the call to contacts."""

    def _contacts(self, method, *args, **kwargs):
        return self._call(method, *args, service="contacts", **kwargs)


class ContactRoutes(ContactsRpc):
    # -- records -----------------------------------------------------------------------------------
    @http("POST", "/api/v1/contacts")
    def create_contact(self, request):
        """A new record, e.g. `{"kind": "person", "full_name": "İsmail Işık", "category": "ilce_protokolu",
        "emails": ["kaymakam@example.gov.tr"], "roles": [{"office": "kaymakam", "title": "Gaziemir Kaymakamı",
        "started_on": "2025-09-01"}], "consent": {"basis": "kanunda_ongorulme"}}`; answers it with the ids of
        records that may be the same (`possible_duplicates`)."""
        principal = self.guard.require(self.db, request, "contacts.write")
        record = load(schemas.ContactSchema, request, max_bytes=RECORD_BYTES)
        created = self._contacts("create_contact", schemas.as_rpc(record), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.create", "contact", created["id"], personal_data=True)
        return json_response(created, status=201)

    @http("GET", "/api/v1/contacts")
    def search_contacts(self, request):
        """`?q=isik` (Turkish letters folded, typos forgiven; a phone or e-mail exactly) with `category`,
        `tag`, `neighbourhood`, `office`, `organisation`, `limit`, `offset`: the best matches first."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = query_args(schemas.ContactQuerySchema, request)
        limit, offset, text = query.pop("limit"), query.pop("offset"), query.pop("q", "")
        found = self._contacts("search_contacts", text, schemas.as_rpc(query), actor(principal), limit, offset)
        self.guard.audit(self.db, request, principal, "contact.search", "contact", personal_data=True)
        return json_response(found)

    @http("GET", "/api/v1/contacts/<uuid:contact_id>")
    def get_contact(self, request, contact_id):
        """A record with every phone, e-mail and address and its whole role history."""
        principal = self.guard.require(self.db, request, "contacts.read")
        record = self._contacts("get_contact", str(contact_id), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.read", "contact", contact_id, personal_data=True)
        return json_response(record)

    @http("PATCH", "/api/v1/contacts/<uuid:contact_id>")
    def update_contact(self, request, contact_id):
        """Change the fields given, e.g. `{"phones": ["0232 251 00 00"], "tags": ["gazi"]}`."""
        principal = self.guard.require(self.db, request, "contacts.write")
        changes = load(schemas.ContactChangesSchema, request, max_bytes=RECORD_BYTES)
        record = self._contacts("update_contact", str(contact_id), schemas.as_rpc(changes), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.update", "contact", contact_id, personal_data=True)
        return json_response(record)

    @http("POST", "/api/v1/contacts/<uuid:contact_id>/roles")
    def add_contact_role(self, request, contact_id):
        """A new office held (an election, an appointment), e.g. `{"office": "muhtar", "title": "Sarnıç
        Mahallesi Muhtarı", "started_on": "2024-04-01"}`; earlier roles stay in the history."""
        principal = self.guard.require(self.db, request, "contacts.write")
        role = load(schemas.RoleSchema, request)
        record = self._contacts("add_role", str(contact_id), schemas.as_rpc(role), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.role_add", "contact", contact_id, personal_data=True)
        return json_response(record, status=201)

    @http("POST", "/api/v1/contacts/<uuid:contact_id>/roles/<int:role_id>/end")
    def end_contact_role(self, request, contact_id, role_id):
        """The role ends on `ended_on` (today without one) and stays in the history; 404 unless the role
        is this record's."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = optional_body(schemas.RoleEndSchema, request)
        held = self._contacts("get_contact", str(contact_id), actor(principal))
        if role_id not in {role["id"] for role in held.get("roles") or ()}:
            raise RouteNotFound("Bu kayıtta böyle bir görev yok.")
        record = self._contacts("end_role", role_id, schemas.as_rpc(form.get("ended_on")), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.role_end", "contact", contact_id, personal_data=True)
        return json_response(record)

    @http("POST", "/api/v1/contacts/<uuid:contact_id>/verified")
    def mark_contact_verified(self, request, contact_id):
        """Staff checked the record with its owner (`verified_on`, today without one): it leaves the
        upkeep queue and any campaign's mark."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = optional_body(schemas.VerifiedSchema, request)
        record = self._contacts("mark_verified", str(contact_id), actor(principal),
                                schemas.as_rpc(form.get("verified_on")))
        self.guard.audit(self.db, request, principal, "contact.verified", "contact", contact_id, personal_data=True)
        return json_response(record)

    @http("POST", "/api/v1/contacts/<uuid:contact_id>/opt-out")
    def opt_contact_out(self, request, contact_id):
        """KVKK: the person refused contact; never again in a bulk list, an invitation or an export."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = optional_body(schemas.OptOutSchema, request)
        record = self._contacts("opt_out", str(contact_id), actor(principal),
                                schemas.as_rpc(form.get("opted_out_on")))
        self.guard.audit(self.db, request, principal, "contact.opt_out", "contact", contact_id, personal_data=True)
        return json_response(record)

    # -- upkeep and duplicates ---------------------------------------------------------------------
    @http("GET", "/api/v1/contacts/stale")
    def stale_contacts(self, request):
        """The upkeep queue: records marked by a campaign, never verified, or not for `older_than_days`."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = query_args(schemas.StaleQuerySchema, request)
        found = self._contacts("stale_contacts", query["older_than_days"], actor(principal), query["limit"],
                               query["offset"])
        self.guard.audit(self.db, request, principal, "contact.stale_list", "contact", personal_data=True)
        return json_response(found)

    @http("POST", "/api/v1/contacts/reverification")
    def start_reverification(self, request):
        """A campaign, e.g. after an election: `{"categories": ["muhtar"], "offices": ["muhtar"], "reason":
        "2024 yerel seçimleri"}`; every such record is to be checked again."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(schemas.ReverificationSchema, request)
        started = self._contacts("start_reverification", {"categories": form["categories"],
                                                          "offices": form["offices"]}, form["reason"],
                                 actor(principal))
        self.guard.audit(self.db, request, principal, "contact.reverification", "contact")
        return json_response(started)

    @http("GET", "/api/v1/contacts/duplicates")
    def duplicate_contacts(self, request):
        """Pairs that may be one person or organisation, for staff to review and merge."""
        principal = self.guard.require(self.db, request, "contacts.read")
        query = query_args(schemas.DuplicateQuerySchema, request)
        pairs = self._contacts("duplicate_candidates", actor(principal), query["limit"])
        self.guard.audit(self.db, request, principal, "contact.duplicates", "contact", personal_data=True)
        return json_response({"candidates": pairs})

    @http("POST", "/api/v1/contacts/duplicates/dismissals")
    def dismiss_duplicate(self, request):
        """`{"contact_ids": [id, id], "reason": "Farklı kişiler: biri Sarnıç'ta, biri Aktepe'de."}`: staff
        judged the two records to be different people or organisations, and the pair is no longer proposed;
        dismissing it again changes nothing and answers the same."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(schemas.DuplicateDismissalSchema, request)
        dismissed = self._contacts("dismiss_duplicate", schemas.as_rpc(form["contact_ids"]), actor(principal),
                                   form.get("reason"))
        self.guard.audit(self.db, request, principal, "contact.duplicate_dismiss", "contact", dismissed["ids"][0],
                         personal_data=True)
        return json_response(dismissed)

    @http("POST", "/api/v1/contacts/merge")
    def merge_contacts(self, request):
        """`{"keep_id", "other_id"}`: the other record is folded into the kept one, with every role,
        phone, membership and invitation."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(schemas.MergeSchema, request)
        merged = self._contacts("merge_contacts", str(form["keep_id"]), str(form["other_id"]), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.merge", "contact", form["other_id"],
                         personal_data=True)
        return json_response(merged)

    # -- import and export -------------------------------------------------------------------------
    @http("POST", "/api/v1/contacts/imports")
    def import_contacts(self, request):
        """A CSV as Excel writes it, or a vCard file, base64-encoded (at most 20 MB): answers 202 at once
        with the import's id; `dry_run` counts and checks every row and writes nothing."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(schemas.ImportSchema, request, max_bytes=schemas.IMPORT_BODY_BYTES)
        started = self._contacts("import_contacts", form["format"], form["filename"], form["content_base64"],
                                 form["dry_run"], actor(principal))
        self.guard.audit(self.db, request, principal, "contact.import", "contact_import", started["import_id"],
                         personal_data=True)
        return json_response(started, status=202,
                             headers={"Location": f"/api/v1/contacts/imports/{started['import_id']}"})

    @http("GET", "/api/v1/contacts/imports/<uuid:import_id>")
    def contact_import_status(self, request, import_id):
        """How far an import got (`processed_rows` of `total_rows`), its counts and each row's errors."""
        principal = self.guard.require(self.db, request, "contacts.read")
        status = self._contacts("import_status", str(import_id), actor(principal))
        self.guard.audit(self.db, request, principal, "contact.import_status", "contact_import", import_id,
                         personal_data=True)
        return json_response(status)

    @http("GET", "/api/v1/contacts/export")
    def export_contacts(self, request):
        """A segment's bulk list (`segment_id`) or the records of a filter as a spreadsheet (`format=csv`:
        UTF-8 with BOM and `;`, as Turkish Excel opens it) or an address book (`format=vcard`). Records
        whose owners opted out are never exported. Only the bank's writers may take a copy out."""
        principal = self.guard.require(self.db, request, "contacts.write")
        query = query_args(schemas.ExportQuerySchema, request)
        format_, segment_id = query.pop("format"), query.pop("segment_id", None)
        document = self._contacts("export_contacts", format_, actor(principal),
                                  segment_id=schemas.as_rpc(segment_id),
                                  filters=None if segment_id else schemas.as_rpc(query))
        self.guard.audit(self.db, request, principal, f"contact.export_{format_}", "segment" if segment_id else
                         "contact", segment_id, personal_data=True)
        return file_response(document, headers={"X-Record-Count": str(document.get("count", 0))})
