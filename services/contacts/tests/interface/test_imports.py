"""Importing a spreadsheet as Excel writes it and an address book, exporting them back; a re-import
duplicates nothing and a dry run writes nothing."""
import base64

import pytest

from contacts import vcard_io
from contacts.exceptions import InvalidInput
from tests.support.broker import wait_until

from .conftest import DESK, person

HEADER = "Kayıt No;Ad Soyad;Kurum;Kategori;Görev;Telefon;E-posta;Mahalle;Etiketler;Yasal Dayanak;Doğum Tarihi"
ROWS = [
    "K-001;İsmail Işık;Gaziemir Kaymakamlığı;İlçe Protokolü;Kaymakam;0232 251 00 00;kaymakam@example.gov.tr;;;"
    "Kanunlarda açıkça öngörülmesi (KVKK m.5/2-a);01.01.1970",
    "K-002;Ayşe Gül Doğan;Sarnıç Mahallesi;Muhtar;Sarnıç Mahallesi Muhtarı;0532 111 22 33;;Sarnıç;;"
    "Açık rıza (KVKK m.5/1);",
    ";;Gaziemir Esnaf Odası;Esnaf ve sanatkâr odası;;0232 252 00 00 | 0232 252 00 01;oda@example.org;;esnaf;;",
    "K-004;Bozuk Telefon;;Gazeteci;;123;;;;;",
    "K-005;Bilinmeyen Kategori;;Uzaylı;;;;;;;",
    ";;;Dernek;;;;;;;",
    ";;;;;;;;;;",
]


def excel_csv(rows):
    """What Excel's "CSV UTF-8 (virgülle ayrılmış)" writes on a Turkish machine: BOM, `;`, CRLF."""
    return "\ufeff".encode("utf-8") + "\r\n".join([HEADER, *rows, ""]).encode("utf-8")


def run_import(call, content, dry_run=False, format="csv", filename="rehber.csv"):
    started = call("import_contacts", format, filename, base64.b64encode(content).decode(), dry_run, DESK)
    assert started["status"] == "running"
    return wait_until(lambda: (lambda s: s if s["status"] != "running" else None)(
        call("import_status", started["import_id"], DESK)), timeout=30)


def count(query):
    return query("SELECT count(*) AS n FROM contacts")[0]["n"]


def test_a_dry_run_reports_every_row_and_writes_nothing(call, query):
    report = run_import(call, excel_csv(ROWS), dry_run=True)
    assert (report["status"], report["dry_run"]) == ("done", True)
    assert report["total_rows"] == report["processed_rows"] == 6
    assert (report["created"], report["updated"], report["skipped"]) == (3, 0, 0)
    by_row = {error["row"]: " ".join(error["errors"]) for error in report["errors"]}
    assert set(by_row) == {1, 5, 6, 7}
    assert "Doğum Tarihi" in by_row[1]
    assert "Satır 5" in by_row[5] and "telefon" in by_row[5].lower()
    assert "bilinmeyen kategori" in by_row[6]
    assert "ad soyad ya da kurum" in by_row[7]
    assert count(query) == 0


def test_an_import_creates_the_good_rows_and_a_second_import_creates_nothing(call, query):
    report = run_import(call, excel_csv(ROWS))
    assert (report["status"], report["created"], report["processed_rows"]) == ("done", 3, 6)
    assert count(query) == 3
    [kaymakam] = call("search_contacts", "ismail isik", {}, DESK)["contacts"]
    shown = call("get_contact", kaymakam["id"], DESK)
    assert shown["external_ref"] == "K-001"
    assert shown["phones"] == ["+902322510000"]
    assert shown["consent"]["basis"] == "kanunda_ongorulme"
    assert [(r["office"], r["organisation_name"]) for r in shown["roles"]] == [("kaymakam", "Gaziemir Kaymakamlığı")]
    oda = call("search_contacts", "esnaf odasi", {}, DESK)["contacts"][0]
    assert oda["phones"] == ["+902322520000", "+902322520001"] and oda["tags"] == ["esnaf"]

    again = run_import(call, excel_csv(ROWS))
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)
    assert count(query) == 3

    # only what changed is written: a new phone for the muhtar
    changed = [ROWS[0], ROWS[1].replace("0532 111 22 33", "0532 111 22 33 | 0555 444 33 22"), ROWS[2]]
    third = run_import(call, excel_csv(changed))
    assert (third["created"], third["updated"], third["skipped"]) == (0, 1, 2)
    [muhtar] = call("search_contacts", "ayse gul dogan", {}, DESK)["contacts"]
    assert muhtar["phones"] == ["+905321112233", "+905554443322"]
    assert len(call("get_contact", muhtar["id"], DESK)["roles"]) == 1


def test_a_file_that_is_not_a_contact_list_fails_with_the_reason(call):
    report = run_import(call, "Tarih;Tutar\r\n01.01.2026;100\r\n".encode("utf-8"))
    assert report["status"] == "failed"
    assert "Ad Soyad" in report["errors"][0]["errors"][0]
    with pytest.raises(InvalidInput) as raised:
        call("import_contacts", "xlsx", "rehber.xlsx", "not base64!", False, DESK)
    assert set(raised.value.args[0]) == {"format", "content_base64"}


def test_vcard_export_and_import_round_trip(call, query):
    ismail = call("create_contact", person(
        "İsmail Işık", phones=["0532 111 22 33", "0232 251 00 00"], emails=["ismail@example.org"],
        addresses=["Atatürk Cd. No:1, Gaziemir"], neighbourhood="Sarnıç", tags=["gazi"],
        roles=[{"office": "kaymakam", "organisation_name": "Gaziemir Kaymakamlığı", "title": "Gaziemir Kaymakamı"}]),
        DESK)
    oda = call("create_contact", {"kind": "organisation", "name": "Gaziemir Esnaf Odası", "category": "esnaf_odasi",
                                  "emails": ["oda@example.org"]}, DESK)
    exported = call("export_contacts", "vcard", DESK, filters={})
    assert exported["count"] == 2 and exported["content_type"].startswith("text/vcard")
    cards = {r["external_ref"]: r for r in vcard_io.parse(base64.b64decode(exported["content_base64"]))}
    card = cards[ismail["id"]]
    assert (card["full_name"], card["phones"], card["emails"]) == ("İsmail Işık", ismail["phones"], ismail["emails"])
    assert (card["addresses"], card["neighbourhood"], card["tags"]) == (ismail["addresses"], "Sarnıç", ["gazi"])
    assert (card["roles"][0]["organisation_name"], card["roles"][0]["title"]) == (
        "Gaziemir Kaymakamlığı", "Gaziemir Kaymakamı")
    assert (cards[oda["id"]]["kind"], cards[oda["id"]]["name"]) == ("organisation", "Gaziemir Esnaf Odası")

    report = run_import(call, base64.b64decode(exported["content_base64"]), format="vcard", filename="rehber.vcf")
    assert (report["status"], report["created"], report["updated"], report["skipped"]) == ("done", 0, 0, 2)
    assert count(query) == 2


def test_a_csv_export_opens_in_excel_and_leaves_out_who_opted_out(call):
    kept = call("create_contact", person("Ayşe Demir", phones=["0532 111 22 33"]), DESK)
    gone = call("create_contact", person("Can Öztürk"), DESK)
    call("opt_out", gone["id"], DESK)
    exported = call("export_contacts", "csv", DESK, filters={"category": "ilce_protokolu"})
    content = base64.b64decode(exported["content_base64"])
    assert content.startswith("\ufeff".encode("utf-8")) and b"\r\n" in content
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Kayıt No;Ad Soyad")
    assert "Ayşe Demir" in text and "Can Öztürk" not in text
    assert exported["count"] == 1 and kept["id"]
