"""The reports the law and the muhtars expect, through the gateway only (every answer checked against the
OpenAPI document): the muhtar desk's quarter (scenario 5) and the annual 4982 report (scenarios 3 and 4).

A muhtar's two requests, one done and one forwarded to İzBB with notice, appear under the neighbourhood
with the reason; a refusal under the privacy exemption and an e-mail application without a TC Kimlik No
appear in the year's report as refused, with the article, and as not processed.
"""
import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.support.audit import audit_actions
from tests.support.broker import wait_until

from .documented import admin, desk, fen, makam, openapi  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

ISTANBUL = ZoneInfo("Europe/Istanbul")
IZBB = "İzmir Büyükşehir Belediyesi"
BOM = b"\xef\xbb\xbf"


def this_quarter():
    today = datetime.now(ISTANBUL).date()
    return {"year": today.year, "quarter": (today.month - 1) // 3 + 1}


def submit(desk, application):
    return desk.ok("POST", "/api/v1/applications", json=application, status=201)


def case_for(desk, application_id):
    found = wait_until(lambda: [c for c in desk.ok("GET", "/api/v1/cases", params={"limit": 200})["cases"]
                                if c["application_id"] == application_id])
    assert found, "routing opened no case"
    return found[0]


def act(caller, case, action, **params):
    return caller.ok("POST", "/api/v1/cases/{case_id}/" + action, json=params, case_id=case["id"])


def csv_rows(response):
    assert response.content.startswith(BOM) and response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def muhtar_request(subject, category, body):
    return {"channel": "muhtar", "type": "istek", "category": category, "subject": subject, "body": body,
            "neighbourhood": "Aktepe",
            "applicant": {"full_name": "Aktepe Mahallesi Muhtarlığı", "email": "aktepe.muhtar@example.org"}}


def test_a_muhtar_s_two_requests_appear_in_the_quarter_s_report_done_and_forwarded_with_the_reason(
        system, desk, fen, admin):
    light = submit(desk, muhtar_request("Sokak lambası yanmıyor", "aydinlatma",
                                        "Aktepe 12. Sokak'taki sokak lambası bir haftadır yanmıyor."))
    bump = submit(desk, muhtar_request("Hız kesici talebi", "yol",
                                       "Okul önündeki ana caddeye hız kesici (kasis) yapılmasını istiyoruz."))
    light_case, bump_case = case_for(desk, light["id"]), case_for(desk, bump["id"])
    assert light_case["directorate"] == bump_case["directorate"] == "fen-isleri"

    act(fen, light_case, "submit_answer", outcome="granted", text="Lamba değiştirildi.")
    assert act(desk, light_case, "approve_answer")["state"] == "answered"
    act(desk, bump_case, "forward", institution=IZBB, reason="Cadde İzBB'nin bakımındadır.")

    def forward_notice():
        timeline = desk.ok("GET", "/api/v1/cases/{case_id}", case_id=bump_case["id"])["timeline"]
        return any(e["action"] == "notice_delivered" and e["details"]["kind"] == "forwarded" for e in timeline)
    assert wait_until(forward_notice, timeout=30), ("the muhtar was not told of the forwarding",
                                                    [m["Subject"] for m in system.smtp_sink.messages()])

    report = desk.ok("GET", "/api/v1/reports/muhtar", params=this_quarter())
    [aktepe] = [place for place in report["neighbourhoods"] if place["neighbourhood"] == "Aktepe"]
    assert {key: aktepe[key] for key in ("asked", "done", "granted", "not_done", "forwarded", "open")} == {
        "asked": 2, "done": 1, "granted": 1, "not_done": 1, "forwarded": 1, "open": 0}
    assert aktepe["not_done_items"] == [{
        "tracking_number": bump["tracking_number"], "subject": "Hız kesici talebi", "category": "yol",
        "outcome": "forwarded", "outcome_label": "Başka kuruma gönderildi",
        "reason": f"{IZBB}: Cadde İzBB'nin bakımındadır."}]
    assert "aktepe.muhtar@example.org" not in str(report) and "Muhtarlığı" not in str(report)

    rows = csv_rows(admin("GET", "/api/v1/reports/muhtar.csv", params=this_quarter()))
    assert rows[0][:3] == ["Mahalle", "Talep", "Olumlu"] and rows[0][-1] == "Gerekçe"
    assert ["Aktepe", "2", "1"] == rows[1][:3]
    [item] = [row for row in rows if bump["tracking_number"] in row]
    assert item[-2:] == ["Başka kuruma gönderildi", f"{IZBB}: Cadde İzBB'nin bakımındadır."]
    assert rows[-1][:2] == ["Toplam", "2"]

    quarter = this_quarter()
    earlier = {"year": quarter["year"] - 1, "quarter": quarter["quarter"]}
    assert desk.ok("GET", "/api/v1/reports/muhtar", params=earlier)["totals"]["asked"] == 0
    # a directorate's staff would see other directorates' cases: refused, and the refusal is on record
    assert fen("GET", "/api/v1/reports/muhtar", params=quarter).status_code == 403
    assert desk("GET", "/api/v1/reports/muhtar", params={"year": 2026, "quarter": 5}).status_code == 422
    actions = audit_actions(system.gateway_db)
    assert "reports.muhtar_read" in actions and "reports.muhtar_export" in actions


def test_a_refusal_and_an_application_not_processed_count_as_refused_in_the_year_s_4982_report(
        system, desk, admin, makam, fen):
    year = datetime.now(ISTANBUL).year
    personnel = submit(desk, {
        "channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "personel", "subject": "Personel dosyaları",
        "body": "Adı geçen personelin özlük dosyalarının örneklerini istiyorum.",
        "applicant": {"full_name": "Deniz Kaya", "tc_kimlik_no": "10000000146", "email": "deniz@example.org"}})
    no_tckn = submit(desk, {
        "channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama", "subject": "Konser harcaması",
        "body": "Yaz konseri için ne kadar harcandığını öğrenmek istiyorum.",
        "applicant": {"full_name": "Mehmet Demir", "email": "mehmet@example.org"}})
    assert no_tckn["status"] == "not_processed"

    case = case_for(desk, personnel["id"])
    act(admin, case, "submit_answer", outcome="refused", exemption_article="21",
        text="İstenen belgeler özel hayatın gizliliği kapsamındadır.")
    assert act(desk, case, "approve_answer")["state"] == "awaiting_mayor"
    assert act(makam, case, "approve_answer")["state"] == "answered"

    report = makam.ok("GET", "/api/v1/reports/bilgi-edinme", params={"year": year})
    lines = {line["key"]: line for line in report["lines"]}
    assert {key: line["count"] for key, line in lines.items()} == {
        "total": 2, "granted": 0, "partly_granted": 0, "refused": 2, "refused_answered": 1, "not_processed": 1,
        "forwarded": 0, "pending": 0, "objections": None}
    assert lines["total"]["label"] == "Bilgi edinme başvurusu toplamı"
    assert lines["refused"]["label"] == "Reddedilen başvurular toplamı"
    assert report["refusals_by_article"] == [
        {"article": "21", "label": "4982 s. Kanun m. 21: Özel hayatın gizliliği", "count": 1}]
    assert report["not_processed"]["total"] == 1
    assert [(r["code"], r["count"]) for r in report["not_processed"]["by_reason"]] == [("tckn_yok", 1)]
    assert report["objections"] is None and any("itiraz" in note for note in report["notes"])
    assert "Mehmet" not in str(report) and "Deniz" not in str(report)

    rows = csv_rows(desk("GET", "/api/v1/reports/bilgi-edinme.csv", params={"year": year}))
    assert rows[0] == ["Kalem", "Sayı"]
    assert ["Reddedilen başvurular toplamı", "2"] in rows
    assert ["Ret gerekçesi: 4982 s. Kanun m. 21: Özel hayatın gizliliği", "1"] in rows
    assert any(row[0].startswith("İşleme konulmama nedeni: ") and row[1] == "1" for row in rows)

    last_year = desk.ok("GET", "/api/v1/reports/bilgi-edinme", params={"year": year - 1})
    assert [line["count"] for line in last_year["lines"] if line["key"] == "total"] == [0]
    assert fen("GET", "/api/v1/reports/bilgi-edinme", params={"year": year}).status_code == 403
    assert "reports.information_export" in audit_actions(system.gateway_db)
