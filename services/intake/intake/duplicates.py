"""Likely duplicates: the same applicant writing about the same thing again, recently.

They are flagged for staff to judge, never merged: a second complaint about the same street may be
a new fact.
"""
import hashlib
from difflib import SequenceMatcher

from servicekit.turkish import fold

from . import storage

WINDOW_DAYS = 30
SIMILARITY_THRESHOLD = 0.8


def applicant_key(applicant):
    """A stable, non-reversible key for "the same applicant" (TC Kimlik No, else e-mail, else phone)."""
    for field in ("tc_kimlik_no", "email", "phone"):
        value = (applicant.get(field) or "").strip()
        if value:
            normalised = fold(value) if field == "email" else "".join(ch for ch in value if ch.isdigit())
            return hashlib.sha256(f"{field}:{normalised}".encode()).hexdigest()
    return None


def _text(subject, body):
    return fold(f"{subject} {body[:400]}")


def similar(subject_a, body_a, subject_b, body_b):
    return SequenceMatcher(None, _text(subject_a, body_a), _text(subject_b, body_b)).ratio() >= SIMILARITY_THRESHOLD


def likely_duplicates(submission, recent):
    """Tracking numbers among `recent` (rows with subject, body, tracking_number) that look the same."""
    return [row["tracking_number"] for row in recent
            if similar(submission.get("subject") or "", submission["body"], row["subject"], row["body"])]


def visible_to(cur, tracking_numbers, viewer):
    """The duplicate hints `viewer` may see: all of them for staff who see every application (`viewer` None),
    else only those the viewer (an API client, a channel) submitted itself: another submitter's tracking
    numbers are not theirs to learn. The order is kept."""
    found = list(tracking_numbers or ())
    if viewer is None:
        return found
    own = storage.submitted_by_among(cur, found, viewer)
    return [number for number in found if number in own]
