"""Notify's entrypoints: one handler per event it listens to, the delivery loop, the staff inbox."""
import base64
import logging
from pathlib import Path

import yaml
from nameko.extensions import DependencyProvider
from nameko.rpc import RpcProxy
from nameko.timer import timer

from contracts import contacts, intake, press, routing
from servicekit import outbound, secrets
from servicekit.consumers import event_handler
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc
from servicekit.settings import SettingsProvider, of as settings_of

from . import email_channel, inbox_view, notices, post_room, retention, sender, sms_channel, templates_admin, webhooks
from .settings import AT_IMPORT

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
SEED = Path(__file__).resolve().parent.parent / "seed" / "gaziemir.yml"


def _on(exchange, event_type, schema):
    """A handler that queues what the event means to tell."""
    @event_handler(exchange, event_type, schema)
    def handle(self, event):
        queued = notices.handle(self.db, f"notify.{event_type}", event_type, event, self.settings["mailboxes"])
        if queued:
            log.info("%s: %s message(s) queued", event_type, queued)
    handle.__name__ = f"handle_{event_type}"
    handle.__doc__ = f"`{event_type}`: queue the messages and inbox items it calls for."
    return handle


class Settings(DependencyProvider):
    """The seed's settings (`SEED_FILE`, else Gaziemir's): staff mailboxes, the letterhead."""

    def setup(self):
        path = settings_of(self.container).seed_file or SEED
        with open(path, encoding="utf-8") as handle:
            self.settings = {"mailboxes": {}, "letterhead": [], **(yaml.safe_load(handle) or {})}

    def get_dependency(self, worker_ctx):
        return self.settings


class NotifyService:
    name = "notify"

    db = Database(MIGRATIONS)
    settings = Settings()
    config = SettingsProvider()
    correlation_id = CorrelationId()
    intake_rpc = RpcProxy("intake")
    routing_rpc = RpcProxy("routing")
    press_rpc = RpcProxy("press")

    handle_application_received = _on(intake.EXCHANGE, intake.APPLICATION_RECEIVED, intake.ApplicationReceivedSchema)
    handle_application_not_processed = _on(intake.EXCHANGE, intake.APPLICATION_NOT_PROCESSED,
                                           intake.ApplicationNotProcessedSchema)
    handle_case_opened = _on(routing.EXCHANGE, routing.CASE_OPENED, routing.CaseOpenedSchema)
    handle_case_assigned = _on(routing.EXCHANGE, routing.CASE_ASSIGNED, routing.CaseAssignedSchema)
    handle_case_transferred = _on(routing.EXCHANGE, routing.CASE_TRANSFERRED, routing.CaseTransferredSchema)
    handle_case_forwarded = _on(routing.EXCHANGE, routing.CASE_FORWARDED, routing.CaseForwardedSchema)
    handle_deadline_extended = _on(routing.EXCHANGE, routing.DEADLINE_EXTENDED, routing.DeadlineExtendedSchema)
    handle_fee_notified = _on(routing.EXCHANGE, routing.FEE_NOTIFIED, routing.FeeNotifiedSchema)
    handle_deadline_warning = _on(routing.EXCHANGE, routing.DEADLINE_WARNING, routing.DeadlineWarningSchema)
    handle_deadline_escalated = _on(routing.EXCHANGE, routing.DEADLINE_ESCALATED, routing.DeadlineEscalatedSchema)
    handle_deadline_breached = _on(routing.EXCHANGE, routing.DEADLINE_BREACHED, routing.DeadlineBreachedSchema)
    handle_answer_approved = _on(routing.EXCHANGE, routing.ANSWER_APPROVED, routing.AnswerApprovedSchema)
    handle_release_published = _on(press.EXCHANGE, press.RELEASE_PUBLISHED, press.ReleasePublishedSchema)
    handle_clipping_flagged = _on(press.EXCHANGE, press.CLIPPING_FLAGGED, press.ClippingFlaggedSchema)
    handle_digest_ready = _on(press.EXCHANGE, press.DIGEST_READY, press.DigestReadySchema)
    handle_subscription_renewal_due = _on(press.EXCHANGE, press.SUBSCRIPTION_RENEWAL_DUE,
                                          press.SubscriptionRenewalDueSchema)
    handle_issue_distributed = _on(press.EXCHANGE, press.ISSUE_DISTRIBUTED, press.IssueDistributedSchema)
    handle_conference_materials_shared = _on(press.EXCHANGE, press.CONFERENCE_MATERIALS_SHARED,
                                             press.ConferenceMaterialsSharedSchema)
    handle_invitations_issued = _on(contacts.EXCHANGE, contacts.INVITATIONS_ISSUED, contacts.InvitationsIssuedSchema)
    handle_invitation_replied = _on(contacts.EXCHANGE, contacts.INVITATION_REPLIED, contacts.InvitationRepliedSchema)

    @event_handler(intake.EXCHANGE, intake.APPLICANTS_ANONYMISED, intake.ApplicantsAnonymisedSchema)
    def handle_applicants_anonymised(self, event):
        """`applicants_anonymised` (KVKK destruction run): destroy notify's copy of those applicants' data."""
        counts = retention.anonymise(self.db, event)
        if counts is not None:  # counts only: never the data itself
            log.info("applicants_anonymised run %s: %s application(s), %s", event["payload"]["run_id"],
                     len(event["payload"]["application_ids"]), counts)

    @timer(interval=AT_IMPORT.deliver_seconds)
    def deliver(self):
        """Send the e-mails and SMS that are due; retry temporary failures later; record every outcome."""
        config = self.config
        attempts, backoff = config.delivery_max_attempts, config.delivery_backoff_seconds
        sending_timeout = config.sending_timeout_seconds
        smtp = email_channel.SmtpSettings(
            host=config.smtp_host, port=config.smtp_port, sender=config.mail_from, starttls=config.smtp_starttls,
            username=config.smtp_username, password=config.smtp_password)
        limit = {"email": sender.per_pass(config.email_per_minute, AT_IMPORT.deliver_seconds),
                 "sms": sender.per_pass(config.sms_per_minute, AT_IMPORT.deliver_seconds),
                 "webhook": sender.per_pass(config.webhook_per_minute, AT_IMPORT.deliver_seconds)}
        counts = {"email": sender.deliver_due(self.db, "email", sender.email_sender(
            smtp, self._attachments(), self.settings["letterhead"]), attempts, backoff, limit["email"],
            concurrency=config.email_concurrency, sending_timeout=sending_timeout)}
        if config.sms_provider_url:  # without a provider, SMS wait in the queue
            provider = sms_channel.HttpSmsProvider(config.sms_provider_url, config.sms_provider_token,
                                                   config.sms_sender)
            counts["sms"] = sender.deliver_due(self.db, "sms", sender.sms_sender(provider), attempts, backoff,
                                               limit["sms"], sending_timeout=sending_timeout)
        post = webhooks.sender(self.db, self._webhook_key(), policy=outbound.Policy.from_config(self.config))
        counts["webhook"] = sender.deliver_due(self.db, "webhook", post, attempts, backoff, limit["webhook"],
                                               sending_timeout=sending_timeout)
        if any(any(c.values()) for c in counts.values()):
            log.info("deliveries: %s", counts)

    def _attachments(self):
        """`fetch(kind, id)`: a file from the service that keeps it (`contracts.attachments`)."""
        return sender.attachment_fetcher({"intake": self.intake_rpc, "routing": self.routing_rpc,
                                          "press": self.press_rpc})

    def _webhook_key(self):
        return secrets.secret(self.config, "WEBHOOK_MASTER_KEY")

    @rpc
    def subscribe_webhook(self, actor, subscription):
        """The calling system (`actor["id"]`: its client id) subscribes `{"url": "https://portal.example/hook",
        "event_types": ["case_opened"]}`; answers with the signing secret, once."""
        return webhooks.subscribe(self.db, self._webhook_key(), actor, subscription,
                                  self.config.webhook_allow_http,
                                  policy=outbound.Policy.from_config(self.config))

    @rpc
    def webhook_subscriptions(self, actor):
        """The calling system's subscriptions."""
        return webhooks.subscriptions(self.db, actor)

    @rpc
    def unsubscribe_webhook(self, actor, subscription_id):
        """Ends one of the calling system's subscriptions (NotFound if it has none such)."""
        webhooks.unsubscribe(self.db, actor, subscription_id)

    @rpc
    def webhook_deliveries(self, actor, subscription_id):
        """The delivery log of one of the calling system's subscriptions (NotFound if it is not theirs)."""
        return webhooks.deliveries(self.db, actor, subscription_id)

    @rpc
    def templates(self):
        """Every template with its current content and version (0: the shipped file)."""
        return templates_admin.listing(self.db)

    @rpc
    def save_template(self, name, content, actor):
        """A new version of template `name` ("receipt.subject.j2"), refused (InvalidTemplate) if it does not
        render for its sample."""
        return templates_admin.save(self.db, name, content, actor)

    @rpc
    def preview_template(self, name, content=None):
        """How a template (or a proposed content) reads for a sample case."""
        return templates_admin.preview(self.db, name, content)

    @rpc
    def inbox(self, actor, unread=False, limit=50):
        """A staff member's inbox (`actor`: `{"id", "role", "directorate"}`): messages for their role
        (`role:<role>`) or directorate (`directorate:<code>`), newest first; `unread`: only those not read."""
        return inbox_view.messages(self.db, actor, unread, limit)

    @rpc
    def mark_read(self, actor, message_id):
        """One of the actor's messages is read (NotFound if there is none such for them)."""
        inbox_view.mark_read(self.db, actor, message_id)

    @rpc
    def deliveries(self, application_id):
        """Every message sent about an application, with its delivery record (no address, no text)."""
        return inbox_view.deliveries(self.db, application_id)

    @rpc
    def post_room(self, posted=False, limit=200):
        """Letters waiting for the post room (`posted=True`: those already posted), oldest first."""
        return post_room.waiting(self.db, posted, limit)

    @rpc
    def post_letter(self, notification_id):
        """The printable PDF for one envelope, the letter then the receipt or the answer's files:
        `{"filename": "mektup-<id>.pdf", "content_type": "application/pdf", "content_base64"}`."""
        pdf = post_room.printable(self.db, notification_id, self.settings["letterhead"], self._attachments())
        return {"filename": f"mektup-{notification_id}.pdf", "content_type": "application/pdf",
                "content_base64": base64.b64encode(pdf).decode()}

    @rpc
    def mark_posted(self, notification_id, actor):
        """The letter went into the post, by `actor`: recorded, and routing hears that the applicant was told."""
        return post_room.mark_posted(self.db, notification_id, actor)
