"""Cases: opened from applications, routed, worked, answered. The service layer over `storage`.

Each action reads the case FOR UPDATE, checks who may act (`access`) and whether the state allows it
(`states`), changes it, writes the timeline entry and the event to the outbox: one transaction.
"""
import base64
import uuid
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from marshmallow import ValidationError

from contracts import attachments, errors, notify, routing as events
from contracts.inbound import ATTACHMENT_MAX_COUNT, AttachmentSchema
from contracts.routing_api import OUTCOMES
from servicekit import files, inbox
from servicekit.failures import TransientError

from . import access, metrics, rules, states, storage

ISTANBUL = ZoneInfo("Europe/Istanbul")
BEDK_REMEDY = ("Bu karara karşı, tebliğinden itibaren 15 gün içinde Bilgi Edinme Değerlendirme Kurulu'na itiraz "
               "edebilirsiniz (4982 s. Kanun m. 13).")


ATTACHMENTS = AttachmentSchema(many=True)


CaseNotFound = errors.NotFound  # no such case, or not one the actor may see (404)
InvalidAnswer = errors.InvalidInput  # `args[0]`: {field: [Turkish messages]} (422)


def istanbul_date(moment):
    return moment.astimezone(ISTANBUL).date()


def open_case(store, event, deadlines):
    """A case for an `application_received` event; nothing when the event was seen before."""
    application = event["payload"]
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, "routing.application_received", event["event_id"]):
            return None
        rule = rules.route(application, deadlines.routing_rules(tx.cursor))
        due = deadlines.due_for(application["type"], application["channel"], application["category"],
                                istanbul_date(application["received_at"]))
        case = {
            "id": uuid.uuid4(), "application_id": application["application_id"],
            "tracking_number": application["tracking_number"], "channel": application["channel"],
            "type": application["type"], "category": application["category"], "subject": application["subject"],
            "neighbourhood": application.get("neighbourhood"), "received_at": application["received_at"],
            "hide_identity": application["applicant"]["hide_identity"], **place(application),
            "state": "assigned" if rule else "triage", "directorate": rule.directorate if rule else None,
            "routing_rule_id": rule.rule_id if rule else None, **due,
        }
        if storage.insert_case(tx.cursor, case) is None:
            return None  # a case exists for this application already
        storage.add_event(tx.cursor, case["id"], "routing", "opened", {
            "directorate": case["directorate"], "routing_rule_id": case["routing_rule_id"],
            "legal_due_on": str(case["legal_due_on"]), "internal_due_on": str(case["internal_due_on"])})
        tx.emit(events.CASE_OPENED, {**_ref(case), "directorate": case["directorate"], "state": case["state"],
                                     "legal_due_on": case["legal_due_on"], "internal_due_on": case["internal_due_on"],
                                     "deadline_rule": case["deadline_rule"]})
    return case


def place(application):
    """Where the application is about and a link to a picture of it, as the event carries them."""
    location = application.get("location") or {}
    return {"latitude": location.get("latitude"), "longitude": location.get("longitude"),
            "address_string": location.get("description"), "media_url": application.get("media_url")}


def _ref(case):
    return {"case_id": case["id"], "application_id": case["application_id"],
            "tracking_number": case["tracking_number"]}


def require_visible(store, case_id, actor):
    """`CaseNotFound` unless the case exists and the actor may see it: an action on a case that names nothing
    is a 404 before what it asks is weighed."""
    with store.transaction() as tx:
        case = storage.case(tx.cursor, case_id)
    if case is None or not access.may_view(actor, case):
        raise CaseNotFound()


def _locked(tx, case_id, actor, action):
    case = storage.case_for_update(tx.cursor, case_id)
    if case is None or not access.may_view(actor, case):
        raise CaseNotFound()
    access.check(actor, case, action)
    return case


def _move(tx, case, action, actor, details=None, **changes):
    state = states.next_state(case["state"], action)
    storage.update_case(tx.cursor, case["id"], state=state, **changes)
    storage.add_event(tx.cursor, case["id"], actor["id"], action, details)
    return state


def _require_directorate_named(directorate):
    if not (directorate or "").strip():
        raise InvalidAnswer({"directorate": ["Müdürlük seçilmeli."]})


def assign(store, case_id, actor, directorate, deadlines):
    _require_directorate_named(directorate)
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "assign")
        deadlines.require_directorate(tx.cursor, directorate)
        _move(tx, case, "assign", actor, {"directorate": directorate}, directorate=directorate)
        tx.emit(events.CASE_ASSIGNED, {**_ref(case), "directorate": directorate, "by": actor["id"]})


def transfer(store, case_id, actor, directorate, reason, deadlines):
    _require_directorate_named(directorate)
    if not (reason or "").strip():
        raise InvalidAnswer({"reason": ["Aktarmanın gerekçesi yazılmalı."]})
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "transfer")
        deadlines.require_directorate(tx.cursor, directorate)
        if directorate == case["directorate"]:
            raise InvalidAnswer({"directorate": ["Dosya zaten bu müdürlükte."]})
        _move(tx, case, "transfer", actor, {"from": case["directorate"], "to": directorate, "reason": reason},
              directorate=directorate)
        tx.emit(events.CASE_TRANSFERRED, {**_ref(case), "from_directorate": case["directorate"],
                                          "to_directorate": directorate, "reason": reason, "by": actor["id"]})


def forward(store, case_id, actor, institution, reason):
    """Not the municipality's business: sent on to `institution`; the applicant is told (3071 m. 5)."""
    if not (institution or "").strip() or not (reason or "").strip():
        raise InvalidAnswer({"institution": ["Kurum ve gerekçe yazılmalı."]})
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "forward")
        _move(tx, case, "forward", actor, {"institution": institution, "reason": reason})
        tx.emit(events.CASE_FORWARDED, {**_ref(case), "institution": institution, "reason": reason})


def extend(store, case_id, actor, reason, deadlines, today):
    """The 4982 extension to 30 working days, refused unless reasoned and made in time."""
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "extend")
        if case["deadline_rule"] != "bilgi_edinme" or case["extended"]:
            raise InvalidAnswer({"reason": ["Süre uzatımı yalnız bir kez ve bilgi edinme başvurularında yapılabilir."]})
        due = deadlines.extended_due(istanbul_date(case["received_at"]), today, reason)
        _move(tx, case, "extend", actor, {"reason": reason, "legal_due_on": str(due["legal_due_on"])},
              extended=True, deadline_rule=due["deadline_rule"], legal_due_on=due["legal_due_on"],
              internal_due_on=due["internal_due_on"], due_explanation=due["due_explanation"])
        tx.emit(events.DEADLINE_EXTENDED, {**_ref(case), "reason": reason, "legal_due_on": due["legal_due_on"]})


def fee_notice(store, case_id, actor, amount, today, deadlines):
    """The applicant is told the cost of the information: the 4982 clock stops until it is paid."""
    if not (amount or "").strip():
        raise InvalidAnswer({"fee_amount": ["Ücret tutarı yazılmalı."]})
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "fee_notice")
        if not case["deadline_rule"].startswith("bilgi_edinme") or case["paused_on"] is not None:
            raise InvalidAnswer({"fee_amount": ["Ücret bildirimi bilgi edinme dosyasında bir kez yapılır."]})
        due = deadlines.paused_due(case["deadline_rule"], istanbul_date(case["received_at"]), today, None)
        _move(tx, case, "fee_notice", actor, {"fee_amount": amount, "paused_on": str(today)}, paused_on=today,
              fee_amount=amount, legal_due_on=due["legal_due_on"], internal_due_on=due["internal_due_on"],
              due_explanation=due["due_explanation"])
        tx.emit(events.FEE_NOTIFIED, {**_ref(case), "fee_amount": amount, "paused_on": today})


def fee_paid(store, case_id, actor, today, deadlines):
    """The fee was paid: the clock runs again (DOMAIN.md §2; whether it restarts is a setting)."""
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "fee_paid")
        if case["paused_on"] is None or case["resumed_on"] is not None:
            raise InvalidAnswer({"fee": ["Bu dosyada ödenmemiş bir ücret bildirimi yok."]})
        due = deadlines.paused_due(case["deadline_rule"], istanbul_date(case["received_at"]), case["paused_on"],
                                   today)
        _move(tx, case, "fee_paid", actor, {"resumed_on": str(today), "legal_due_on": str(due["legal_due_on"])},
              resumed_on=today, legal_due_on=due["legal_due_on"], internal_due_on=due["internal_due_on"],
              due_explanation=due["due_explanation"])


def submit_answer(store, case_id, actor, answer):
    problems = answer_problems(answer)
    files = _decode_files(answer.get("attachments") or [], problems)
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "submit_answer")
        if answer.get("outcome") == "interim" and case["deadline_rule"] != "dilekce":
            problems.setdefault("outcome", []).append("Ara cevap yalnız dilekçe (3071) dosyalarında verilir.")
        if answer.get("outcome") == "refused" and case["deadline_rule"].startswith("bilgi_edinme") \
                and not answer.get("exemption_article"):
            problems.setdefault("exemption_article", []).append(
                "Bilgi edinme başvurusunun reddinde dayanılan madde (4982 m. 15–28) belirtilmeli.")
        if problems:
            raise InvalidAnswer(problems)
        answer_id = uuid.uuid4()
        storage.insert_answer(tx.cursor, {"id": answer_id, "case_id": str(case["id"]), **answer,
                                          "interim": answer["outcome"] == "interim",
                                          "exemption_article": answer.get("exemption_article"),
                                          "submitted_by": actor["id"]})
        for filename, content_type, content in files:
            storage.insert_answer_attachment(tx.cursor, uuid.uuid4(), answer_id, filename, content_type, content)
        _move(tx, case, "submit_answer", actor, {"outcome": answer["outcome"]})


def _decode_files(attachments, problems):
    """The answer's files as (filename, content_type, bytes), checked as intake checks an application's."""
    try:
        loaded = ATTACHMENTS.load(attachments)
    except ValidationError as exc:
        problems["attachments"] = exc.messages
        return []
    if len(loaded) > ATTACHMENT_MAX_COUNT:
        problems["attachments"] = [f"En fazla {ATTACHMENT_MAX_COUNT} ek."]
        return []
    decoded, refused = [], {}
    for index, attachment in enumerate(loaded):
        try:
            content = base64.b64decode(attachment["content_base64"], validate=True)
        except ValueError:
            refused[index] = {"content_base64": ["Ek geçerli base64 değil."]}
            continue
        # the type is what the bytes are, not what the sender says; the name only a base name
        mismatch = files.mismatch(content, attachment["content_type"])
        if mismatch:
            refused[index] = {"content_base64": [mismatch]}
            continue
        decoded.append((files.safe_filename(attachment["filename"]), attachment["content_type"], content))
    if refused:
        problems["attachments"] = refused
        return []
    return decoded


def answer_problems(answer):
    problems = {}
    if answer.get("outcome") not in OUTCOMES:
        problems["outcome"] = [f"Şunlardan biri olmalı: {', '.join(OUTCOMES)}."]
    if not (answer.get("text") or "").strip():
        problems["text"] = ["Cevap metni boş olamaz."]
    article = answer.get("exemption_article")
    if article is not None and not (str(article).isdigit() and 15 <= int(article) <= 28):
        problems["exemption_article"] = ["4982 sayılı Kanun'un 15 ile 28 arasındaki bir maddesi olmalı."]
    return problems


def review_answer(store, case_id, actor, approve, comment, deadlines):
    """The desk (then the mayor's office, where the category asks for it) approves or returns the answer."""
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "review_answer")
        answer = storage.pending_answer(tx.cursor, case["id"])
        if answer is None:
            raise states.InvalidTransition("approve_answer", case["state"])
        if not approve:
            if not (comment or "").strip():
                raise InvalidAnswer({"comment": ["Geri gönderirken açıklama yazılmalı."]})
            storage.review_answer(tx.cursor, answer["id"], "returned", actor["id"], comment)
            _move(tx, case, "return_answer", actor, {"comment": comment})
            return "returned"
        if case["state"] == "answer_submitted" and deadlines.needs_mayor(case["category"], case["channel"]):
            _move(tx, case, "require_mayor", actor, {"approved_by_desk": actor["id"]})
            return "awaiting_mayor"
        storage.review_answer(tx.cursor, answer["id"], "approved", actor["id"], comment)
        files = [{"id": str(f["id"]), "filename": f["filename"], "content_type": f["content_type"],
                  "size_bytes": f["size_bytes"]} for f in storage.answer_attachments(tx.cursor, answer["id"])]
        now = datetime.now(timezone.utc)
        if answer["interim"]:
            _move(tx, case, "approve_interim", actor, {"outcome": "interim"}, interim_replied_at=now)
        else:
            _move(tx, case, "approve_answer", actor, {"outcome": answer["outcome"]}, answered_at=now)
            metrics.answered(case["deadline_rule"], case["received_at"], now)
        refused_4982 = answer["outcome"] == "refused" and case["deadline_rule"].startswith("bilgi_edinme")
        tx.emit(events.ANSWER_APPROVED, {
            **_ref(case), "outcome": answer["outcome"], "interim": answer["interim"], "text": answer["text"],
            "exemption_article": answer["exemption_article"], "remedy": BEDK_REMEDY if refused_4982 else None,
            "directorate": case["directorate"], "attachments": files})
        return "interim_sent" if answer["interim"] else "answered"


def close(store, case_id, actor):
    with store.transaction() as tx:
        case = _locked(tx, case_id, actor, "close")
        _move(tx, case, "close", actor)


def view(store, case_id, actor):
    with store.transaction() as tx:
        case = storage.case(tx.cursor, case_id)
        if case is None or not access.may_view(actor, case):
            raise CaseNotFound()
        return present(case, storage.timeline(tx.cursor, case_id))


def present(case, timeline=None):
    """A case as JSON-ready data, with what can be done to it next."""
    shown = {key: _plain(value) for key, value in case.items()}
    shown["state_label"] = states.LABELS[case["state"]]
    shown["allowed_actions"] = states.allowed_actions(case["state"])
    if timeline is not None:
        shown["timeline"] = [{"at": e["at"].isoformat(), "actor": e["actor"], "action": e["action"],
                              "details": e["details"]} for e in timeline]
    return shown


def record_notice(store, event, delivered):
    """The case's timeline shows that the applicant (or staff) was told, or that telling failed."""
    payload = event["payload"]
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, f"routing.{event['event_type']}", event["event_id"]):
            return
        case_id = payload.get("case_id")
        if case_id is None and payload.get("application_id"):
            case_id = storage.case_id_for_application(tx.cursor, payload["application_id"])
            if case_id is None and payload["kind"] not in notify.KINDS_WITHOUT_CASE:
                # notify may tell the applicant (the receipt) before this case is opened: the proof must not
                # be lost, so the event is tried again shortly, and the inbox forgets it with the rollback
                raise TransientError("the application's case is not open here yet")
        if case_id is None:
            return  # not about a case (an application not processed, a press message)
        storage.add_event(tx.cursor, case_id, "notify", "notice_delivered" if delivered else "notice_failed", {
            "kind": payload["kind"], "channel": payload["channel"], "attempts": payload["attempts"],
            **({"reason": payload["reason"]} if not delivered else {})})


ANONYMISED = "Anonimleştirildi"


def forget_applicants(store, event):
    """intake anonymised these applications' applicants (their retention period ended): a case keeps its
    facts, dates, answers and history, but not the applicant's own words (the subject) nor what a failed
    notice quoted of their address."""
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, "routing.applicants_anonymised", event["event_id"]):
            return 0
        return storage.forget_applicants(tx.cursor, event["payload"]["application_ids"], ANONYMISED)


def attachment(store, kind, file_id):
    """A file routing keeps, base64-encoded, for whoever sends it on (`contracts.attachments`): an answer's
    file by its id; `CaseNotFound` for a kind routing does not keep or a file it does not have."""
    try:
        file_id = uuid.UUID(str(file_id))
    except ValueError:
        raise CaseNotFound() from None
    if kind not in attachments.kinds_of("routing"):
        raise CaseNotFound()
    with store.transaction() as tx:
        found = storage.answer_file(tx.cursor, file_id)
    if found is None:
        raise CaseNotFound()
    return {"filename": found["filename"], "content_type": found["content_type"],
            "content_base64": base64.b64encode(bytes(found["content"])).decode()}


def search(store, filters, actor, limit, offset, today):
    """Cases the actor may see, by the given filters; directorates see only their own."""
    if actor["role"] in access.DIRECTORATE_ROLES:
        if filters.get("directorate") not in (None, actor["directorate"]):
            return 0, []
        filters = {**filters, "directorate": actor["directorate"]}
    elif actor["role"] == access.PRESS_DESK:  # the press service sees the press's requests
        if filters.get("channel") not in (None, access.PRESS_CHANNEL):
            return 0, []
        filters = {**filters, "channel": access.PRESS_CHANNEL}
    elif actor["role"] not in access.SEE_ALL:
        return 0, []
    with store.transaction() as tx:
        total, rows = storage.list_cases(tx.cursor, filters, limit, offset, today)
    return total, [present(row) for row in rows]


def _plain(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
