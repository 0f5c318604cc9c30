"""The district precedence list as validated data."""
from datetime import date

import pytest

from contacts import precedence


@pytest.fixture(scope="module")
def table():
    return precedence.load()


def test_the_packaged_gaziemir_list_loads_with_the_kaymakam_first(table):
    assert precedence.rank_of("kaymakam", table) == 1
    assert table["kaymakam"].title == "Kaymakam"
    assert precedence.rank_of("belediye_baskani", table) < precedence.rank_of("belediye_baskan_yardimcisi", table)
    assert precedence.rank_of("ilce_jandarma_komutani", table) < precedence.rank_of("muhtar", table)


def test_the_packaged_list_covers_the_district_protocol(table):
    for code in ("kaymakam", "belediye_baskani", "garnizon_komutani", "cumhuriyet_bassavcisi", "hakim",
                 "ilce_jandarma_komutani", "ilce_emniyet_muduru", "milletvekili", "belediye_baskan_yardimcisi",
                 "belediye_meclis_uyesi", "siyasi_parti_ilce_baskani", "ilce_muduru", "muhtar", "stk_baskani"):
        assert code in table
    assert all(office.source for office in table.values())


def test_the_packaged_file_says_it_must_be_verified():
    from importlib import resources
    text = resources.files("contacts").joinpath("data", precedence.DEFAULT_FILE).read_text(encoding="utf-8")
    assert "verify: true" in text and "Kaymakamlığı" in text


def test_an_office_not_on_the_list_has_no_rank(table):
    assert precedence.rank_of("futbolcu", table) is None
    assert precedence.rank_of(None, table) is None


def test_load_reads_a_file_staff_edited(tmp_path):
    path = tmp_path / "liste.yml"
    path.write_text("offices:\n  - {code: vali, rank: 1, title: Vali}\n"
                    "  - {code: kaymakam, rank: 2, title: Kaymakam}\n", encoding="utf-8")
    assert precedence.rank_of("kaymakam", precedence.load(path)) == 2


@pytest.mark.parametrize("offices, message", [
    ([{"code": "a", "rank": 1, "title": "A"}, {"code": "a", "rank": 2, "title": "A2"}], "iki kez"),
    ([{"code": "a", "rank": 1, "title": "A"}, {"code": "b", "rank": 1, "title": "B"}], "makamına da verilmiş"),
    ([{"code": "a", "rank": 0, "title": "A"}], "pozitif bir tam sayı"),
    ([{"code": "a", "rank": "1", "title": "A"}], "pozitif bir tam sayı"),
    ([{"code": "a", "rank": True, "title": "A"}], "pozitif bir tam sayı"),
    ([{"code": "a", "rank": 1.5, "title": "A"}], "pozitif bir tam sayı"),
    ([{"code": "", "rank": 1, "title": "A"}], "makam kodu"),
    ([{"code": "a", "rank": 1}], "makam adı"),
    (["a"], "eşleme"),
])
def test_a_broken_list_is_refused_with_a_turkish_message(offices, message):
    with pytest.raises(precedence.InvalidPrecedence, match=message):
        precedence.parse({"offices": offices})


def test_a_file_without_offices_or_with_bad_yaml_is_refused(tmp_path):
    with pytest.raises(precedence.InvalidPrecedence, match="offices"):
        precedence.parse({"district": "Gaziemir"})
    path = tmp_path / "bozuk.yml"
    path.write_text("offices: [\n", encoding="utf-8")
    with pytest.raises(precedence.InvalidPrecedence, match="YAML"):
        precedence.load(path)


def test_code_for_title_matches_titles_the_turkish_way(table):
    assert precedence.code_for_title("KAYMAKAM", table) == "kaymakam"
    assert precedence.code_for_title("ilçe emniyet müdürü", table) == "ilce_emniyet_muduru"
    assert precedence.code_for_title("Belediye Başkanı", table) == "belediye_baskani"
    assert precedence.code_for_title("Bekçi", table) is None


def test_a_person_ranks_by_the_best_office_held_on_the_day(table):
    record = {"roles": [
        {"office": "muhtar", "started_on": date(2019, 4, 1), "ended_on": None},
        {"office": "belediye_meclis_uyesi", "started_on": date(2019, 4, 1), "ended_on": date(2024, 3, 31)},
        {"office": "bekci"},
    ]}
    assert precedence.person_rank(record, table, date(2023, 1, 1)) == table["belediye_meclis_uyesi"].rank
    assert precedence.person_rank(record, table, date(2025, 1, 1)) == table["muhtar"].rank
    assert precedence.person_rank({"roles": [{"office": "bekci"}]}, table, date(2025, 1, 1)) is None
