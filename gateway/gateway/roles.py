"""The roles of the platform and what each may do, as one table (DESIGN.md §5).

Staff carry one role (two of them bound to a directorate); other systems are API clients whose
role is `system` and whose *scopes* say which endpoints and event types they may use.
"""

STAFF_ROLES = {
    "admin": "Sistem yöneticisi",
    "pr_officer": "Halkla ilişkiler masası",
    "press_officer": "Basın servisi",
    "directorate_staff": "Müdürlük personeli",
    "directorate_head": "Müdür",
    "mayor_office": "Başkanlık Makamı",
    "ops": "İşletim (metrikler, ölü mektuplar)",
    "auditor": "Denetçi (salt okunur, denetim kaydı dahil)",
}
DIRECTORATE_ROLES = frozenset({"directorate_staff", "directorate_head"})
SYSTEM_ROLE = "system"

# action -> staff roles allowed. An API client is allowed an action when it holds the scope of
# the same name (inbound events use "events:<event_type>").
PERMISSIONS = {
    "application.submit": {"admin", "pr_officer"},
    "application.read": {"admin", "pr_officer", "auditor", "mayor_office", "directorate_staff", "directorate_head"},
    "audit.read": {"admin", "auditor"},
    # the press officer sees and acts on the press's own requests (routing checks each case)
    "case.read": {"admin", "pr_officer", "press_officer", "auditor", "mayor_office", "directorate_staff",
                  "directorate_head"},
    "case.act": {"admin", "pr_officer", "press_officer", "mayor_office", "directorate_staff", "directorate_head"},
    "routing.read": {"admin", "pr_officer", "auditor"},
    # the muhtar desk's quarterly and the annual 4982 reports count every directorate's cases: those who see all
    "reports.read": {"admin", "pr_officer", "mayor_office", "auditor"},
    "routing.manage": {"admin", "pr_officer"},
    "account.self": set(STAFF_ROLES),
    "inbox.read": set(STAFF_ROLES),
    "templates.read": {"admin", "pr_officer"},
    "templates.manage": {"admin"},
    "post_room.manage": {"admin", "pr_officer"},
    # other systems' webhooks: no staff role, an API client with the scope webhooks:manage (CLIENT_SCOPES)
    "webhooks.manage": set(),
    "press_request.submit": {"admin", "press_officer"},
    # KVKK's periodic destruction: operations and the auditor read its log; a run by hand is the admin's
    "retention.read": {"admin", "ops", "auditor"},
    "retention.run": {"admin"},
    # KVKK data-subject requests: the desk answering them finds what the municipality holds about the person
    "kvkk.search": {"admin", "pr_officer"},
    "deadletters.read": {"admin", "ops"},
    "deadletters.manage": {"admin", "ops"},
    # the press office's work (press checks the writer and the approver again on every object):
    # its registers and releases; what the press says (clippings, digest); the board every desk reads
    "press.read": {"admin", "press_officer", "mayor_office", "auditor"},
    "press.coverage.read": {"admin", "press_officer", "mayor_office", "pr_officer", "auditor"},
    "press.board.read": {"admin", "press_officer", "mayor_office", "pr_officer", "auditor", "directorate_staff",
                         "directorate_head"},
    "press.write": {"admin", "press_officer"},
    "press.approve": {"mayor_office"},
    # the information bank (bilgi bankası): the desk and the press office keep it (contacts checks the same
    # writers and readers again); segments are its lists; an export is a copy leaving: writers only
    "contacts.read": {"admin", "pr_officer", "press_officer", "mayor_office", "auditor"},
    "contacts.write": {"admin", "pr_officer", "press_officer"},
    # protocol (DOMAIN.md §5): the public relations desk runs it (precedence, seating, speaking order, every
    # event); the press office invites the media to press conferences: events, invitations, replies and
    # check-in of that kind only (checked on the event); the mayor's office and the auditor read
    "protocol.read": {"admin", "pr_officer", "press_officer", "mayor_office", "auditor"},
    "protocol.manage": {"admin", "pr_officer"},
    "protocol.invite": {"admin", "pr_officer", "press_officer"},
}
CLIENT_SCOPES = {
    "application.submit": "applications:submit",
    "application.read": "applications:read",
    "open311.submit": "open311:submit",
    "webhooks.manage": "webhooks:manage",
}
