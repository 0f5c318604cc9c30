"""The legal clock (DOMAIN.md §2): due dates, their explanation, extension, fee-notice pause, preview."""
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing import calendar, clock

RULES_FILE = Path(__file__).resolve().parents[2] / "seed" / "deadline_rules.yml"
RULES = clock.load_rules(RULES_FILE)
CAL = calendar.WorkCalendar()
ONE_DAY = timedelta(days=1)


def due(rule_id, received_on, cal=CAL):
    return clock.compute_due(RULES[rule_id], received_on, cal)


def texts(result, kind=None):
    return [step.text for step in result.explanation if kind is None or step.kind == kind]


def steps_on(result, day):
    return [step for step in result.explanation if step.on == day]


def working_days_between(after, until, cal=CAL):
    """Working days d with after < d <= until."""
    return sum(cal.is_working_day(after + timedelta(days=i)) for i in range(1, (until - after).days + 1))


# -- the rules file ------------------------------------------------------------------------------
def test_rules_file_holds_every_rule_with_its_source():
    expected = {
        "bilgi_edinme": ("working_days", 15, "4982 s. Kanun m. 11; Bilgi Edinme Yön. m. 20"),
        "bilgi_edinme_uzatilmis": ("working_days", 30, "4982 s. Kanun m. 11; Bilgi Edinme Yön. m. 20"),
        "dilekce": ("calendar_days", 30, "3071 s. Kanun m. 7"),
        "muhtar": ("calendar_days", 15, "Muhtar Bilgi Sistemi uygulaması (doğrulanacak)"),
        "halk_masasi": ("calendar_days", 15, "Kamu Hizmetleri Yönetmeliği m. 6 — hizmet standartları tablosu"),
        "bedk_itiraz": ("calendar_days", 15, "4982 s. Kanun m. 13"),
    }
    for rule_id, (kind, days, source) in expected.items():
        rule = RULES[rule_id]
        assert (rule.rule_id, rule.kind, rule.days, rule.source) == (rule_id, kind, days, source)
        assert rule.label
    assert RULES.internal_margin_working_days == 3
    assert RULES.fee_notice_restarts is False


def test_halk_masasi_categories_inherit_kind_and_source():
    cop = RULES["halk_masasi:cop"]
    assert (cop.kind, cop.days, cop.source) == ("calendar_days", 3, RULES["halk_masasi"].source)
    assert RULES["halk_masasi:aydinlatma"].days == 7
    assert RULES["halk_masasi:park"].days == 15


@pytest.mark.parametrize("body, complaint", [
    ("kind: business_days\n    days: 5", "kind"),
    ("kind: working_days\n    days: 0", "days"),
    ("kind: working_days\n    days: '5'", "days"),
])
def test_malformed_rule_is_refused_at_load(tmp_path, body, complaint):
    path = tmp_path / "rules.yml"
    path.write_text("internal_margin_working_days: 3\nfee_notice_restarts: false\nrules:\n"
                    f"  x:\n    {body}\n    source: s\n    label: l\n", encoding="utf-8")
    with pytest.raises(ValueError, match=complaint):
        clock.load_rules(path)


@pytest.mark.parametrize("type_, channel, category, rule_id", [
    ("bilgi_edinme", "bilgi_edinme", None, "bilgi_edinme"),
    ("bilgi_edinme", "cimer", None, "bilgi_edinme"),
    ("bilgi_edinme", "e_belediye", "harcama", "bilgi_edinme"),
    ("sikayet", "cimer", "cop", "dilekce"),
    ("istek", "dilekce", "yol", "dilekce"),
    ("ihbar", "e_belediye", None, "dilekce"),
    ("tesekkur", "cimer", None, "dilekce"),
    ("gorus_oneri", "dilekce", None, "dilekce"),
    ("istek", "muhtar", "aydinlatma", "muhtar"),
    ("sikayet", "halk_masasi", "cop", "halk_masasi:cop"),
    ("sikayet", "halk_masasi", "ÇÖP", "halk_masasi:cop"),
    ("istek", "halk_masasi", "aydinlatma", "halk_masasi:aydinlatma"),
    ("istek", "halk_masasi", "imar", "halk_masasi"),
    ("istek", "halk_masasi", None, "halk_masasi"),
])
def test_rule_for_picks_the_law_of_the_application(type_, channel, category, rule_id):
    assert clock.rule_for(type_, channel, category, RULES).rule_id == rule_id


def test_rule_for_an_unknown_type_is_refused():
    with pytest.raises(clock.UnknownType):
        clock.rule_for("dava", "dilekce", None, RULES)


# -- DOMAIN.md worked examples ---------------------------------------------------------------------
@pytest.mark.parametrize("received, fifteen, thirty, petition", [
    (date(2026, 3, 13), date(2026, 4, 6), date(2026, 4, 28), date(2026, 4, 13)),
    (date(2026, 5, 11), date(2026, 6, 5), date(2026, 6, 26), date(2026, 6, 10)),
])
def test_domain_worked_examples(received, fifteen, thirty, petition):
    assert due("bilgi_edinme", received).due_on == fifteen
    assert due("bilgi_edinme_uzatilmis", received).due_on == thirty
    assert due("dilekce", received).due_on == petition


def test_explanation_names_the_rule_the_start_and_every_skipped_day():
    result = due("bilgi_edinme", date(2026, 3, 13))
    assert texts(result)[:2] == [
        "Kural: 15 iş günü — 4982 s. Kanun m. 11; Bilgi Edinme Yön. m. 20 — Bilgi edinme başvurusu",
        "Başlangıç: 13.03.2026 Cuma (başvurunun ulaştığı gün; süre ertesi gün başlar)"]
    skipped = texts(result, "skipped")
    assert "20.03.2026 Cuma atlandı: Ramazan Bayramı (resmî tatil)" in skipped
    assert "21.03.2026 Cumartesi atlandı: hafta sonu (aynı gün Ramazan Bayramı; tatil kaydırılmaz)" in skipped
    assert "14.03.2026 Cumartesi atlandı: hafta sonu" in skipped
    assert len(skipped) == 9  # 14-15, 20-22, 28-29 Mart, 4-5 Nisan
    assert "19.03.2026 Perşembe iş günü sayıldı (4. iş günü): Ramazan Bayramı (saat 13.00'ten), yarım gün" \
        in texts(result, "counted")
    assert texts(result)[-1] == "Son gün: 06.04.2026 Pazartesi"
    assert result.warnings == []


def test_calendar_days_roll_past_the_weekend_and_say_so():
    result = due("dilekce", date(2026, 3, 13))
    assert "Son gün 12.04.2026 Pazar: hafta sonu; bir sonraki iş gününe kaydırıldı" in texts(result, "rolled")
    assert texts(result)[-1] == "Son gün: 13.04.2026 Pazartesi"


def test_calendar_days_roll_across_a_whole_bayram():
    # 27.04.2026 + 30 = 27.05.2026, Kurban Bayramı's first day: the next working day is 01.06.2026
    result = due("dilekce", date(2026, 4, 27))
    assert result.due_on == date(2026, 6, 1)
    assert [s.on for s in result.explanation if s.kind in ("rolled", "skipped")] == [
        date(2026, 5, 27), date(2026, 5, 28), date(2026, 5, 29), date(2026, 5, 30), date(2026, 5, 31)]


def test_due_as_dict_is_json_ready():
    data = due("dilekce", date(2026, 3, 13)).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["due_on"] == "2026-04-13"
    assert data["rule"] == {"rule_id": "dilekce", "kind": "calendar_days", "days": 30,
                            "source": "3071 s. Kanun m. 7", "label": RULES["dilekce"].label}
    assert data["explanation"][1] == {"on": "2026-03-13", "kind": "start", "text": texts(due(
        "dilekce", date(2026, 3, 13)))[1]}
    assert data["warnings"] == []


# -- half days, 28/29 October, idari izin, weekend holidays ----------------------------------------
def test_arife_counts_as_a_working_day_and_a_due_date_on_it_is_warned():
    # counting from 04.05.2026, the fifteenth working day is Kurban Bayramı arifesi
    result = due("bilgi_edinme", date(2026, 5, 4))
    assert result.due_on == date(2026, 5, 26)
    assert result.warnings == ["Son gün 26.05.2026 Salı yarım gün (Kurban Bayramı (saat 13.00'ten)): daireler "
                               "13.00'te kapanır; cevabı öğleden önce verin."]


def test_twenty_eighth_of_october_counts_and_is_warned():
    result = due("dilekce", date(2026, 9, 28))
    assert result.due_on == date(2026, 10, 28)
    assert "yarım gün" in result.warnings[0] and "28.10.2026 Çarşamba" in result.warnings[0]


def test_twenty_ninth_of_october_is_skipped():
    result = due("dilekce", date(2026, 9, 29))
    assert result.due_on == date(2026, 10, 30)
    assert "Son gün 29.10.2026 Perşembe: Cumhuriyet Bayramı (resmî tatil); bir sonraki iş gününe kaydırıldı" \
        in texts(result)
    in_working_days = due("bilgi_edinme", date(2026, 10, 21))
    assert "29.10.2026 Perşembe atlandı: Cumhuriyet Bayramı (resmî tatil)" in texts(in_working_days, "skipped")
    assert "28.10.2026 Çarşamba iş günü sayıldı (5. iş günü): Cumhuriyet Bayramı (saat 13.00'ten), yarım gün" \
        in texts(in_working_days, "counted")


def test_idari_izin_day_does_not_move_the_due_date_but_is_warned():
    cal = calendar.WorkCalendar(idari_izin={date(2026, 4, 13)})
    result = due("dilekce", date(2026, 3, 13), cal)
    assert result.due_on == date(2026, 4, 13)
    assert result.warnings == ["Son gün 13.04.2026 Pazartesi idari izin günü: daireler kapalıdır ama süre "
                               "işler; cevabı izinden önce verin."]


def test_idari_izin_day_is_counted_as_a_working_day():
    cal = calendar.WorkCalendar(idari_izin={date(2026, 3, 16)})
    result = due("bilgi_edinme", date(2026, 3, 13), cal)
    assert result.due_on == date(2026, 4, 6)
    assert "16.03.2026 Pazartesi iş günü sayıldı (1. iş günü): idari izin (resmî tatil değil, süre işler)" \
        in texts(result, "counted")


def test_holiday_on_a_weekend_is_not_moved():
    # Zafer Bayramı, Sunday 30.08.2026: Monday 31.08 is the first working day counted
    result = due("bilgi_edinme", date(2026, 8, 28))
    assert "30.08.2026 Pazar atlandı: hafta sonu (aynı gün Zafer Bayramı; tatil kaydırılmaz)" in texts(result)
    assert "31.08.2026 Pazartesi: 1. iş günü" in texts(result)
    assert result.due_on == date(2026, 9, 18)


# -- internal due date -----------------------------------------------------------------------------
def test_internal_due_is_margin_working_days_before_the_legal_one():
    assert clock.internal_due(date(2026, 4, 6), 3, CAL) == date(2026, 4, 1)
    # back across Ramazan Bayramı: 23.03 -> 19.03 (arife counts) -> 18.03 -> 17.03
    assert clock.internal_due(date(2026, 3, 23), 3, CAL) == date(2026, 3, 17)
    assert clock.internal_due(date(2026, 3, 23), 0, CAL) == date(2026, 3, 23)
    assert clock.internal_due(None, 3, CAL) is None


# -- extension (scenario 2) ------------------------------------------------------------------------
def test_extension_on_the_eleventh_working_day_moves_the_date_across_kurban_bayrami():
    received = date(2026, 5, 4)
    eleventh = date(2026, 5, 20)
    assert working_days_between(received, eleventh) == 11
    result = clock.extend(received, eleventh, "Bilginin bir kısmı İzBB'den istenecek.", RULES, CAL)
    assert result.due_on == date(2026, 6, 19)
    assert result.rule.rule_id == "bilgi_edinme_uzatilmis"
    skipped = texts(result, "skipped")
    assert [text for text in skipped if "Kurban" in text] == [
        "27.05.2026 Çarşamba atlandı: Kurban Bayramı (resmî tatil)",
        "28.05.2026 Perşembe atlandı: Kurban Bayramı (resmî tatil)",
        "29.05.2026 Cuma atlandı: Kurban Bayramı (resmî tatil)",
        "30.05.2026 Cumartesi atlandı: hafta sonu (aynı gün Kurban Bayramı; tatil kaydırılmaz)"]
    assert "26.05.2026 Salı iş günü sayıldı (15. iş günü): Kurban Bayramı (saat 13.00'ten), yarım gün" \
        in texts(result, "counted")
    [note] = [s for s in result.explanation if s.kind == "extended"]
    assert note.on == eleventh and "İzBB" in note.text and "26.05.2026 Salı" in note.text
    # the note sits among the days, right after the eleventh working day
    position = result.explanation.index(note)
    assert result.explanation[position - 1].text == "20.05.2026 Çarşamba: 11. iş günü"


def test_extension_of_the_domain_example_reaches_the_thirtieth_working_day():
    received = date(2026, 5, 11)
    result = clock.extend(received, date(2026, 6, 1), "İzBB'den bilgi istenecek", RULES, CAL)
    assert result.due_on == date(2026, 6, 26)
    assert working_days_between(received, result.due_on) == 30


def test_extension_on_the_fifteenth_working_day_itself_is_accepted():
    result = clock.extend(date(2026, 3, 13), date(2026, 4, 6), "Başka kurumdan bilgi gerekiyor", RULES, CAL)
    assert result.due_on == date(2026, 4, 28)


def test_extension_is_refused_after_fifteenth_working_day():
    received = date(2026, 5, 4)
    sixteenth = date(2026, 6, 1)
    assert working_days_between(received, sixteenth) == 16
    with pytest.raises(clock.ExtensionRefused) as refused:
        clock.extend(received, sixteenth, "İzBB'den bilgi istenecek", RULES, CAL)
    assert refused.value.last_allowed_day == date(2026, 5, 26)
    assert "26.05.2026 Salı" in str(refused.value) and "doldu" in str(refused.value)


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_extension_without_a_reason_is_refused(reason):
    with pytest.raises(clock.ExtensionRefused, match="gerekçesi yazılmamış") as refused:
        clock.extend(date(2026, 5, 4), date(2026, 5, 20), reason, RULES, CAL)
    assert "26.05.2026 Salı" in str(refused.value)


def test_extension_dated_before_the_application_is_refused():
    with pytest.raises(clock.ExtensionRefused, match="önce olamaz"):
        clock.extend(date(2026, 5, 4), date(2026, 5, 1), "gerekçe", RULES, CAL)


# -- fee notice pause ------------------------------------------------------------------------------
def test_unpaid_fee_leaves_the_case_without_a_due_date():
    result = clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 3, 18), None, False, CAL)
    assert result.due_on is None
    assert result.as_dict()["due_on"] is None
    assert "18.03.2026 Çarşamba: ücret bildirildi, süre durdu (2 iş günü geçmişti, 13 iş günü kalmıştı)." \
        in texts(result, "paused")
    assert any("son gün yoktur" in text for text in texts(result, "paused"))


def test_paid_fee_continues_with_the_days_left():
    # 2 working days used (16, 17 Mart); paid on 06.04 -> 13 working days from 07.04
    result = clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 3, 18), date(2026, 4, 6),
                              False, CAL)
    assert result.due_on == date(2026, 4, 24)  # 23 Nisan skipped
    assert "23.04.2026 Perşembe atlandı: Ulusal Egemenlik ve Çocuk Bayramı (resmî tatil)" in texts(result)
    assert "07.04.2026 Salı: 3. iş günü" in texts(result)
    assert texts(result, "effect") == ["Ücret bildirimi olmasaydı son gün 06.04.2026 Pazartesi olurdu; süre "
                                       "durduğu için 24.04.2026 Cuma oldu."]


def test_paid_fee_restarts_the_full_period_when_configured():
    result = clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 3, 18), date(2026, 4, 6),
                              True, CAL)
    assert result.due_on == date(2026, 4, 28)
    assert working_days_between(date(2026, 4, 6), result.due_on) == 15
    assert any("baştan başlar" in text for text in texts(result, "resumed"))


def test_fee_notice_after_the_period_ran_out_changes_nothing():
    result = clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 4, 7), date(2026, 4, 10),
                              False, CAL)
    assert result.due_on == date(2026, 4, 6)
    assert "süreyi durdurmaz" in result.warnings[0]


def test_fee_notice_on_the_last_day_leaves_that_day_to_answer_in():
    result = clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 4, 6), date(2026, 4, 8),
                              False, CAL)
    assert result.due_on == date(2026, 4, 9)


def test_pause_of_a_calendar_day_rule():
    # 4 days used (14-17 Mart); 26 left from 01.04 -> 27.04
    result = clock.with_pause(RULES["dilekce"], date(2026, 3, 13), date(2026, 3, 18), date(2026, 4, 1),
                              False, CAL)
    assert result.due_on == date(2026, 4, 27)


def test_fee_notice_on_a_rolled_last_day_still_leaves_a_day():
    # 30 days end on Sunday 12.04, rolled to Monday 13.04; notice that Monday, paid Wednesday 15.04
    result = clock.with_pause(RULES["dilekce"], date(2026, 3, 13), date(2026, 4, 13), date(2026, 4, 15),
                              False, CAL)
    assert result.due_on == date(2026, 4, 16)


def test_pause_dates_out_of_order_are_an_error():
    with pytest.raises(ValueError):
        clock.with_pause(RULES["bilgi_edinme"], date(2026, 3, 13), date(2026, 3, 18), date(2026, 3, 17),
                         False, CAL)


# -- preview ---------------------------------------------------------------------------------------
def test_preview_of_an_information_request():
    answer = clock.preview("bilgi_edinme", date(2026, 3, 13), False, RULES, CAL)
    assert (answer["due_on"], answer["internal_due_on"]) == ("2026-04-06", "2026-04-01")
    assert answer["rule"]["rule_id"] == "bilgi_edinme"
    assert json.loads(json.dumps(answer)) == answer


def test_preview_of_an_extended_information_request():
    answer = clock.preview("bilgi_edinme", date(2026, 3, 13), True, RULES, CAL)
    assert (answer["due_on"], answer["internal_due_on"]) == ("2026-04-28", "2026-04-22")


@pytest.mark.parametrize("type_", ["dilekce", "istek", "sikayet", "gorus_oneri", "ihbar", "tesekkur"])
def test_preview_of_petitions(type_):
    answer = clock.preview(type_, date(2026, 5, 11), False, RULES, CAL)
    assert (answer["due_on"], answer["internal_due_on"]) == ("2026-06-10", "2026-06-05")
    assert answer["rule"]["rule_id"] == "dilekce"


def test_preview_refuses_an_unknown_type_and_previews_an_extended_petition_without_extension():
    with pytest.raises(clock.UnknownType):
        clock.preview("dava", date(2026, 5, 11), False, RULES, CAL)
    plain = clock.preview("sikayet", date(2026, 5, 11), False, RULES, CAL)
    asked = clock.preview("sikayet", date(2026, 5, 11), True, RULES, CAL)
    assert (asked["due_on"], asked["rule"]) == (plain["due_on"], plain["rule"])
    assert asked["warnings"][0].startswith("Süre uzatımı yalnız bilgi edinme başvurularında vardır")


# -- properties ------------------------------------------------------------------------------------
received_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31))
rule_ids = st.sampled_from(sorted(RULES))
working_rule_ids = st.sampled_from(sorted(k for k, r in RULES.items() if r.kind == "working_days"))
calendar_rule_ids = st.sampled_from(sorted(k for k, r in RULES.items() if r.kind == "calendar_days"))
idari_izin_sets = st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 3, 31)), max_size=6)
PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(received_dates, rule_ids, idari_izin_sets)
def test_due_date_is_always_a_working_day(received, rule_id, idari_izin):
    cal = calendar.WorkCalendar(idari_izin)
    assert cal.is_working_day(due(rule_id, received, cal).due_on)


@PROPERTY
@given(received_dates, working_rule_ids, idari_izin_sets)
def test_working_day_rule_counts_exactly_n_working_days(received, rule_id, idari_izin):
    cal = calendar.WorkCalendar(idari_izin)
    result = due(rule_id, received, cal)
    assert result.due_on > received
    assert working_days_between(received, result.due_on, cal) == RULES[rule_id].days
    assert len(texts(result, "counted")) == RULES[rule_id].days


@PROPERTY
@given(received_dates, calendar_rule_ids)
def test_calendar_rule_rolls_only_over_non_working_days(received, rule_id):
    result = due(rule_id, received)
    nominal = received + timedelta(days=RULES[rule_id].days)
    assert result.due_on >= nominal
    day = nominal
    while day < result.due_on:
        assert not CAL.is_working_day(day)
        day += ONE_DAY


@PROPERTY
@given(received_dates, rule_ids, st.integers(min_value=0, max_value=10))
def test_internal_due_is_never_after_the_legal_one(received, rule_id, margin):
    legal = due(rule_id, received).due_on
    internal = clock.internal_due(legal, margin, CAL)
    assert internal <= legal
    assert working_days_between(internal, legal) == margin


@PROPERTY
@given(received_dates, rule_ids)
def test_explanation_mentions_every_non_working_day_it_skipped(received, rule_id):
    rule = RULES[rule_id]
    result = due(rule_id, received)
    first = received + ONE_DAY if rule.kind == "working_days" else received + timedelta(days=rule.days)
    day = first
    while day < result.due_on:
        if not CAL.is_working_day(day):
            [step] = [s for s in steps_on(result, day) if s.kind in ("skipped", "rolled")]
            assert calendar.format_day(day) in step.text and CAL.reason(day) in step.text
        day += ONE_DAY


@PROPERTY
@given(received_dates, working_rule_ids | calendar_rule_ids, st.integers(0, 40), st.integers(0, 60))
def test_pause_without_restart_never_gives_an_earlier_date(received, rule_id, pause_after, paused_for):
    rule = RULES[rule_id]
    paused_on = received + timedelta(days=pause_after)
    resumed_on = paused_on + timedelta(days=paused_for)
    plain = clock.compute_due(rule, received, CAL).due_on
    continued = clock.with_pause(rule, received, paused_on, resumed_on, False, CAL)
    restarted = clock.with_pause(rule, received, paused_on, resumed_on, True, CAL)
    assert continued.due_on >= plain
    assert restarted.due_on >= continued.due_on
    assert CAL.is_working_day(continued.due_on) and CAL.is_working_day(restarted.due_on)


def test_step_is_a_frozen_dataclass():
    step = clock.Step(date(2026, 3, 13), "start", "x")
    with pytest.raises(AttributeError):
        step.text = "y"
