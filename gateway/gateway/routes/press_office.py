"""The press office's registers: the municipality's own publications (issues with their PDF, and the
contacts segments they are distributed to: an issue is e-mailed to them once, and its PDF is public from
then on), subscriptions to others' publications, media productions."""
from .. import press_schemas
from ..contacts_views import file_response
from ..http import http, json_response
from .common import actor, load, query_args
from .press_releases import attachment_response


class PressOfficeRoutes:
    # -- publications ------------------------------------------------------------------------------
    @http("POST", "/api/v1/press/publications")
    def add_press_publication(self, request):
        """`{"title": "Gaziemir Bülten", "kind": "bulletin", "frequency": "aylık", "segment_ids": [...]}`."""
        principal = self.guard.require(self.db, request, "press.write")
        publication = load(press_schemas.PublicationSchema, request)
        added = self._call("add_publication", publication, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.publication_add", "publication", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/publications")
    def list_press_publications(self, request):
        """The municipality's publications with their issues (no PDFs) and distribution segments."""
        self.guard.require(self.db, request, "press.read")
        return json_response({"publications": self._call("list_publications", service="press")})

    @http("POST", "/api/v1/press/publications/<uuid:publication_id>/issues")
    def add_press_issue(self, request, publication_id):
        """A new issue: `{"number", "issued_on", "contents", "print_run", "pdf": {"filename",
        "content_type": "application/pdf", "content_base64"}}`, the PDF at most 50 MB."""
        principal = self.guard.require(self.db, request, "press.write")
        issue = load(press_schemas.IssueSchema, request,
                     max_bytes=press_schemas.body_limit(press_schemas.MAX_PDF_BYTES))
        added = self._call("add_issue", str(publication_id), press_schemas.as_rpc(issue), actor(principal),
                           service="press")
        self.guard.audit(self.db, request, principal, "press.issue_add", "publication_issue", added["id"])
        return json_response(added, status=201)

    @http("PUT", "/api/v1/press/publications/<uuid:publication_id>/distribution")
    def set_press_distribution(self, request, publication_id):
        """The contacts segments the publication goes to: `{"segment_ids": ["…"]}` (replaces the list)."""
        principal = self.guard.require(self.db, request, "press.write")
        form = load(press_schemas.DistributionSchema, request)
        publication = self._call("set_distribution", str(publication_id), form["segment_ids"], actor(principal),
                                 service="press")
        self.guard.audit(self.db, request, principal, "press.distribution_set", "publication", publication_id)
        return json_response(publication)

    @http("GET", "/api/v1/press/publications/<uuid:publication_id>/distribution-list.csv")
    def press_distribution_list(self, request, publication_id):
        """The publication's distribution list today (name, organisation, address, e-mail, phone of each
        member, once), as CSV for Excel: the labels of the printed copies. A copy of personal data leaving:
        the press service's writers only, and audited."""
        principal = self.guard.require(self.db, request, "press.write")
        document = self._call("distribution_list", str(publication_id), actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.distribution_list_export", "publication",
                         publication_id, personal_data=True)
        return file_response(document)

    # -- issues ------------------------------------------------------------------------------------
    @http("POST", "/api/v1/press/issues/<uuid:issue_id>/distribute")
    def distribute_press_issue(self, request, issue_id):
        """E-mail the issue (its PDF, and its public link) to the publication's distribution list, once
        (409 the second time); answers how many were e-mailed and how many have no e-mail (those are on
        the distribution list for the printed copies). 503 when the information bank did not answer:
        nothing was sent, try again."""
        principal = self.guard.require(self.db, request, "press.write")
        sent = self._call("distribute_issue", str(issue_id), actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.issue_distribute", "publication_issue", issue_id)
        return json_response(sent)

    @http("GET", "/api/v1/press/issues/<uuid:issue_id>/pdf")
    def get_press_issue_pdf(self, request, issue_id):
        """Any issue's PDF, sent out or not, for the office (404 when it has none)."""
        self.guard.require(self.db, request, "press.read")
        return attachment_response(self._call("attachment", "issue_pdf", str(issue_id), service="press"))

    @http("GET", "/api/v1/press/issues/<uuid:issue_id>.pdf")
    def public_press_issue_pdf(self, request, issue_id):
        """The PDF of an issue that has been sent out, as its e-mail links it; no sign-in. An issue not
        sent yet is 404 here whoever asks (staff read it under `/api/v1/press/issues/{issue_id}/pdf`)."""
        self.guard.throttle(request)
        return attachment_response(self._call("public_issue_pdf", str(issue_id), service="press"),
                                   cache="public, max-age=300")

    # -- subscriptions -----------------------------------------------------------------------------
    @http("POST", "/api/v1/press/subscriptions")
    def add_press_subscription(self, request):
        """`{"publication": "Yeni Asır", "period": "yearly", "cost": "4800.00", "started_on": "2026-01-31",
        "paid_until": null}`; the office is reminded before each renewal."""
        principal = self.guard.require(self.db, request, "press.write")
        subscription = load(press_schemas.SubscriptionSchema, request)
        added = self._call("add_subscription", press_schemas.as_rpc(subscription), actor(principal),
                           service="press")
        self.guard.audit(self.db, request, principal, "press.subscription_add", "subscription", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/subscriptions")
    def list_press_subscriptions(self, request):
        """Subscriptions with their next renewal date and the days left; `?active_only=true`."""
        self.guard.require(self.db, request, "press.read")
        query = query_args(press_schemas.SubscriptionQuerySchema, request)
        return json_response({"subscriptions": self._call("list_subscriptions", query["active_only"],
                                                          service="press")})

    @http("POST", "/api/v1/press/subscriptions/<uuid:subscription_id>/renew")
    def renew_press_subscription(self, request, subscription_id):
        """One more period paid."""
        return self._subscription_action(request, subscription_id, "renew")

    @http("POST", "/api/v1/press/subscriptions/<uuid:subscription_id>/cancel")
    def cancel_press_subscription(self, request, subscription_id):
        """The subscription ends: no more reminders."""
        return self._subscription_action(request, subscription_id, "cancel")

    def _subscription_action(self, request, subscription_id, action):
        principal = self.guard.require(self.db, request, "press.write")
        subscription = self._call(f"{action}_subscription", str(subscription_id), actor(principal), service="press")
        self.guard.audit(self.db, request, principal, f"press.subscription_{action}", "subscription",
                         subscription_id)
        return json_response(subscription)

    # -- productions -------------------------------------------------------------------------------
    @http("POST", "/api/v1/press/productions")
    def add_press_production(self, request):
        """A programme or series made with the media: `{"title", "kind": "programme" | "series", "outlet",
        "status", "partners", "notes"}`."""
        principal = self.guard.require(self.db, request, "press.write")
        production = load(press_schemas.ProductionSchema, request, max_bytes=64 * 1024)
        added = self._call("add_production", production, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.production_add", "production", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/productions")
    def list_press_productions(self, request):
        """Productions, latest change first; `?status=planlandi|hazirlaniyor|yayinlandi|iptal`."""
        self.guard.require(self.db, request, "press.read")
        query = query_args(press_schemas.ProductionQuerySchema, request)
        return json_response({"productions": self._call("list_productions", query.get("status"), service="press")})

    @http("PUT", "/api/v1/press/productions/<uuid:production_id>/status")
    def set_press_production_status(self, request, production_id):
        """`{"status": "yayinlandi", "notes": "…"}`."""
        principal = self.guard.require(self.db, request, "press.write")
        form = load(press_schemas.ProductionStatusSchema, request, max_bytes=64 * 1024)
        production = self._call("update_production_status", str(production_id), form["status"], actor(principal),
                                form.get("notes"), service="press")
        self.guard.audit(self.db, request, principal, "press.production_status", "production", production_id)
        return json_response(production)
