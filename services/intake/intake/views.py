"""What intake shows: an application for staff, a status for the applicant, a receipt, and what it
holds about one person (KVKK data-subject requests)."""
from servicekit.turkish import fold, lower

from . import duplicates, labels, storage
from .exceptions import InvalidSubmission, NotAllowed, NotFound
from .tracking import lookup_code_matches

# who answers data-subject requests (KVKK m. 11, 13) and so may look a person up across every application
PERSONAL_DATA_SEARCHERS = frozenset({"admin", "pr_officer"})

MASKED = "*** gizli ***"
ANONYMISED = "Anonimleştirildi"  # what is left of the personal data after the destruction run (retention)


def application_detail(cur, application_id, hide_identity_from_viewer=False, viewer=None):
    """The application for staff or its submitter; `viewer` (a submitter's id) limits the duplicate hints to
    applications that viewer submitted, None shows them all (staff who see every application)."""
    app = storage.get(cur, application_id)
    if app is None:
        raise NotFound()
    applicant = storage.get_applicant(cur, application_id) or {}
    if hide_identity_from_viewer and applicant.get("hide_identity") and not app["anonymised_at"]:
        applicant = {key: (MASKED if key not in ("hide_identity", "preferred_reply_channel", "signed") else value)
                     for key, value in applicant.items()}
    return {
        "id": str(app["id"]), "tracking_number": app["tracking_number"], "status": app["status"],
        "status_label": labels.STATUSES[app["status"]],
        "channel": app["channel"], "type": app["type"], "category": app["category"],
        "subject": app["subject"], "body": app["body"], "neighbourhood": app["neighbourhood"],
        "location": app["location"], "media_url": app["media_url"],
        "received_at": app["received_at"].isoformat(),
        "source_system": app["source_system"], "source_reference": app["source_reference"],
        "reasons": app["defects"], "possible_duplicate_of": duplicates.visible_to(cur, app["possible_duplicate_of"], viewer),
        "applicant": applicant,
        "attachments": [{"id": str(a["id"]), "filename": a["filename"], "content_type": a["content_type"],
                         "size_bytes": a["size_bytes"]} for a in storage.list_attachments(cur, application_id)],
        "submitted_by": app["submitted_by"],
        # set when the retention period ended: the applicant reads "Anonimleştirildi", the texts are gone
        "anonymised_at": app["anonymised_at"].isoformat() if app["anonymised_at"] else None,
    }


def applicant_status(cur, tracking_number, code, secret):
    """The status an applicant may see with their tracking number and code; nothing personal."""
    app = storage.get_by_tracking_number(cur, (tracking_number or "").strip().upper())
    if app is None or not lookup_code_matches(secret, app["id"], code):
        raise NotFound()
    return {
        "tracking_number": app["tracking_number"], "status": app["status"],
        "status_label": labels.STATUSES[app["status"]], "subject": app["subject"],
        "received_at": app["received_at"].isoformat(), "reasons": [r["message"] for r in app["defects"]],
    }


def receipt_data(cur, application_id, municipality):
    app = storage.get(cur, application_id)
    if app is None:
        raise NotFound()
    return {
        "municipality": municipality,
        "directorate": "Basın Yayın ve Halkla İlişkiler Müdürlüğü",
        "tracking_number": app["tracking_number"],
        "received_at": app["received_at"],
        "channel_label": labels.CHANNELS[app["channel"]],
        "type_label": labels.TYPES[app["type"]],
        "subject": ANONYMISED if app["anonymised_at"] else (app["subject"] or (app["body"] or "")[:120]),
        "status_label": labels.STATUSES[app["status"]],
        "reasons": [f"{r['message']} ({r['article']})" for r in app["defects"]],
        "lookup_hint": "Başvurunuzu takip numaranız ve size verilen gizli kod ile izleyebilirsiniz.",
    }


def personal_data_of(cur, tc_kimlik_no, email, phone, actor):
    """Every application whose applicant has this TC Kimlik No, e-mail or phone (at least one given),
    normalised as on submission (duplicates.applicant_key: the e-mail case-folded, the phone by its digits),
    each with the applicant data intake keeps. Admins and the public relations desk only, else `NotAllowed`.
    """
    if not isinstance(actor, dict) or actor.get("role") not in PERSONAL_DATA_SEARCHERS:
        raise NotAllowed("Kişisel veri aramasını yalnızca halkla ilişkiler masası ve sistem yöneticisi yapabilir.")
    tckn = (tc_kimlik_no or "").strip() or None
    email = (email or "").strip()
    emails = sorted({fold(email), lower(email).replace("ı", "i")}) if email else []
    digits = "".join(ch for ch in (phone or "") if ch.isdigit()) or None
    if not (tckn or emails or digits):
        raise InvalidSubmission({"_schema": ["TC Kimlik No, e-posta ya da telefondan en az biri verilmeli."]})
    found = []
    for row in storage.applications_of_person(cur, tckn, emails, digits):
        matched = [key for key, hit in (
            ("tc_kimlik_no", tckn and (row["tc_kimlik_no"] or "").strip() == tckn),
            ("email", emails and fold(row["email"] or "") == fold(email)),
            ("phone", digits and "".join(ch for ch in (row["phone"] or "") if ch.isdigit()) == digits)) if hit]
        found.append({
            "id": str(row["id"]), "tracking_number": row["tracking_number"],
            "type": row["type"], "type_label": labels.TYPES.get(row["type"], row["type"]),
            "channel": row["channel"], "category": row["category"],
            "received_at": row["received_at"].isoformat(), "status": row["status"],
            "anonymised_at": row["anonymised_at"].isoformat() if row["anonymised_at"] else None,
            "matched_by": matched,
            "applicant": {key: row[key] for key in ("full_name", "tc_kimlik_no", "email", "phone", "postal_address")},
        })
    return {"applications": found}
