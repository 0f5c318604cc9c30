"""The press office's own publication reaches its readers, and a press conference's materials reach
the journalists who came, through the gateway only (every answer checked against the OpenAPI document)
and the SMTP sink.

An issue of the bulletin goes once to its distribution list: those with an e-mail address get the PDF
and its public link; those without are on the list printed for the post; the PDF is public only once
the issue has gone out. At a press conference, the presentation and a photo are shared with those who
checked in; a guest who stayed away gets nothing.
"""
import base64
import csv
import io
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.support.broker import wait_until
from tests.support import files

from .documented import desk, makam, openapi, press, public  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

ISTANBUL = ZoneInfo("Europe/Istanbul")
PDF = files.pdf()
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 2 + b"\xff\xd9"
BASIS = {"basis": "kanunda_ongorulme"}


def b64(content):
    return base64.b64encode(content).decode()


def contact(press, name, category, email=None, **fields):
    record = {"kind": "person", "full_name": name, "category": category, "consent": BASIS, **fields}
    if email:
        record["emails"] = [email]
    return press.ok("POST", "/api/v1/contacts", status=201, json=record)["id"]


def mails_to(system, subject_part, expected):
    found = [m for m in system.smtp_sink.messages() if subject_part in m["Subject"]]
    return found if len(found) >= expected else None


def test_an_issue_goes_once_to_its_distribution_list_and_is_public_only_once_sent(system, press, makam, public):
    tag = uuid.uuid4().hex[:6]
    readers = [contact(press, "Aylin Muhtar", "muhtar", f"aylin.{tag}@muhtar.example"),
               contact(press, "Emre Dernekçi", "ilce_protokolu", f"esnaf.{tag}@dernek.example"),
               contact(press, "Hasan Posta", "muhtar", addresses=["Aktepe Mah. 12. Sk. No:3, Gaziemir"])]
    segment = press.ok("POST", "/api/v1/segments", status=201, json={
        "name": f"Bülten okurları {tag}", "kind": "fixed", "members": readers})
    members = press.ok("GET", "/api/v1/segments/{segment_id}/members", segment_id=segment["id"])["members"]
    assert {m["full_name"]: m["address"] for m in members}["Hasan Posta"] == "Aktepe Mah. 12. Sk. No:3, Gaziemir"
    bulletin = press.ok("POST", "/api/v1/press/publications", status=201, json={
        "title": f"Gaziemir Bülten {tag}", "kind": "bulletin", "frequency": "aylık", "segment_ids": [segment["id"]]})
    issue = press.ok("POST", "/api/v1/press/publications/{publication_id}/issues", status=201, json={
        "number": 42, "issued_on": "2026-11-25", "contents": "Sarnıç'ta yeni park; kültür takvimi", "print_run": 3000,
        "pdf": {"filename": "bulten-42.pdf", "content_type": "application/pdf", "content_base64": b64(PDF)}},
        publication_id=bulletin["id"])
    assert public("GET", "/api/v1/press/issues/{issue_id}.pdf", issue_id=issue["id"]).status_code == 404
    assert press.ok("GET", "/api/v1/press/issues/{issue_id}/pdf", issue_id=issue["id"]).content == PDF
    assert makam("POST", "/api/v1/press/issues/{issue_id}/distribute", issue_id=issue["id"]).status_code == 403

    sent = press.ok("POST", "/api/v1/press/issues/{issue_id}/distribute", issue_id=issue["id"])
    assert (sent["emailed"], sent["without_email"], sent["number"]) == (2, 1, 42)
    again = press("POST", "/api/v1/press/issues/{issue_id}/distribute", issue_id=issue["id"])
    assert again.status_code == 409 and "bir kez" in again.json()["detail"]

    mails = wait_until(lambda: mails_to(system, f"Gaziemir Bülten {tag}", 2), timeout=30)
    assert mails, "the issue did not reach its readers"
    assert sorted(m["To"] for m in mails) == sorted([f"aylin.{tag}@muhtar.example", f"esnaf.{tag}@dernek.example"])
    for mail in mails:
        assert [(a.get_filename(), a.get_content()) for a in mail.iter_attachments()] == [("bulten-42.pdf", PDF)]
        text = mail.get_body(("plain",)).get_content()
        link = next(word for word in text.split() if word.endswith(f"/press/issues/{issue['id']}.pdf"))
    assert public.ok("GET", "/api/v1/press/issues/{issue_id}.pdf", issue_id=issue["id"]).content == PDF
    assert urlsplit(link).path == f"/api/v1/press/issues/{issue['id']}.pdf"

    listed = next(p for p in press.ok("GET", "/api/v1/press/publications")["publications"] if p["id"] == bulletin["id"])
    assert (listed["issues"][0]["distribution"]["emailed"], listed["issues"][0]["distribution"]["without_email"]) == (2, 1)

    # the printed copies: the list for the labels, the one without e-mail among them with an address
    assert makam("GET", "/api/v1/press/publications/{publication_id}/distribution-list.csv",
                 publication_id=bulletin["id"]).status_code == 403
    document = press.ok("GET", "/api/v1/press/publications/{publication_id}/distribution-list.csv",
                        publication_id=bulletin["id"])
    assert document.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Ad", "Kurum", "Adres", "E-posta", "Telefon"] and len(rows) == 4
    assert ["Hasan Posta", "", "Aktepe Mah. 12. Sk. No:3, Gaziemir", "", ""] in rows


def test_a_press_conferences_materials_reach_the_journalists_who_came(system, press, desk):
    tag = uuid.uuid4().hex[:6]
    came = contact(press, "Deniz Kara", "gazeteci", f"deniz.{tag}@egetelgraf.example")
    stayed_away = contact(press, "Selin Koç", "gazeteci", f"selin.{tag}@yeniasir.example")
    title = f"2027 yatırım programı {tag}"
    starts = (datetime.now(ISTANBUL) + timedelta(days=2)).replace(hour=11, minute=0, second=0, microsecond=0)
    conference = press.ok("POST", "/api/v1/events", status=201, json={
        "kind": "basin_toplantisi", "title": title, "starts_at": starts.isoformat(), "place": "Meclis Salonu"})
    press.ok("POST", "/api/v1/events/{event_id}/invitations", json={"contact_ids": [came, stayed_away]},
             event_id=conference["id"])
    press.ok("POST", "/api/v1/events/{event_id}/check-ins", json={"contact_id": came}, event_id=conference["id"])

    materials = "/api/v1/press/conferences/{event_id}/materials"
    empty = press("POST", "/api/v1/press/conferences/{event_id}/share", json={"audience": "attended"},
                  event_id=conference["id"])
    assert empty.status_code == 409  # nothing to share yet
    slides = press.ok("POST", materials, status=201, event_id=conference["id"], json={
        "title": "Sunum", "file": {"filename": "sunum.pdf", "content_type": "application/pdf", "content_base64": b64(PDF)}})
    press.ok("POST", materials, status=201, event_id=conference["id"], json={
        "title": "Şantiye", "file": {"filename": "santiye.jpg", "content_type": "image/jpeg", "content_base64": b64(JPEG)}})
    listed = press.ok("GET", materials, event_id=conference["id"])
    assert [m["title"] for m in listed["materials"]] == ["Sunum", "Şantiye"] and listed["event"]["title"] == title
    assert press.ok("GET", materials + "/{material_id}", event_id=conference["id"],
                    material_id=slides["id"]).content == PDF

    shared = press.ok("POST", "/api/v1/press/conferences/{event_id}/share", event_id=conference["id"],
                      json={"audience": "attended", "note": "Sunum ve fotoğraf ektedir."})
    assert (shared["recipients"], shared["without_email"]) == (1, 0)
    mails = wait_until(lambda: mails_to(system, f"materyalleri: {title}", 1), timeout=30)
    assert mails and [m["To"] for m in mails] == [f"deniz.{tag}@egetelgraf.example"]  # not who stayed away
    [mail] = mails
    assert [(a.get_filename(), a.get_content_type()) for a in mail.iter_attachments()] == [
        ("sunum.pdf", "application/pdf"), ("santiye.jpg", "image/jpeg")]
    body = mail.get_body(("plain",)).get_content()
    assert starts.strftime("%d.%m.%Y") in body and "11:00" in body and "Sunum ve fotoğraf ektedir." in body

    # a ceremony is the desk's, and has no press materials
    ceremony = desk.ok("POST", "/api/v1/events", status=201, json={
        "kind": "toren", "title": f"Tören {tag}", "starts_at": starts.isoformat(), "place": "Meydan"})
    refused = press("POST", materials, event_id=ceremony["id"], json={
        "title": "Sunum", "file": {"filename": "sunum.pdf", "content_type": "application/pdf", "content_base64": b64(PDF)}})
    assert refused.status_code == 404  # a ceremony is no press conference
