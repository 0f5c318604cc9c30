"""One-line fields (titles, subjects, names, file names, places, references) refuse CR and LF, with one
shared validator and one Turkish message, at every door: the contract, the services' schemas, the gateway's.
A title with CR/LF once left invitations failing in the queue (an e-mail header cannot carry it)."""
import pytest
from marshmallow import ValidationError

from contacts import schemas as contact_schemas
from contacts.exceptions import InvalidInput as ContactInvalid
from contracts.contacts_protocol import EventInput
from contracts.inbound import ONE_LINE_MESSAGE, ApplicationSubmissionSchema, one_line
from contracts.press_inputs import PressReleaseInput
from gateway import open311
from press import inputs as press_inputs
from press.exceptions import InvalidInput as PressInvalid

BROKEN = ["Cumhuriyet Bayramı\r\nBcc: herkes@example.org", "satır\nsonu", "satır\rbaşı", "ayraç\u2028var"]


@pytest.mark.parametrize("value", BROKEN)
def test_the_shared_validator_refuses_a_line_break_in_turkish(value):
    with pytest.raises(ValidationError) as refused:
        one_line(value)
    assert refused.value.messages == [ONE_LINE_MESSAGE]


def test_the_shared_validator_lets_one_line_of_turkish_through():
    one_line("29 Ekim Cumhuriyet Bayramı Resmî Töreni — Atatürk Anıtı, İzmir\tşık")


def submission(**changes):
    data = {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Çöp toplanmıyor",
            "body": "Sokağımızda çöp alınmadı.\r\nİkinci satır: çok satırlı metin serbesttir.",
            "neighbourhood": "Sarnıç", "location": {"latitude": 38.3, "longitude": 27.1, "description": "Köşe"},
            "applicant": {"full_name": "Ayşe Yılmaz", "phone": "0532 111 22 33",
                          "postal_address": "Sarnıç Mah.\n1203 Sok. No 4"},
            "attachments": [{"filename": "ek.pdf", "content_type": "application/pdf", "content_base64": "AA=="}],
            "source_system": "cimer", "source_reference": "CMR-1"}
    data.update(changes)
    return data


def test_an_application_with_multi_line_text_only_where_text_may_run_on_is_taken():
    assert ApplicationSubmissionSchema().validate(submission()) == {}


@pytest.mark.parametrize("path", ["subject", "category", "neighbourhood", "source_reference", "applicant.full_name",
                                  "applicant.phone", "attachments.0.filename", "location.description"])
def test_an_application_refuses_a_line_break_in_a_one_line_field(path):
    data = submission()
    *parents, leaf = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[leaf] = target[leaf] + "\r\nX-Injected: 1"
    errors = ApplicationSubmissionSchema().validate(data)
    for key in parents:
        errors = errors[int(key)] if key.isdigit() else errors[key]
    assert ONE_LINE_MESSAGE in errors[leaf]


@pytest.mark.parametrize("field", ["title", "place"])
def test_contacts_refuse_an_invitations_title_or_place_on_two_lines(field):
    event = {"kind": "toren", "title": "Cumhuriyet Bayramı", "starts_at": "2026-10-29T10:00:00+03:00",
             "place": "Atatürk Anıtı"}
    event[field] = BROKEN[0]
    with pytest.raises(ContactInvalid) as refused:
        contact_schemas.load(contact_schemas.EventSchema, event)
    assert refused.value.args[0] == {field: [ONE_LINE_MESSAGE]}
    assert EventInput().validate(event)[field] == [ONE_LINE_MESSAGE]


def test_contacts_refuse_a_name_on_two_lines():
    with pytest.raises(ContactInvalid) as refused:
        contact_schemas.load(contact_schemas.ContactSchema, {"kind": "person", "full_name": "Ali\nKaya"})
    assert ONE_LINE_MESSAGE in refused.value.args[0]["full_name"]


def test_press_refuses_a_release_title_on_two_lines():
    with pytest.raises(PressInvalid) as refused:
        press_inputs.load(PressReleaseInput, {"title": BROKEN[0], "body": "Metin\nsatırlar"})
    assert refused.value.args[0]["title"] == [ONE_LINE_MESSAGE]
    assert PressReleaseInput().validate({"title": BROKEN[0], "body": "Metin"})["title"] == [ONE_LINE_MESSAGE]


def test_open311_refuses_a_name_on_two_lines():
    errors = open311.GeoReportRequestSchema().validate({"api_key": "k.s", "service_code": "cop", "description": "x",
                                                         "first_name": "Ayşe\r\nBcc: x"})
    assert errors == {"first_name": [ONE_LINE_MESSAGE]}
