"""What intake decides for the gateway's callers (`contracts.intake_api`): who may see an application and how
much of it, the journalist's request, and the same refusals as the gateway's for a direct caller."""
import base64

import pytest
from nameko.testing.services import entrypoint_hook

from intake.exceptions import InvalidSubmission, NotAllowed


def complaint(n=1, **changes):
    return {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": f"Çöp toplanmıyor {n}",
            "body": f"Sarnıç'ta sokağımızda üç gündür çöp alınmadı ({n}).", "neighbourhood": "SARNIÇ",
            "applicant": {"full_name": "Ayşe Yılmaz", "email": f"ayse{n}@example.org",
                          "postal_address": "Sarnıç Mah. 1 Sok. No 2"}, **changes}

CIMER = {"id": "cimer", "kind": "client", "role": "system", "directorate": None}
PORTAL = {"id": "portal", "kind": "client", "role": "system", "directorate": None}
DESK = {"id": "masa", "kind": "staff", "role": "pr_officer", "directorate": None}
FEN = {"id": "fen", "kind": "staff", "role": "directorate_staff", "directorate": "fen"}
PRESS = {"id": "basin", "kind": "staff", "role": "press_officer", "directorate": None}


def call(container, method, *args):
    with entrypoint_hook(container, method) as hook:
        return hook(*args)


def test_the_submitting_client_and_staff_who_see_all_see_an_application_others_are_refused(intake):
    data = complaint(applicant={"full_name": "Ayşe Yılmaz", "email": "a@example.org", "hide_identity": True})
    created = call(intake, "receive_application", data, CIMER, "key-1")
    assert created["created"] and created["application"]["status"] == "received"
    app_id = created["application"]["id"]

    own = call(intake, "show_application", app_id, CIMER)
    assert own["application"]["submitted_by"] == "cimer" and own["identity_shown"]
    assert call(intake, "show_application", app_id, DESK)["application"]["applicant"]["full_name"] == "Ayşe Yılmaz"
    for stranger in (PORTAL, FEN, PRESS):
        with pytest.raises(NotAllowed):
            call(intake, "show_application", app_id, stranger)
    receipt = call(intake, "receipt_for", app_id, CIMER)
    assert (receipt["filename"], receipt["content_type"]) == (f"alindi-belgesi-{app_id}.pdf", "application/pdf")
    assert base64.b64decode(receipt["content_base64"]).startswith(b"%PDF")
    with pytest.raises(NotAllowed):
        call(intake, "receipt_for", app_id, FEN)
    # a retry with the same key is the original
    assert call(intake, "receive_application", data, CIMER, "key-1") == {**created, "created": False}


def test_a_client_learns_only_its_own_duplicates_staff_learn_all(intake):
    first = call(intake, "receive_application", complaint(1), CIMER)["application"]
    other = call(intake, "receive_application", complaint(1, body=complaint(1)["body"] + "!"), PORTAL)["application"]
    assert call(intake, "show_application", other["id"], PORTAL)["application"]["possible_duplicate_of"] == []
    assert call(intake, "show_application", other["id"], DESK)["application"]["possible_duplicate_of"] == [
        first["tracking_number"]]


def test_an_idempotency_key_past_its_length_is_refused(intake):
    with pytest.raises(InvalidSubmission) as refused:
        call(intake, "receive_application", complaint(), CIMER, "k" * 201)
    assert "Idempotency-Key" in refused.value.args[0]


def test_a_journalists_request_is_an_application_of_the_press_channel_answered_briefly(intake):
    form = {"type": "basin_bilgi", "outlet": "Ege Postası", "subject": "Park yenileme", "question": "Ne zaman biter?", "category": "park",
            "journalist": {"full_name": "Deniz Kaya", "email": "deniz@example.org"}}
    created = call(intake, "submit_press_request", form, PRESS, "press-1")
    assert created["created"] and set(created["application"]) == {"id", "tracking_number", "status"}
    shown = call(intake, "show_application", created["application"]["id"], DESK)["application"]
    assert (shown["channel"], shown["type"], shown["applicant"]["email"]) == ("basin", "basin_bilgi",
                                                                              "deniz@example.org")
    assert shown["body"].startswith("Yayın kuruluşu: Ege Postası")
    assert call(intake, "submit_press_request", form, PRESS, "press-1")["created"] is False
    with pytest.raises(InvalidSubmission) as refused:
        call(intake, "submit_press_request", {**form, "type": "sikayet"}, PRESS)
    assert "type" in refused.value.args[0]


def test_the_status_lookup_refuses_a_code_that_is_not_a_code(intake):
    with pytest.raises(InvalidSubmission) as refused:
        call(intake, "lookup_status", "GZM-2026-000001", "şifre<script>")
    assert "code" in refused.value.args[0]
