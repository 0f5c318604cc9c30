"""Press's entrypoints: thin; each hands its work to a plain function.

Writes take `actor` (`{"id": "ayse", "role": "press_officer", "directorate": null}`) and check it
inside (`press.access`); errors are `press.exceptions`, with Turkish messages.
"""
import logging
from pathlib import Path

from nameko.rpc import RpcProxy
from nameko.timer import timer

from contracts import contacts, press_api
from servicekit.consumers import event_handler
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc

from . import (archive, conferences, contact_changes, distribution, ingest, inputs, morning, office, release_flow,
               renewals)
from .clippings import istanbul_day
from .exceptions import InvalidInput
from .settings import AT_IMPORT, Clock, Settings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# the jobs' intervals are AT_IMPORT's: nameko fixes a timer's interval when the class is defined
# what `attachment(kind, id)` serves: the files other services attach (notify's e-mails)
ATTACHMENT_KINDS = {"release_photo": release_flow.photo, "digest_pdf": morning.pdf_attachment,
                    "clipping_scan": archive.scan, "issue_pdf": office.issue_pdf,
                    "conference_material": conferences.material_file}


class PressService:
    name = "press"

    db = Database(MIGRATIONS)
    settings = Settings()
    clock = Clock()
    correlation_id = CorrelationId()
    contacts_rpc = RpcProxy("contacts")

    # -- jobs ---------------------------------------------------------------------------------------
    @timer(interval=AT_IMPORT.fetch_seconds)
    def fetch_feeds(self):
        """Read the news sources that are due; new items about the municipality become clippings."""
        counts = ingest.fetch_due(self.db, self.settings, self.clock())
        if any(counts.values()):
            log.info("feeds read: %s", counts)

    @timer(interval=AT_IMPORT.publish_seconds)
    def publish_releases(self):
        """Publish approved releases whose embargo has passed (`release_published`, with recipients)."""
        release_flow.publish_due(self.db, self.contacts_rpc, self.clock(), self.settings.contacts_timeout)

    @timer(interval=AT_IMPORT.digest_check_seconds)
    def send_morning_digest(self):
        """After `DIGEST_AT` (Istanbul), yesterday's digest, once per day (`digest_ready`)."""
        morning.build_if_due(self.db, self.clock(), self.settings.digest_at, self.settings.municipality,
                             self.settings.font_path)

    @timer(interval=AT_IMPORT.reminder_seconds)
    def remind_subscriptions(self):
        """`subscription_renewal_due` once per subscription and renewal date."""
        renewals.remind(self.db, self._today(), self.settings.reminder_days_before)

    def _today(self):
        return istanbul_day(self.clock())

    # -- the information bank's changes ---------------------------------------------------------------
    @event_handler(contacts.EXCHANGE, contacts.CONTACT_CHANGED, contacts.ContactChangedSchema)
    def handle_contact_changed(self, event):
        """`{"contact_id", "change": "opted_out", ...}`: an opted-out contact's name and address leave the
        releases' recipient lists; a merged one's entries name the record kept."""
        contact_changes.on_contact_changed(self.db, event)

    @event_handler(contacts.EXCHANGE, contacts.SEGMENT_CHANGED, contacts.SegmentChangedSchema)
    def handle_segment_changed(self, event):
        """`{"segment_id", "name", "kind", "change": "deleted"}`: a deleted segment leaves the distribution
        lists; a release still to go to it gets a comment."""
        contact_changes.on_segment_changed(self.db, event, self.clock())

    # -- sources and clippings ----------------------------------------------------------------------
    @rpc
    def add_source(self, source, actor):
        """A news feed to read: `{"url": "https://egetelgraf.example/rss", "outlet": "Ege Telgraf",
        "interval_minutes": 30}`; answers the source (the existing one for a URL already added)."""
        return archive.add_source(self.db, source, actor, self.clock(), self.settings.outbound)

    @rpc
    def list_sources(self):
        """Every source with its schedule, validators, failures in a row and last outcome."""
        return archive.list_sources(self.db)

    @rpc
    def set_source_active(self, source_id, active, actor):
        """Stop (`false`) or resume (`true`) reading a source."""
        return archive.set_source_active(self.db, source_id, active, actor)

    @rpc
    def add_clipping(self, clipping, actor):
        """A clipping from print, TV or radio: `{"title": "Emrez'de su baskını", "outlet": "Yeni Asır",
        "kind": "print", "published_at": "2026-11-25T07:00:00+03:00", "page_or_programme": "s. 4",
        "summary": "…", "scan": {"filename": "kupur.jpg", "content_type": "image/jpeg",
        "content_base64": "…"}}`; the clipping, with its tone suggestion."""
        return archive.add_clipping(self.db, clipping, actor, self.clock(), self.settings.keywords)

    @rpc
    def get_clipping(self, clipping_id):
        return archive.get_clipping(self.db, clipping_id)

    @rpc
    def list_clippings(self, filters=None, limit=50, offset=0):
        """`{"total", "clippings"}`, newest first; filters as `search_clippings` without `query`."""
        return archive.search(self.db, dict(filters or {}), limit, offset)

    @rpc
    def search_clippings(self, query, filters=None, limit=50, offset=0):
        """Turkish full-text search, newest first (`"sort": "relevance"`: best first): `query` "park -otopark",
        filters `{"date_from":
        "2026-11-01", "date_to": "2026-11-30", "outlet": "Yeni Asır", "tone": "lehte" | "aleyhte" |
        "tarafsiz" | "none", "topic": "…", "directorate": "fen-isleri", "important": true, "kind": "print"}`."""
        return archive.search(self.db, {**(filters or {}), **({"q": query} if query else {})}, limit, offset)

    @rpc
    def set_tone(self, clipping_id, tone, actor):
        """A person's tone for a clipping: "lehte", "aleyhte" or "tarafsiz" (the suggestion stays a suggestion)."""
        return archive.set_tone(self.db, clipping_id, tone, actor, self.clock())

    @rpc
    def classify_clipping(self, clipping_id, changes, actor):
        """`{"topic": "altyapı", "new_practice": true}`: what the digest and the archive group by."""
        return archive.classify(self.db, clipping_id, changes, actor)

    @rpc
    def flag_clipping(self, clipping_id, actor, important=True, directorates=(), note=""):
        """Flag as important for the board, telling `directorates` (`["fen-isleri"]`) once each
        (`clipping_flagged`); `important=False` takes it off the board."""
        return archive.flag(self.db, clipping_id, {"important": important, "directorates": list(directorates),
                                                   "note": note}, actor, self.clock())

    @rpc
    def board(self, limit=12):
        """The press board: today's important clippings, newest first."""
        return archive.board(self.db, self.clock(), limit)

    @rpc
    def digest(self, day):
        """The morning digest of `day` ("2026-11-25"): `{"subject", "text", "sent", "pdf":
        {"filename", "content_type", "content_base64"}}`; a day not sent yet is built as it reads now."""
        return morning.show(self.db, inputs.day(day), self.clock(), self.settings.municipality,
                            self.settings.font_path)

    @rpc
    def digest_pdf(self, day):
        """The PDF of `digest`: `{"filename", "content_type", "content_base64"}`."""
        return self.digest(day)["pdf"]

    @rpc
    def digest_summary(self, day):
        """The digest of `day` as `digest` shows it, its PDF named by the address the gateway serves it at
        (`pdf_url`) rather than carried."""
        shown = self.digest(day)
        del shown["pdf"]
        return {**shown, "pdf_url": press_api.DIGEST_PDF_URL.format(day=shown["day"])}

    # -- releases -----------------------------------------------------------------------------------
    @rpc
    def create_release(self, release, actor):
        """A draft: `{"title": "Sarnıç'a yeni park", "summary": "…", "body": "…", "url": null,
        "embargo_until": "2026-11-26T11:00:00+03:00", "segment_id": "yerel-basin"}`."""
        return release_flow.create(self.db, release, actor, self.clock())

    @rpc
    def edit_release(self, release_id, changes, actor):
        """A new version of a draft or returned release: `{"body": "…", "embargo_until": "…"}`."""
        return release_flow.edit(self.db, release_id, changes, actor, self.clock())

    @rpc
    def add_release_photo(self, release_id, photo, actor):
        """`{"filename": "park.jpg", "content_type": "image/jpeg", "content_base64": "…", "caption": "…"}`:
        JPEG, PNG or MP4, at most 20 MB; answers `{"id", "filename", "content_type", "size"}`."""
        return release_flow.add_photo(self.db, release_id, photo, actor, self.clock())

    @rpc
    def remove_release_photo(self, release_id, photo_id, actor):
        return release_flow.remove_photo(self.db, release_id, photo_id, actor)

    @rpc
    def submit_release(self, release_id, actor):
        """To the mayor's office for approval."""
        return release_flow.act(self.db, release_id, "submit", actor, self.clock())

    @rpc
    def withdraw_release(self, release_id, actor):
        """Back to draft from the mayor's office's queue."""
        return release_flow.act(self.db, release_id, "withdraw", actor, self.clock())

    @rpc
    def approve_release(self, release_id, actor, comment=None):
        """The mayor's office approves; it goes out when its embargo has passed."""
        return release_flow.act(self.db, release_id, "approve", actor, self.clock(), comment)

    @rpc
    def return_release(self, release_id, comment, actor):
        """The mayor's office returns it with what to correct: `"İkinci paragrafı kısaltın."`."""
        return release_flow.act(self.db, release_id, "return", actor, self.clock(), comment)

    @rpc
    def get_release(self, release_id):
        """A release with its photos, versions, comments, allowed actions and (once out) recipients."""
        return release_flow.get(self.db, release_id)

    @rpc
    def list_releases(self, state=None, limit=50, offset=0):
        """`{"total", "releases"}`, latest first; `state` one of taslak, onay_bekliyor, onaylandi, iade, yayimlandi."""
        return release_flow.listing(self.db, state, limit, offset)

    @rpc
    def releases_rss(self):
        """RSS 2.0 XML (text) of the published releases, for the website."""
        return release_flow.rss(self.db, self.settings.site, self.settings.photo_url)

    @rpc
    def release_photo(self, photo_id):
        """`{"filename", "content_type", "content_base64"}` of a release's photo."""
        return release_flow.photo(self.db, photo_id)

    @rpc
    def public_release_photo(self, photo_id):
        """A photo of a published release (the public may see it; NotFound for a draft's or an embargoed
        release's): `{"filename", "content_type", "content_base64"}`."""
        return release_flow.photo(self.db, photo_id, published_only=True)

    @rpc
    def attachment(self, kind, id):
        """A file by kind and id: "release_photo", "digest_pdf" (the digest's id), "clipping_scan",
        "issue_pdf", "conference_material"; `{"filename", "content_type", "content_base64"}`."""
        fetch = ATTACHMENT_KINDS.get(kind)
        if fetch is None:
            raise InvalidInput({"kind": ["Şunlardan biri olmalı: " + ", ".join(ATTACHMENT_KINDS) + "."]})
        return fetch(self.db, inputs.identifier(id, "Dosya"))

    # -- publications, subscriptions, productions ---------------------------------------------------
    @rpc
    def add_publication(self, publication, actor):
        """`{"title": "Gaziemir Bülten", "kind": "bulletin", "frequency": "aylık", "segment_ids": ["muhtarlar"]}`."""
        return office.add_publication(self.db, publication, actor)

    @rpc
    def set_distribution(self, publication_id, segment_ids, actor):
        """The contacts segments a publication goes to: `["muhtarlar", "stk"]`."""
        return office.set_distribution(self.db, publication_id, segment_ids, actor)

    @rpc
    def add_issue(self, publication_id, issue, actor):
        """`{"number": 12, "issued_on": "2026-11-01", "contents": "…", "print_run": 5000,
        "pdf": {"filename": "bulten-12.pdf", "content_type": "application/pdf", "content_base64": "…"}}`."""
        return office.add_issue(self.db, publication_id, issue, actor)

    @rpc
    def list_publications(self):
        """The municipality's publications with their issues (no PDFs) and distribution segments."""
        return office.list_publications(self.db)

    @rpc
    def distribute_issue(self, issue_id, actor):
        """E-mail an issue (its PDF attached when small enough, and its public link) to the publication's
        distribution list, once: `{"issue_id", "distributed_at", "emailed": 412, "without_email": 37, ...}`;
        those without e-mail are on `distribution_list` for the printed copies."""
        return distribution.distribute_issue(self.db, self.contacts_rpc, issue_id, actor, self.settings)

    @rpc
    def distribution_list(self, publication_id, actor):
        """The publication's distribution list today, as CSV for Excel (name, organisation, address,
        e-mail, phone): `{"filename", "content_type", "content_base64"}`."""
        return distribution.distribution_list(self.db, self.contacts_rpc, publication_id, actor, self.settings)

    @rpc
    def public_issue_pdf(self, issue_id):
        """The PDF of an issue that has been sent out (anyone may read it); NotFound before that."""
        return distribution.public_issue_pdf(self.db, issue_id)

    # -- press conferences' materials ----------------------------------------------------------------
    @rpc
    def add_conference_material(self, event_id, material, actor):
        """`{"title": "Sunum", "file": {"filename": "sunum.pdf", "content_type": "application/pdf",
        "content_base64": "…"}}` for a press conference (a contacts event of kind basin_toplantisi)."""
        return conferences.add_material(self.db, self.contacts_rpc, event_id, material, actor,
                                        self.settings.contacts_timeout)

    @rpc
    def conference_materials(self, event_id, actor):
        """`{"event", "materials": [{"id", "title", "filename", "content_type", "size", ...}], "shares": [...]}`."""
        return conferences.materials(self.db, self.contacts_rpc, event_id, actor, self.settings.contacts_timeout)

    @rpc
    def remove_conference_material(self, event_id, material_id, actor):
        """The conference's materials left after removing one."""
        return conferences.remove_material(self.db, event_id, material_id, actor)

    @rpc
    def conference_material(self, material_id):
        """`{"filename", "content_type", "content_base64"}` of one material."""
        return conferences.material_file(self.db, material_id)

    @rpc
    def share_conference_materials(self, event_id, audience, note, actor):
        """E-mail every material to the guests: `audience` "attended", "accepted" or "invited" (all who did
        not decline); answers the record `{"id", "recipients", "without_email", "material_ids", ...}`."""
        return conferences.share(self.db, self.contacts_rpc, event_id, audience, note, actor,
                                 self.settings.contacts_timeout)

    @rpc
    def add_subscription(self, subscription, actor):
        """`{"publication": "Yeni Asır", "period": "yearly", "cost": "4800.00", "started_on": "2026-01-31",
        "paid_until": null}`."""
        return renewals.add(self.db, subscription, actor, self._today())

    @rpc
    def list_subscriptions(self, active_only=False):
        """Subscriptions with their next renewal date and the days left."""
        return renewals.listing(self.db, self._today(), active_only)

    @rpc
    def renew_subscription(self, subscription_id, actor):
        """One more period paid."""
        return renewals.renew(self.db, subscription_id, actor, self._today())

    @rpc
    def cancel_subscription(self, subscription_id, actor):
        return renewals.cancel(self.db, subscription_id, actor, self._today())

    @rpc
    def add_production(self, production, actor):
        """A programme or series made with the media: `{"title": "Gaziemir'in Sesi", "kind": "programme",
        "outlet": "Ege TV", "partners": ["Ege TV"], "notes": "…"}`."""
        return office.add_production(self.db, production, actor)

    @rpc
    def update_production_status(self, production_id, status, actor, notes=None):
        """status: planlandi, hazirlaniyor, yayinlandi, iptal."""
        return office.update_production_status(self.db, production_id, status, actor, notes)

    @rpc
    def list_productions(self, status=None):
        return office.list_productions(self.db, status)
