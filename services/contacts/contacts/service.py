"""Contacts' entrypoints: the information bank (records, roles, search, upkeep, duplicates, imports,
segments) and protocol (precedence, events, invitations, seating). Thin: each hands its work to a plain
function. Writes take `actor` (`{"id", "role", "directorate"}`) and are authorised inside (`access`)."""
import logging
from pathlib import Path

from nameko.timer import timer

from servicekit import secrets
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc as reliable_rpc
from servicekit.settings import SettingsProvider

from . import (directory, events, exports, imports, merging, personal_data, protocol, search, segments_store,
               upkeep)
from .exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from .settings import AT_IMPORT

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# a refused request is the caller's mistake, not the service's: logged as a warning, not as a failure
rpc = reliable_rpc(expected_exceptions=(NotFound, NotAllowed, InvalidInput, Conflict))


def _seed_on_start(store, settings):
    protocol.seed(store, settings.precedence_file)


class ContactsService:
    name = "contacts"

    db = Database(MIGRATIONS, on_start=_seed_on_start)
    config = SettingsProvider()
    correlation_id = CorrelationId()

    def _links(self):
        return self.config.public_base_url, secrets.secret(self.config, "INVITATION_KEY")

    def _font(self):
        return self.config.pdf_font_path

    @timer(interval=AT_IMPORT.import_seconds)
    def work_imports(self):
        """Carry running imports forward in batches (progress shows in `import_status`)."""
        rows = imports.work(self.db, self.config.import_batch_rows)
        if rows:
            log.info("import rows processed: %s", rows)

    # -- records ------------------------------------------------------------------------------------
    @rpc
    def create_contact(self, record, actor):
        """A new record (duplicates.py's shape), e.g. `{"kind": "person", "full_name": "İsmail Işık",
        "category": "ilce_protokolu", "phones": ["0532 111 22 33"], "roles": [{"office": "kaymakam",
        "title": "Gaziemir Kaymakamı", "started_on": "2025-09-01"}], "consent": {"basis": "kanunda_ongorulme"}}`;
        answers the stored record plus `possible_duplicates` (ids)."""
        return directory.create(self.db, record, actor)

    @rpc
    def update_contact(self, contact_id, changes, actor):
        """Change the fields given, e.g. `{"phones": ["0232 251 00 00"], "tags": ["gazi"]}` (roles: add_role /
        end_role; opt-out: opt_out)."""
        return directory.update(self.db, contact_id, changes, actor)

    @rpc
    def get_contact(self, contact_id, actor):
        """A record with every phone, e-mail and address and its whole role history (ended roles too)."""
        return directory.view(self.db, contact_id, actor)

    @rpc
    def search_contacts(self, query, filters, actor, limit=50, offset=0):
        """`{"total", "contacts"}` best first; `query` Turkish-folded and typo-tolerant ("mehmt" finds
        Mehmet), or a phone / e-mail looked up exactly; `filters` e.g. `{"category": "muhtar",
        "tag": "gazi", "neighbourhood": "Sarnıç", "organisation": id, "office": "muhtar"}`."""
        return search.search(self.db, query, filters, actor, limit, offset)

    @rpc
    def personal_data_of(self, tc_kimlik_no=None, email=None, phone=None, actor=None):
        """What the bank holds about one person, for a KVKK data-subject request (m. 11, 13): the records
        with exactly this e-mail or phone, as the bank normalises them, e.g. `{"contacts": [{"id", "name",
        "category", "consent_basis", "opted_out_on"}]}`; `{}` for a TC Kimlik No alone (the bank keeps none).
        Only `actor` roles admin and pr_officer, else `NotAllowed`."""
        return personal_data.personal_data_of(self.db, tc_kimlik_no, email, phone, actor)

    @rpc
    def add_role(self, person_id, role, actor):
        """A new office held, e.g. `{"office": "muhtar", "organisation_name": "Sarnıç Mahallesi",
        "title": "Sarnıç Mahallesi Muhtarı", "started_on": "2024-04-01"}`; earlier roles stay."""
        return directory.add_role(self.db, person_id, role, actor)

    @rpc
    def end_role(self, role_id, ended_on, actor, contact_id=None):
        """The role ends on `ended_on` ("2024-03-31"; today when None); it stays in the history. With
        `contact_id`, NotFound unless the role is that record's."""
        return directory.end_role(self.db, role_id, ended_on, actor, contact_id)

    @rpc
    def mark_verified(self, contact_id, actor, verified_on=None):
        return directory.mark_verified(self.db, contact_id, actor, verified_on)

    @rpc
    def opt_out(self, contact_id, actor, opted_out_on=None):
        """KVKK: the person refused contact; never again in a bulk list, an invitation or an export."""
        return directory.opt_out(self.db, contact_id, actor, opted_out_on)

    # -- upkeep and duplicates ----------------------------------------------------------------------
    @rpc
    def stale_contacts(self, older_than_days, actor, limit=100, offset=0):
        """The upkeep queue: records marked by a campaign, never verified, or not for `older_than_days`."""
        return upkeep.stale(self.db, older_than_days, actor, limit, offset)

    @rpc
    def start_reverification(self, criteria, reason, actor):
        """Mark every record in `{"categories": [...], "offices": [...]}` for checking, e.g. after an
        election with reason "2024 yerel seçimleri"; answers `{"marked": n}`."""
        return upkeep.start_reverification(self.db, criteria, reason, actor)

    @rpc
    def duplicate_candidates(self, actor, limit=50):
        """`[{"ids", "names", "reasons", "reason_labels", "score"}]`: pairs for staff to review."""
        return merging.duplicate_candidates(self.db, actor, limit)

    @rpc
    def dismiss_duplicate(self, contact_ids, actor, reason=None):
        """Two records staff judged not to be one (`[id, id]`, e.g. reason "Farklı kişiler: biri Sarnıç'ta,
        biri Aktepe'de."): the pair leaves `duplicate_candidates`; answers `{"ids", "dismissed_by",
        "dismissed_at", "reason"}`, the same again when dismissed again."""
        return merging.dismiss_duplicate(self.db, contact_ids, actor, reason)

    @rpc
    def merge_contacts(self, keep_id, other_id, actor):
        """Fold `other_id` into `keep_id`, keeping every role, phone, membership and invitation."""
        return merging.merge_contacts(self.db, keep_id, other_id, actor)

    # -- import and export --------------------------------------------------------------------------
    @rpc
    def import_contacts(self, format, filename, content_base64, dry_run, actor):
        """Start importing a "csv" (as Excel writes it) or "vcard" file; answers `{"import_id", "status":
        "running"}` at once. Re-importing the same file creates and changes nothing."""
        return imports.start(self.db, format, filename, content_base64, dry_run, actor)

    @rpc
    def import_status(self, import_id, actor):
        """`{"status", "total_rows", "processed_rows", "created", "updated", "skipped", "errors": [{"row",
        "errors"}], ...}`."""
        return imports.status(self.db, import_id, actor)

    @rpc
    def export_contacts(self, format, actor, segment_id=None, filters=None):
        """A "csv" or "vcard" file of a segment or a filter: `{"filename", "content_type", "content_base64",
        "count"}`."""
        return exports.export(self.db, format, actor, segment_id, filters)

    # -- segments -----------------------------------------------------------------------------------
    @rpc
    def create_segment(self, segment, actor):
        """`{"name": "Muhtarlar", "kind": "filter", "filter": {"categories": ["muhtar"]}}` or
        `{"name": "Basın", "kind": "fixed", "members": [ids]}`."""
        return segments_store.create(self.db, segment, actor)

    @rpc
    def list_segments(self, actor):
        return segments_store.listing(self.db, actor)

    @rpc
    def update_segment(self, segment_id, changes, actor):
        """Rename (`{"name"}`) or change the filter (`{"filter"}`) of a segment."""
        return segments_store.update(self.db, segment_id, changes, actor)

    @rpc
    def delete_segment(self, segment_id, actor):
        return segments_store.delete(self.db, segment_id, actor)

    @rpc
    def segment_members(self, segment_id):
        """Service-to-service (press): the bulk list `[{"contact_id", "full_name", "email", "phone"}]`, only
        records with a lawful basis whose owners did not opt out; `phone` is a mobile or None."""
        return segments_store.members(self.db, segment_id)

    @rpc
    def add_to_segment(self, segment_id, contact_ids, actor):
        return segments_store.change_members(self.db, segment_id, contact_ids, actor, add=True)

    @rpc
    def remove_from_segment(self, segment_id, contact_ids, actor):
        return segments_store.change_members(self.db, segment_id, contact_ids, actor, add=False)

    # -- protocol: precedence, events, invitations, seating -----------------------------------------
    @rpc
    def list_precedence(self, actor):
        """The district precedence list, most senior first: `[{"office", "title", "rank", "source", ...}]`."""
        return protocol.list_precedence(self.db, actor)

    @rpc
    def set_precedence(self, office, rank, title, actor, source=None):
        """Put an office at a rank, e.g. `("ilce_muftusu", 14, "İlçe Müftüsü")`; later ranks move down one."""
        return protocol.set_precedence(self.db, office, rank, title, actor, source)

    @rpc
    def create_event(self, event, actor, may_manage_events=False):
        """`{"kind": "toren", "title": "29 Ekim Cumhuriyet Bayramı", "starts_at": "2026-10-29T10:00:00+03:00",
        "place": "Atatürk Anıtı", "rows": [7, 9, 9]}` (seats per row, front first). Unless `may_manage_events`
        (the role table's protocol.manage), only a press conference (`NotAllowed`)."""
        return events.create(self.db, event, actor, may_manage_events)

    @rpc
    def list_events(self, actor, limit=50, offset=0):
        return events.listing(self.db, actor, limit, offset)

    @rpc
    def get_event(self, event_id, actor):
        """One event: `{"id", "kind", "title", "starts_at", "place", "status", ...}`."""
        return events.get_event(self.db, event_id, actor)

    @rpc
    def event_audience(self, event_id, audience):
        """Service-to-service (press): `{"event", "guests": [{"contact_id", "full_name", "email", "phone",
        "address", "organisation"}]}`, the guests who did not decline (`invited`), accepted, or `attended`."""
        return events.audience(self.db, event_id, audience)

    @rpc
    def invite(self, event_id, contact_ids, segment_ids, actor, may_manage_events=False):
        """Invite records and segments' bulk lists; notify sends each a personal reply link. Answers
        `{"invited", "already_invited", "skipped": [{"contact_id", "reason"}]}`. Unless `may_manage_events`,
        only to a press conference."""
        return events.invite(self.db, event_id, contact_ids, segment_ids, actor, *self._links(),
                             may_manage_events=may_manage_events)

    @rpc
    def invitation_for_reply(self, invitation_id, token):
        """What the invitee's link shows before they answer: `{"title", "starts_at", "place", "status"}`,
        once the token is checked; no actor, the token is the proof; nothing is recorded."""
        return events.invitation_for_reply(self.db, invitation_id, token, self._links()[1])

    @rpc
    def reply_invitation(self, invitation_id, token, reply):
        """The invitee's answer ("accepted" / "declined") through their link; no actor, the token is the proof."""
        return events.reply(self.db, invitation_id, token, reply, self._links()[1])

    @rpc
    def record_reply(self, invitation_id, reply, actor, event_id=None, may_manage_events=False):
        """The protocol desk records an answer given by phone (`"accepted"` / `"declined"`); with `event_id`,
        NotFound unless the invitation is to that event. Unless `may_manage_events`, only a press conference's."""
        return events.record_reply(self.db, invitation_id, reply, actor, event_id, may_manage_events)

    @rpc
    def check_in(self, event_id, contact_id, actor, may_manage_events=False):
        """The guest `contact_id` arrived at the door. Unless `may_manage_events`, only at a press conference."""
        return events.check_in(self.db, event_id, contact_id, actor, may_manage_events)

    @rpc
    def attendance(self, event_id, actor):
        """The event, its counts and every invitee's answer, arrival and seat."""
        return events.attendance(self.db, event_id, actor)

    @rpc
    def generate_seating(self, event_id, reserved, actor):
        """Seat those who accepted by precedence on the event's day; `reserved` e.g. `[{"row": 1, "seat": 1,
        "contact_id": null}]` blocks a seat, with a contact id fixes it."""
        return protocol.generate_seating(self.db, event_id, reserved, actor)

    @rpc
    def get_seating(self, event_id, actor):
        return protocol.get_seating(self.db, event_id, actor)

    @rpc
    def move_seat(self, event_id, contact_id, row, seat, actor):
        """Move a guest; whoever sat there takes the guest's old seat."""
        return protocol.move_seat(self.db, event_id, contact_id, row, seat, actor)

    @rpc
    def speaking_order(self, event_id, actor):
        """Speakers first to last: as set by hand, else junior to senior (the most senior last)."""
        return protocol.speaking_order(self.db, event_id, actor)

    @rpc
    def set_speaking_order(self, event_id, contact_ids, actor):
        return protocol.set_speaking_order(self.db, event_id, contact_ids, actor)

    @rpc
    def name_cards_pdf(self, event_id, actor):
        """Tent name cards: `{"filename", "content_type": "application/pdf", "content_base64"}`."""
        return protocol.name_cards_pdf(self.db, event_id, actor, self._font())

    @rpc
    def seating_plan_pdf(self, event_id, actor):
        """The printed seating plan: `{"filename", "content_type": "application/pdf", "content_base64"}`."""
        return protocol.seating_plan_pdf(self.db, event_id, actor, self._font())
