"""The information bank's upkeep through the gateway only, every answer checked against the OpenAPI
document: a spreadsheet as Turkish Excel writes it, tried (nothing written, each bad row named) then
imported with its progress, and imported again without a duplicate; Turkish search forgiving of letters
and typos; the export Excel opens; duplicates found and merged, or dismissed as two different people; an
opt-out honoured."""
import base64

import pytest

from tests.support.broker import wait_until

from .conftest import staff
from .documented import desk, openapi  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

BASIS = {"basis": "kanunda_ongorulme"}
EXCEL_CSV = "\r\n".join([  # as Turkish Excel saves "CSV UTF-8": a BOM, `;` between cells, CRLF
    "Ad Soyad;Kurum;Kategori;Görev;Telefon;E-posta;Mahalle;Etiketler",
    "Mehmet Işık;Sarnıç Mahallesi;Muhtar;Muhtar;0532 111 22 33;mehmet.isik@example.org;Sarnıç;seçim-2024",
    "Ayşe Çağlar;Ege Telgraf;Gazeteci;Muhabir;0533 222 33 44;ayse.caglar@example.org;;",
    "Bozuk Satır;;Bilinmeyen Kategori;;12;bozuk-eposta;;",
    "Gülşen Ünlü;Gaziemir Kadın Kooperatifi;Dernek;Başkan;0232 251 00 00;gulsen@example.org;Dokuz Eylül;kadın",
]) + "\r\n"


def run_import(desk, dry_run):
    started = desk.ok("POST", "/api/v1/contacts/imports", status=202, json={
        "format": "csv", "filename": "bilgi-bankasi.csv", "dry_run": dry_run,
        "content_base64": base64.b64encode(b"\xef\xbb\xbf" + EXCEL_CSV.encode("utf-8")).decode()})
    seen = []

    def finished():
        status = desk.ok("GET", "/api/v1/contacts/imports/{import_id}", import_id=started["import_id"])
        seen.append(status["processed_rows"])
        return status if status["status"] != "running" else None
    status = wait_until(finished, timeout=30, interval=0.3)
    assert status and status["status"] == "done", status
    assert seen == sorted(seen) and status["processed_rows"] == status["total_rows"] == 4
    return status


def test_an_excel_spreadsheet_is_tried_then_imported_once_found_in_turkish_and_exported(desk):
    trial = run_import(desk, dry_run=True)
    assert (trial["dry_run"], trial["created"], trial["updated"], trial["skipped"]) == (True, 3, 0, 0)
    [bad] = trial["errors"]
    assert bad["row"] == 4 and any("kategori" in e for e in bad["errors"]) and any("e-posta" in e for e in
                                                                                    bad["errors"])
    assert desk.ok("GET", "/api/v1/contacts", params={"q": "Mehmet Işık"})["total"] == 0  # nothing written

    done = run_import(desk, dry_run=False)
    assert (done["created"], done["updated"], done["skipped"], len(done["errors"])) == (3, 0, 0, 1)
    again = run_import(desk, dry_run=False)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)  # nothing new

    for query in ("isik", "IŞIK", "mehmt isik", "Mehmed Işık"):  # folded Turkish letters and typos
        names = [c["name"] for c in desk.ok("GET", "/api/v1/contacts", params={"q": query})["contacts"]]
        assert "Mehmet Işık" in names, query
    [found] = desk.ok("GET", "/api/v1/contacts", params={"q": "0532 111 22 33"})["contacts"]
    assert found["phones"] == ["+905321112233"] and found["category"] == "muhtar"

    export = desk("GET", "/api/v1/contacts/export", params={"format": "csv", "tag": "seçim-2024"})
    assert export.status_code == 200 and export.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert export.content.startswith(b"\xef\xbb\xbf")  # Excel opens it with its Turkish letters
    header, row = export.content.decode("utf-8-sig").split("\r\n")[:2]
    assert header.split(";")[:3] == ["Kayıt No", "Ad Soyad", "Kurum"]
    assert "Mehmet Işık" in row.split(";") and export.headers["X-Record-Count"] == "1"
    vcard = desk("GET", "/api/v1/contacts/export", params={"format": "vcard", "tag": "seçim-2024"})
    assert vcard.headers["Content-Type"].startswith("text/vcard") and "Mehmet Işık" in vcard.content.decode()


def test_duplicates_are_merged_and_an_opt_out_keeps_a_person_out_of_exports(desk):
    first = desk.ok("POST", "/api/v1/contacts", status=201, json={
        "kind": "person", "full_name": "Ali Rıza Kaya", "category": "gazeteci", "phones": ["0544 765 43 21"],
        "emails": ["ali.kaya@example.org"], "consent": BASIS})
    second = desk.ok("POST", "/api/v1/contacts", status=201, json={
        "kind": "person", "full_name": "Ali Riza Kaya", "category": "gazeteci", "phones": ["+90 544 765 4321"],
        "emails": ["arkaya@example.com"], "tags": ["ege"], "consent": BASIS})
    assert first["id"] in second["possible_duplicates"]
    pairs = desk.ok("GET", "/api/v1/contacts/duplicates")["candidates"]
    assert any(set(p["ids"]) == {first["id"], second["id"]} and "same_phone" in p["reasons"] for p in pairs)
    merged = desk.ok("POST", "/api/v1/contacts/merge", json={"keep_id": first["id"], "other_id": second["id"]})
    assert set(merged["contact"]["emails"]) == {"ali.kaya@example.org", "arkaya@example.com"}
    gone = desk("PATCH", "/api/v1/contacts/{contact_id}", json={"notes": "?"}, contact_id=second["id"])
    assert gone.status_code == 409  # merged away: its id now names the kept record

    def exported():
        response = desk("GET", "/api/v1/contacts/export", params={"format": "csv", "category": "gazeteci"})
        return response.content.decode("utf-8-sig")
    assert "Ali Rıza Kaya" in exported()
    opted = desk.ok("POST", "/api/v1/contacts/{contact_id}/opt-out", contact_id=first["id"])
    assert opted["consent"]["opted_out_on"]
    assert "Ali Rıza Kaya" not in exported()


def test_two_namesakes_staff_call_different_people_are_not_proposed_again(system, desk):
    sarnic, aktepe = (desk.ok("POST", "/api/v1/contacts", status=201, json={
        "kind": "person", "full_name": "Mehmet Yılmaz", "category": "muhtar", "neighbourhood": place})["id"]
        for place in ("Sarnıç", "Aktepe"))

    def proposed():
        pairs = desk.ok("GET", "/api/v1/contacts/duplicates", params={"limit": 500})["candidates"]
        return any(set(p["ids"]) == {sarnic, aktepe} for p in pairs)
    assert proposed()
    reason = "Farklı kişiler: biri Sarnıç'ta, biri Aktepe'de."
    dismissed = desk.ok("POST", "/api/v1/contacts/duplicates/dismissals",
                        json={"contact_ids": [aktepe, sarnic], "reason": reason})
    assert dismissed["ids"] == sorted([sarnic, aktepe]) and dismissed["reason"] == reason
    assert not proposed()
    again = desk.ok("POST", "/api/v1/contacts/duplicates/dismissals", json={"contact_ids": [sarnic, aktepe]})
    assert again == dismissed  # nothing changes
    twice = desk("POST", "/api/v1/contacts/duplicates/dismissals", json={"contact_ids": [sarnic, sarnic]})
    assert twice.status_code == 422

    audit = staff(system, "denetci").get("/api/v1/audit", params={"action": "contact.duplicate_dismiss"})
    assert {e["object_id"] for e in audit.json()["entries"]} == {dismissed["ids"][0]}
