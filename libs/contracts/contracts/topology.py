"""Who consumes which event: the queues bound at deploy/start-up (DESIGN.md §3.4).

Queues are declared before anything is published, so an event never lands in an exchange with no
queue, even when its consumer is not running yet (or, for services still to come, not built yet:
their events wait in the queue). A consumer's queue is named `<consumer>.<source>.<event_type>`.
"""
from . import inbound, intake, notify, routing
from . import press
from . import contacts

# (source exchange, event type) -> consuming services
SUBSCRIPTIONS = {
    (intake.EXCHANGE, intake.APPLICATION_RECEIVED): ("routing", "notify"),
    # the applicant is told why the application was not processed; routing counts it in the 4982 report
    (intake.EXCHANGE, intake.APPLICATION_NOT_PROCESSED): ("notify", "routing"),
    # the retention period ended: notify destroys its copies of the applicants' personal data, routing the
    # applicant's own words in the case
    (intake.EXCHANGE, intake.APPLICANTS_ANONYMISED): ("notify", "routing"),
    (inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED): ("intake",),
    # what the applicant or staff must be told
    (routing.EXCHANGE, routing.CASE_OPENED): ("notify",),
    (routing.EXCHANGE, routing.CASE_ASSIGNED): ("notify",),
    (routing.EXCHANGE, routing.CASE_TRANSFERRED): ("notify",),
    (routing.EXCHANGE, routing.CASE_FORWARDED): ("notify",),
    (routing.EXCHANGE, routing.DEADLINE_EXTENDED): ("notify",),
    (routing.EXCHANGE, routing.DEADLINE_WARNING): ("notify",),
    (routing.EXCHANGE, routing.DEADLINE_ESCALATED): ("notify",),
    (routing.EXCHANGE, routing.DEADLINE_BREACHED): ("notify",),
    (routing.EXCHANGE, routing.ANSWER_APPROVED): ("notify",),
    (routing.EXCHANGE, routing.FEE_NOTIFIED): ("notify",),
    # the case shows that the applicant was told
    (notify.EXCHANGE, notify.NOTIFICATION_DELIVERED): ("routing",),
    (notify.EXCHANGE, notify.NOTIFICATION_FAILED): ("routing",),
    # the press office's news: notify mails the media, tells directorates, sends the digest and reminders
    (press.EXCHANGE, press.RELEASE_PUBLISHED): ("notify",),
    (press.EXCHANGE, press.CLIPPING_FLAGGED): ("notify",),
    (press.EXCHANGE, press.DIGEST_READY): ("notify",),
    (press.EXCHANGE, press.SUBSCRIPTION_RENEWAL_DUE): ("notify",),
    (press.EXCHANGE, press.ISSUE_DISTRIBUTED): ("notify",),
    (press.EXCHANGE, press.CONFERENCE_MATERIALS_SHARED): ("notify",),
    # the information bank: notify sends each invitee their invitation with a personal reply link, and
    # confirms a reply to the invitee and the protocol desk
    (contacts.EXCHANGE, contacts.INVITATIONS_ISSUED): ("notify",),
    (contacts.EXCHANGE, contacts.INVITATION_REPLIED): ("notify",),
    # press's records of what went out follow the bank: opted-out contacts leave its recipient lists, merged ones
    # are renamed, a deleted segment leaves the publications' distribution lists
    (contacts.EXCHANGE, contacts.CONTACT_CHANGED): ("press",),
    (contacts.EXCHANGE, contacts.SEGMENT_CHANGED): ("press",),
}


def queue_name(consumer, exchange, event_type):
    """`intake.ebelediye.application_submitted` for intake's queue of inbound submissions."""
    source = exchange.split(".")[0]
    return f"{consumer}.{source}.{event_type}"


def bindings():
    """Every (exchange, event_type, queue) the system needs."""
    for (exchange, event_type), consumers in SUBSCRIPTIONS.items():
        for consumer in consumers:
            yield exchange, event_type, queue_name(consumer, exchange, event_type)
