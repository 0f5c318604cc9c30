"""The office's own publications reach their distribution list, once; a press conference's materials
reach the journalists who came. The information bank (contacts) is a stand-in here; what goes to
notify is read from the real queue."""
import base64
import csv
import io
import uuid

import pytest
from nameko.exceptions import UnknownService

from contracts import press as events
from press.exceptions import InvalidInput, InvalidTransition, NotAllowed, NotFound, Unavailable

from .conftest import MAYOR_OFFICE, OFFICER, published
from tests.support import files

PDF = files.pdf()
PPTX = b"PK\x03\x04" + b"\x00" * 500
JPEG = b"\xff\xd8\xff\xe0" + b"\x10" * 300


def member(name, email=None, address=None, organisation=None, contact_id=None):
    return {"contact_id": contact_id or str(uuid.uuid4()), "full_name": name, "email": email, "phone": None,
            "address": address, "organisation": organisation}


def upload(filename, content, content_type):
    return {"filename": filename, "content_type": content_type, "content_base64": base64.b64encode(content).decode()}


@pytest.fixture
def bulletin(press):
    publication = press.add_publication({"title": "Gaziemir Bülten", "kind": "bulletin",
                                         "segment_ids": ["muhtarlar", "stk"]}, OFFICER)
    issue = press.add_issue(publication["id"], {"number": 42, "issued_on": "2026-11-25", "contents": "Yeni park",
                                                "pdf": upload("bulten-42.pdf", PDF, "application/pdf")}, OFFICER)
    return publication, issue


def test_an_issue_goes_once_to_everyone_on_its_lists_with_an_email(press, bulletin, amqp_uri, query):
    publication, issue = bulletin
    shared = member("Sarnıç Muhtarlığı", "sarnic@muhtar.example", "Sarnıç Mah. Gaziemir")
    lists = {"muhtarlar": [shared, member("Aktepe Muhtarlığı", None, "Aktepe Mah. 1. Sk. No:3")],
             "stk": [shared, member("Gaziemir Esnaf Odası", "BILGI@esnaf.example"),
                     member("Esnaf Odası Başkanı", "bilgi@esnaf.example")]}
    press.contacts.segment_members.side_effect = lambda segment_id: lists[segment_id]

    with pytest.raises(NotAllowed):
        press.distribute_issue(issue["id"], MAYOR_OFFICE)
    result = press.distribute_issue(issue["id"], OFFICER)
    assert (result["emailed"], result["without_email"], result["number"]) == (2, 1, 42)
    with pytest.raises(InvalidTransition):
        press.distribute_issue(issue["id"], OFFICER)

    [sent] = published(amqp_uri, query, events.ISSUE_DISTRIBUTED)
    events.IssueDistributedSchema().load(sent)
    assert [r["email"] for r in sent["recipients"]] == ["sarnic@muhtar.example", "BILGI@esnaf.example"]
    assert sent["pdf"]["size"] == len(PDF) and sent["pdf"]["filename"] == "bulten-42.pdf"
    assert sent["pdf_url"] == f"https://e.gaziemir.bel.tr/api/v1/press/issues/{issue['id']}.pdf"
    assert (sent["publication_title"], sent["number"], sent["issued_on"]) == ("Gaziemir Bülten", 42, "2026-11-25")
    [listed] = press.list_publications()[0]["issues"]
    assert (listed["distribution"]["emailed"], listed["distribution"]["without_email"]) == (2, 1)
    assert not query("SELECT 1 FROM issue_distributions WHERE distributed_by <> 'ayse'")
    assert base64.b64decode(press.public_issue_pdf(issue["id"])["content_base64"]) == PDF


def test_an_issue_not_sent_is_not_public_and_one_without_pdf_or_list_is_refused(press, bulletin):
    publication, issue = bulletin
    with pytest.raises(NotFound):
        press.public_issue_pdf(issue["id"])
    bare = press.add_issue(publication["id"], {"number": 43, "issued_on": "2026-12-25"}, OFFICER)
    with pytest.raises(InvalidTransition) as refused:
        press.distribute_issue(bare["id"], OFFICER)
    assert "PDF" in refused.value.args[0]
    press.set_distribution(publication["id"], [], OFFICER)
    with pytest.raises(InvalidTransition) as refused:
        press.distribute_issue(issue["id"], OFFICER)
    assert "liste" in refused.value.args[0]
    with pytest.raises(NotFound):
        press.distribute_issue(str(uuid.uuid4()), OFFICER)


def test_nothing_is_sent_when_the_information_bank_cannot_answer(press, bulletin, amqp_uri, query):
    publication, issue = bulletin
    press.contacts.segment_members.side_effect = UnknownService("contacts")
    with pytest.raises(Unavailable):
        press.distribute_issue(issue["id"], OFFICER)
    press.contacts.segment_members.side_effect = NotFound("Böyle bir liste yok.")  # contacts refuses: it arrives as the contract class
    with pytest.raises(InvalidTransition) as missing:
        press.distribute_issue(issue["id"], OFFICER)
    assert "muhtarlar" in missing.value.args[0]
    assert published(amqp_uri, query, events.ISSUE_DISTRIBUTED) == []
    assert press.list_publications()[0]["issues"][0]["distribution"] is None


def test_the_printed_copies_list_opens_in_excel_with_turkish_letters_and_no_formulas(press, bulletin):
    publication, _ = bulletin
    lists = {"muhtarlar": [member("Şule Yıldız", None, "Sarnıç Mah. 5. Sk. No:2", "Sarnıç Muhtarlığı")],
             "stk": [member("=HYPERLINK(\"x\")", "a@b.example")]}
    press.contacts.segment_members.side_effect = lambda segment_id: lists[segment_id]
    with pytest.raises(NotAllowed):
        press.distribution_list(publication["id"], MAYOR_OFFICE)
    document = press.distribution_list(publication["id"], OFFICER)
    assert document["filename"] == "gaziemir-bulten-dagitim-listesi.csv"
    raw = base64.b64decode(document["content_base64"])
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Ad", "Kurum", "Adres", "E-posta", "Telefon"],
                    ["Şule Yıldız", "Sarnıç Muhtarlığı", "Sarnıç Mah. 5. Sk. No:2", "", ""],
                    ["'=HYPERLINK(\"x\")", "", "", "a@b.example", ""]]


CONFERENCE = {"id": str(uuid.uuid4()), "kind": "basin_toplantisi", "title": "2027 yatırım programı",
              "starts_at": "2026-11-26T11:00:00+03:00", "place": "Meclis Salonu", "status": "planned"}


def test_a_conferences_materials_go_to_the_journalists_who_came(press, amqp_uri, query):
    press.contacts.get_event.return_value = CONFERENCE
    came = [member("Deniz Aksoy", "deniz@gazete.example"), member("Selin Koç", None),
            member("Ege TV Haber", "DENIZ@gazete.example")]
    press.contacts.event_audience.return_value = {"event": CONFERENCE, "guests": came}
    event_id = CONFERENCE["id"]
    with pytest.raises(InvalidTransition) as refused:  # nothing to share yet
        press.share_conference_materials(event_id, "attended", "", OFFICER)
    assert "materyal yok" in refused.value.args[0]

    slides = press.add_conference_material(event_id, {"title": "Sunum", "file": upload(
        "sunum.pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation")}, OFFICER)
    photo = press.add_conference_material(event_id, {"title": "Şantiye", "file": upload(
        "santiye.jpg", JPEG, "image/jpeg")}, OFFICER)
    extra = press.add_conference_material(event_id, {"title": "Taslak", "file": upload(
        "taslak.pdf", PDF, "application/pdf")}, OFFICER)
    assert [m["title"] for m in press.remove_conference_material(event_id, extra["id"], OFFICER)] == ["Sunum", "Şantiye"]
    with pytest.raises(InvalidInput):  # what it claims to be is not what it is
        press.add_conference_material(event_id, {"title": "x", "file": upload("x.pdf", JPEG, "application/pdf")},
                                      OFFICER)
    with pytest.raises(InvalidInput):
        press.share_conference_materials(event_id, "everyone", "", OFFICER)

    record = press.share_conference_materials(event_id, "attended", "Sunum ektedir.", OFFICER)
    # two guests share a newsroom's mailbox: one message; one guest has no address
    assert (record["recipients"], record["without_email"], record["audience"]) == (1, 1, "attended")
    press.contacts.event_audience.assert_called_with(event_id, "attended")
    [sent] = published(amqp_uri, query, events.CONFERENCE_MATERIALS_SHARED)
    events.ConferenceMaterialsSharedSchema().load(sent)
    assert [r["email"] for r in sent["recipients"]] == ["deniz@gazete.example"]
    assert [(m["filename"], m["size"]) for m in sent["materials"]] == [("sunum.pptx", len(PPTX)),
                                                                      ("santiye.jpg", len(JPEG))]
    assert (sent["title"], sent["note"], sent["place"]) == ("2027 yatırım programı", "Sunum ektedir.", "Meclis Salonu")
    listing = press.conference_materials(event_id, OFFICER)
    assert [s["recipients"] for s in listing["shares"]] == [1]
    assert base64.b64decode(press.attachment("conference_material", photo["id"])["content_base64"]) == JPEG
    assert base64.b64decode(press.conference_material(slides["id"])["content_base64"]) == PPTX


def test_only_a_press_conference_has_materials(press):
    press.contacts.get_event.return_value = {**CONFERENCE, "kind": "toren"}
    with pytest.raises(NotFound) as refused:
        press.add_conference_material(CONFERENCE["id"], {"title": "Sunum", "file": upload(
            "s.pdf", PDF, "application/pdf")}, OFFICER)
    assert "basın toplantı" in str(refused.value.args[0])
    press.contacts.get_event.side_effect = NotFound("Böyle bir etkinlik yok.")
    with pytest.raises(NotFound):
        press.conference_materials(CONFERENCE["id"], OFFICER)
