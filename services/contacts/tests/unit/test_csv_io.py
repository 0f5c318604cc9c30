"""Spreadsheet import/export as Turkish Excel writes and reads CSV."""
import csv
import io

from contacts import csv_io

HEADER = "Kayıt No;Ad Soyad;Kurum;Kategori;Görev;Telefon;E-posta;Adres;Mahalle;Etiketler;Notlar;Yasal Dayanak"


def rows(text, encoding="utf-8-sig"):
    return list(csv_io.parse(text.encode(encoding)))


def test_utf8_with_bom_and_semicolons_as_excel_writes_it():
    parsed = rows(HEADER + "\r\nK-1;İsmail Işık;Sarnıç Muhtarlığı;Muhtar;Muhtar;0532 111 22 33;"
                  "ismail@example.org;Atatürk Cd. 1, Gaziemir;Sarnıç;gazi|şehit yakını;Not;Açık rıza (KVKK m.5/1)\r\n")
    assert [(p.row, p.errors) for p in parsed] == [(2, [])]
    record = parsed[0].record
    assert record["full_name"] == "İsmail Işık" and record["kind"] == "person"
    assert record["category"] == "muhtar"
    assert record["phones"] == ["+905321112233"]
    assert record["emails"] == ["ismail@example.org"]
    assert record["addresses"] == ["Atatürk Cd. 1, Gaziemir"]
    assert record["tags"] == ["gazi", "şehit yakını"]
    assert record["roles"][0]["organisation_name"] == "Sarnıç Muhtarlığı"
    assert record["roles"][0]["title"] == "Muhtar"
    assert record["consent"]["basis"] == "acik_riza"
    assert record["external_ref"] == "K-1"


def test_utf8_without_bom_and_commas_is_read_too():
    parsed = rows("Ad Soyad,Kategori,Telefon\nAyşe Doğan,Gazeteci,\"0532 111 22 33, 0232 251 00 00\"\n", "utf-8")
    assert parsed[0].record["full_name"] == "Ayşe Doğan"
    assert parsed[0].record["phones"] == ["+905321112233", "+902322510000"]


def test_cp1254_is_the_fallback_for_plain_excel_csv():
    parsed = rows("Ad Soyad;Kategori\r\nŞükrü Ağaoğlu;İlçe protokolü\r\n", "cp1254")
    assert parsed[0].record["full_name"] == "Şükrü Ağaoğlu"
    assert parsed[0].record["category"] == "ilce_protokolu"


def test_headers_match_whatever_the_case_and_accents():
    parsed = rows("AD SOYAD;KATEGORİ;e-posta;kayit no\nAli Can;muhtar;ali@example.org;7\n")
    record = parsed[0].record
    assert (record["full_name"], record["emails"], record["external_ref"]) == ("Ali Can", ["ali@example.org"], "7")


def test_separate_ad_and_soyad_columns_make_the_full_name():
    parsed = rows("Adı;Soyadı;Kategori\nİsmail;Işık;muhtar\n")
    assert parsed[0].record["full_name"] == "İsmail Işık"


def test_unknown_columns_are_reported_once_and_ignored():
    parsed = rows("Ad Soyad;Kategori;Faks;Doğum Yeri\nAli Can;muhtar;123;İzmir\nVeli Can;muhtar;456;Ankara\n")
    assert parsed[0].row == 1 and parsed[0].record is None
    assert parsed[0].errors == ["Satır 1: bilinmeyen sütunlar yok sayıldı: Faks, Doğum Yeri."]
    assert [p.record["full_name"] for p in parsed[1:]] == ["Ali Can", "Veli Can"]


def test_a_file_without_a_name_column_yields_only_the_header_error():
    parsed = rows("Telefon;Kategori\n0532 111 22 33;muhtar\n")
    assert parsed == [csv_io.ParsedRow(1, None, ["Satır 1: 'Ad Soyad' ya da 'Kurum' sütunu bulunamadı."])]


def test_row_errors_carry_the_spreadsheet_row_number_and_blank_rows_are_skipped():
    parsed = rows("Ad Soyad;Kurum;Kategori;Telefon;E-posta\n"
                  "Ali Can;;muhtar;0532 111 22 33;ali@example.org\n"
                  ";;;;\n"
                  ";;kulüp;123;ali@\n"
                  "Veli Can;;;;\n")
    assert [p.row for p in parsed] == [2, 4, 5]
    assert parsed[0].record is not None
    assert parsed[1].record is None
    assert parsed[1].errors == [
        "Satır 4: ad soyad ya da kurum adı gerekli.",
        "Satır 4: bilinmeyen kategori 'kulüp'.",
        "Satır 4: Geçerli bir telefon numarası değil: '123'.",
        "Satır 4: geçersiz e-posta adresi 'ali@'.",
    ]
    assert parsed[2].errors == ["Satır 5: kategori boş."]


def test_an_organisation_row_is_named_by_its_kurum_and_needs_an_organisation_category():
    parsed = rows("Ad Soyad;Kurum;Kategori\n;Gaziemir Esnaf Odası;Esnaf ve sanatkâr odası\n;Sarnıç Muhtarlığı;muhtar\n")
    assert parsed[0].record["kind"] == "organisation"
    assert parsed[0].record["name"] == "Gaziemir Esnaf Odası"
    assert parsed[0].record["roles"] == []
    assert parsed[1].errors == ["Satır 3: 'Muhtar' kişiler için bir kategoridir; ad soyad yazılmalı."]


def test_an_unknown_lawful_basis_is_an_error():
    parsed = rows("Ad Soyad;Kategori;Yasal Dayanak\nAli Can;muhtar;izin verdi\n")
    assert parsed[0].errors == ["Satır 2: bilinmeyen yasal dayanak 'izin verdi'."]


def test_a_multiline_cell_counts_as_one_spreadsheet_row():
    parsed = rows('Ad Soyad;Kategori;Notlar\nAli Can;muhtar;"iki\nsatır"\n;kulüp;\n')
    assert parsed[0].record["notes"] == "iki\nsatır"
    assert parsed[1].row == 3


def test_import_key_prefers_the_kayit_no_and_is_stable_otherwise():
    assert csv_io.import_key({"external_ref": " K-9 ", "full_name": "Ali"}) == "ref:K-9"
    first = rows("Ad Soyad;Kategori;Telefon\nİsmail Işık;muhtar;0532 111 22 33\n")[0].record
    again = rows("Ad Soyad;Kategori;Telefon\nİSMAİL IŞIK;Muhtar;+90 532 111 22 33\n")[0].record
    other = rows("Ad Soyad;Kategori;Telefon\nİsmail Işık;muhtar;0532 111 22 34\n")[0].record
    assert csv_io.import_key(first) == csv_io.import_key(again)
    assert csv_io.import_key(first) != csv_io.import_key(other)
    assert csv_io.import_key(first).startswith("sha256:")


def test_import_key_falls_back_to_the_email_without_a_phone():
    a = {"full_name": "Ali Can", "emails": ["Ali@Example.org"]}
    b = {"full_name": "ali can", "emails": ["ali@example.org"]}
    assert csv_io.import_key(a) == csv_io.import_key(b)


RECORDS = [
    {"id": 1, "kind": "person", "full_name": "İsmail Işık", "category": "muhtar",
     "phones": ["+905321112233", "+442079460958"], "emails": ["ismail@example.org"],
     "addresses": ["Atatürk Cd. No:1, Gaziemir", "İnönü Cd. 5"], "neighbourhood": "Sarnıç",
     "tags": ["gazi", "şehit yakını"], "notes": "Çağrı; \"önemli\"\nikinci satır",
     "roles": [{"organisation_id": None, "organisation_name": "Eski Kurum", "office": "x", "title": "Eski",
                "started_on": None, "ended_on": "2020-01-01"},
               {"organisation_id": None, "organisation_name": "Sarnıç Muhtarlığı", "office": "Muhtar",
                "title": "Muhtar", "started_on": None, "ended_on": None}],
     "consent": {"basis": "kanunda_ongorulme", "given_on": None, "opted_out_on": None},
     "external_ref": "K-1"},
    {"id": 2, "kind": "organisation", "name": "Gaziemir Esnaf ve Sanatkârlar Odası", "category": "esnaf_odasi",
     "phones": ["+902322510000"], "emails": [], "addresses": [], "tags": [], "notes": "=1+1", "roles": []},
]


def test_export_is_utf8_with_bom_crlf_and_the_turkish_headers():
    data = csv_io.export(RECORDS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n", 1)[0] == HEADER
    assert "İsmail Işık" in text and "Sarnıç" in text
    assert text.endswith("\r\n") and text.count("\r\n") == 3  # header and two rows; the note keeps its own \n


def test_export_defuses_cells_excel_would_run_as_formulas():
    cells = list(csv.reader(io.StringIO(csv_io.export(RECORDS).decode("utf-8-sig")), delimiter=";"))
    assert cells[2][10] == "'=1+1"
    assert cells[1][5] == "0532 111 22 33 | +44 20 7946 0958"
    foreign = csv_io.export([{"kind": "person", "full_name": "John Smith", "category": "gazeteci",
                              "phones": ["+442079460958"]}])
    assert "'+44 20 7946 0958" in foreign.decode("utf-8-sig")


def test_export_then_parse_gives_the_records_back():
    parsed = list(csv_io.parse(csv_io.export(RECORDS)))
    assert all(p.errors == [] for p in parsed)
    person, organisation = (p.record for p in parsed)
    assert person["full_name"] == "İsmail Işık"
    assert person["phones"] == RECORDS[0]["phones"]
    assert person["emails"] == RECORDS[0]["emails"]
    assert person["addresses"] == RECORDS[0]["addresses"]
    assert person["tags"] == RECORDS[0]["tags"]
    assert person["notes"] == RECORDS[0]["notes"]
    assert person["neighbourhood"] == "Sarnıç"
    assert person["category"] == "muhtar"
    assert person["consent"]["basis"] == "kanunda_ongorulme"
    assert person["external_ref"] == "K-1"
    assert [(r["organisation_name"], r["title"]) for r in person["roles"]] == [("Sarnıç Muhtarlığı", "Muhtar")]
    assert (organisation["kind"], organisation["name"]) == ("organisation", RECORDS[1]["name"])
    assert organisation["phones"] == ["+902322510000"]
    assert organisation["notes"] == "=1+1"
    assert csv_io.import_key(organisation) == csv_io.import_key(RECORDS[1])


def test_export_with_commas_round_trips_too():
    parsed = list(csv_io.parse(csv_io.export(RECORDS, delimiter=",")))
    assert [p.record["phones"] for p in parsed] == [RECORDS[0]["phones"], RECORDS[1]["phones"]]
