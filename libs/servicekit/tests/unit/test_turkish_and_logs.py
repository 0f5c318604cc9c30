import json
import logging

from servicekit.logs import JsonFormatter, correlation_id, redact
from servicekit.turkish import fold, lower


def test_turkish_lower_keeps_dotted_and_dotless_i_apart():
    assert lower("IŞIK") == "ışık"
    assert lower("İZMİR") == "izmir"
    assert "IŞIK".lower() != "ışık"  # why this module exists


def test_fold_matches_names_as_a_turkish_user_types_them():
    assert fold("SARNIÇ") == fold("sarnıç") == fold("Sarnic")
    assert fold("Atıfbey") == fold("ATIFBEY")
    assert fold("  Dokuz   Eylül ") == fold("dokuz eylul")


def test_personal_data_is_redacted_from_log_text():
    text = redact("başvuru ayse@example.org 10000000146 +90 532 111 22 33 kaydedildi")
    assert "ayse@example.org" not in text and "10000000146" not in text and "532 111" not in text
    assert "kaydedildi" in text


def test_percent_encoded_personal_data_is_redacted_too():
    text = redact('"GET /api/v1/kvkk/personal-data?email=ayse%40example.org&tckn=10000000146'
                  '&phone=%2B90+532+111+22+33&again=ali%2540example.org HTTP/1.1" 200')
    assert "example.org" not in text and "10000000146" not in text and "532" not in text
    assert text.count("<e-posta>") == 2 and "<tckn>" in text and "<telefon>" in text
    assert '" 200' in text


def test_json_log_line_carries_correlation_id_and_hides_personal_fields():
    record = logging.LogRecord("intake", logging.INFO, __file__, 1, "stored %s", ("GZM-2026-000001",), None)
    record.email = "ayse@example.org"
    record.tracking_number = "GZM-2026-000001"
    token = correlation_id.set("corr-42")
    try:
        line = json.loads(JsonFormatter(service="intake").format(record))
    finally:
        correlation_id.reset(token)
    assert line["correlation_id"] == "corr-42"
    assert line["message"] == "stored GZM-2026-000001"
    assert line["email"] == "<gizli>"
    assert line["tracking_number"] == "GZM-2026-000001"
    assert line["service"] == "intake" and line["level"] == "info"
