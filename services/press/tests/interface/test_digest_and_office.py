"""The morning digest goes out once a day with its PDF; subscriptions are reminded once per renewal;
the office keeps its publications and productions."""
import base64
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from contracts import press as events
from press.exceptions import InvalidInput, InvalidTransition, NotAllowed

from .conftest import MAYOR_OFFICE, OFFICER, published
from tests.support import files

IST = ZoneInfo("Europe/Istanbul")


def clipping(press, title, at, outlet="Yeni Asır"):
    return press.add_clipping({"title": title, "outlet": outlet, "kind": "print", "published_at": at.isoformat()},
                              OFFICER)


def pdf_text(encoded):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(base64.b64decode(encoded))).pages)


def test_the_morning_digest_is_built_once_a_day_with_its_pdf(press, amqp_uri, query):
    park = clipping(press, "Gaziemir'de yeni park açıldı", datetime(2026, 11, 25, 10, 0, tzinfo=IST))
    clipping(press, "Emrez'de su baskını", datetime(2026, 11, 25, 18, 45, tzinfo=IST), outlet="Ege Telgraf")
    clipping(press, "Bu sabahın haberi: Gaziemir", datetime(2026, 11, 26, 7, 0, tzinfo=IST))
    press.set_tone(park["id"], "lehte", OFFICER)

    press.clock.set(datetime(2026, 11, 26, 8, 29, tzinfo=IST))
    press.send_morning_digest()
    assert query("SELECT count(*) AS n FROM digests")[0]["n"] == 0  # not before 08:30

    press.clock.set(datetime(2026, 11, 26, 8, 30, tzinfo=IST))
    press.send_morning_digest()
    press.clock.set(datetime(2026, 11, 26, 14, 0, tzinfo=IST))
    press.send_morning_digest()
    [payload] = published(amqp_uri, query, events.DIGEST_READY)
    assert (payload["day"], payload["subject"]) == ("2026-11-25", "Basın özeti — 25.11.2026 Çarşamba")
    assert "2 haber" in payload["text"] and "Gaziemir'de yeni park açıldı" in payload["text"]
    assert "Bu sabahın haberi" not in payload["text"]
    assert payload["pdf"] == {"id": payload["digest_id"], "filename": "basin-ozeti-2026-11-25.pdf",
                              "content_type": "application/pdf"}
    attached = press.attachment("digest_pdf", payload["pdf"]["id"])
    assert attached["content_type"] == "application/pdf" and "BASIN ÖZETİ" in pdf_text(attached["content_base64"])

    shown = press.digest("2026-11-25")
    assert shown["sent"] and shown["id"] == payload["digest_id"] and shown["text"] == payload["text"]
    # today's, not sent yet, reads as it would now
    today = press.digest("2026-11-26")
    assert not today["sent"] and today["total"] == 1 and pdf_text(today["pdf"]["content_base64"])
    with pytest.raises(InvalidInput):
        press.digest("26.11.2026")

    press.clock.set(datetime(2026, 11, 27, 8, 31, tzinfo=IST))
    press.send_morning_digest()
    [next_day] = published(amqp_uri, query, events.DIGEST_READY)
    assert next_day["day"] == "2026-11-26"


def test_a_subscription_renewal_is_reminded_once(press, amqp_uri, query):
    press.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=IST))
    due = press.add_subscription({"publication": "Yeni Asır", "period": "yearly", "cost": "4800.00",
                                  "started_on": "2025-12-15"}, OFFICER)
    press.add_subscription({"publication": "Ege Telgraf", "period": "yearly", "started_on": "2026-06-01"}, OFFICER)
    assert (due["renews_on"], due["days_left"], due["cost"]) == ("2026-12-15", 19, "4800.00")

    press.remind_subscriptions()
    press.remind_subscriptions()
    [payload] = published(amqp_uri, query, events.SUBSCRIPTION_RENEWAL_DUE)
    assert payload == {"subscription_id": due["id"], "publication": "Yeni Asır", "renews_on": "2026-12-15",
                       "days_left": 19}

    renewed = press.renew_subscription(due["id"], OFFICER)
    assert (renewed["paid_until"], renewed["renews_on"]) == ("2027-12-15", "2027-12-15")
    press.remind_subscriptions()
    assert published(amqp_uri, query, events.SUBSCRIPTION_RENEWAL_DUE) == []
    with pytest.raises(NotAllowed):
        press.renew_subscription(due["id"], MAYOR_OFFICE)


def test_the_office_keeps_its_publications_issues_and_productions(press):
    bulletin = press.add_publication({"title": "Gaziemir Bülten", "kind": "bulletin", "frequency": "aylık",
                                      "segment_ids": ["muhtarlar", "stk"]}, OFFICER)
    assert bulletin["segment_ids"] == ["muhtarlar", "stk"] and bulletin["issues"] == []
    with pytest.raises(InvalidTransition):  # a second publication of the same title
        press.add_publication({"title": "Gaziemir Bülten", "kind": "magazine"}, OFFICER)
    pdf = files.pdf()
    issue = press.add_issue(bulletin["id"], {"number": 12, "issued_on": "2026-11-01", "contents": "Yeni park",
                                             "print_run": 5000, "pdf": {"filename": "bulten-12.pdf",
                                             "content_type": "application/pdf",
                                             "content_base64": base64.b64encode(pdf).decode()}}, OFFICER)
    with pytest.raises(InvalidTransition):  # a second number 12
        press.add_issue(bulletin["id"], {"number": 12, "issued_on": "2026-12-01"}, OFFICER)
    [listed] = press.list_publications()
    assert [(i["number"], i["has_pdf"]) for i in listed["issues"]] == [(12, True)]
    assert base64.b64decode(press.attachment("issue_pdf", issue["id"])["content_base64"]) == pdf
    assert press.set_distribution(bulletin["id"], ["muhtarlar"], OFFICER)["segment_ids"] == ["muhtarlar"]

    series = press.add_production({"title": "Gaziemir'in Sesi", "kind": "series", "outlet": "Ege TV",
                                   "partners": ["Ege TV", "Kültür Müdürlüğü"]}, OFFICER)
    aired = press.update_production_status(series["id"], "yayinlandi", OFFICER)
    assert (aired["status"], aired["status_label"]) == ("yayinlandi", "Yayınlandı")
    assert [p["title"] for p in press.list_productions("yayinlandi")] == ["Gaziemir'in Sesi"]
    with pytest.raises(InvalidInput):
        press.update_production_status(series["id"], "bitti", OFFICER)
