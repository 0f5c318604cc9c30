"""The reports' figures from plain case rows (no SQL, no I/O): the muhtar desk's quarter and the
annual right-to-information (4982) report.

A row is what `storage_reports.cases_received` reads: the case (tracking_number, subject, category,
neighbourhood, state, legal_due_on, answered_at), its approved final answer (outcome, answer_text,
exemption_article; None when there is none) and its forwarding (forwarded_at, forwarded_to,
forward_reason; None when it was not forwarded).
"""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

ISTANBUL = ZoneInfo("Europe/Istanbul")
DONE = ("granted", "partly_granted")
NOT_DONE = ("refused", "not_competent", "forwarded")
OPEN = "open"
OUTCOME_LABELS = {
    "granted": "Olumlu cevaplandı",
    "partly_granted": "Kısmen olumlu cevaplandı",
    "refused": "Olumsuz cevaplandı (reddedildi)",
    "not_competent": "Belediyenin görev alanı dışında",
    "forwarded": "Başka kuruma gönderildi",
    OPEN: "Cevap bekliyor",
}
NO_NEIGHBOURHOOD = "Mahalle belirtilmemiş"
# 4982 s. Kanun, dördüncü bölüm: bilgi edinme hakkının sınırları (ret gerekçesi olan maddeler)
EXEMPTIONS = {
    "15": "Yargı denetimi dışında kalan işlemler",
    "16": "Devlet sırrına ilişkin bilgi veya belgeler",
    "17": "Ülkenin ekonomik çıkarlarına ilişkin bilgi veya belgeler",
    "18": "İstihbarata ilişkin bilgi veya belgeler",
    "19": "İdari soruşturmaya ilişkin bilgi veya belgeler",
    "20": "Adli soruşturma ve kovuşturmaya ilişkin bilgi veya belgeler",
    "21": "Özel hayatın gizliliği",
    "22": "Haberleşmenin gizliliği",
    "23": "Ticari sır",
    "24": "Fikir ve sanat eserleri",
    "25": "Kurum içi düzenlemeler",
    "26": "Kurum içi görüş, bilgi notu ve tavsiyeler",
    "27": "Tavsiye ve mütalaa talepleri",
    "28": "Gizliliği kaldırılan bilgi veya belgeler",
}
# a 4982 application answered "not the municipality's business" without being forwarded: the Board's form
# has no line of its own for it, so it is counted among the refusals under this heading
NOT_COMPETENT_HEADING = ("not_competent", "Kurumun görev alanı dışında olduğu için cevaplanan (4982 m. 7)")
NO_ARTICLE_HEADING = ("unknown", "Dayanılan madde kaydedilmemiş")


def quarter_bounds(year, quarter):
    """`(first day, first day of the next quarter)` of a quarter; `ValueError` for a quarter not 1–4."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, following


def istanbul_midnight(day):
    """The moment a day begins in Istanbul: the bounds of "received in" a period."""
    return datetime.combine(day, time(), ISTANBUL)


def result_of(row, cutoff=None):
    """What became of a case: granted, partly_granted, refused, not_competent, forwarded or open.
    With `cutoff` (an aware moment), what had become of it by then: decided later means still open."""
    if row["state"] == "forwarded":
        decided, result = row.get("forwarded_at"), "forwarded"
    elif row["state"] in ("answered", "closed") and row.get("outcome") in DONE + ("refused", "not_competent"):
        decided, result = row.get("answered_at"), row["outcome"]
    else:
        return OPEN
    return OPEN if cutoff is not None and decided is not None and decided >= cutoff else result


def reason_of(row, result):
    """Why a request was not done, in the words routing keeps: the institution and the forwarding reason,
    the exemption article, the answer's text."""
    if result == "forwarded":
        return ": ".join(part for part in (row.get("forwarded_to"), row.get("forward_reason")) if part)
    text = (row.get("answer_text") or "").strip()
    if row.get("exemption_article"):
        article = f"4982 s. Kanun m. {row['exemption_article']}"
        return f"{article}: {text}" if text else article
    return text


def _blank_neighbourhood(name):
    return {"neighbourhood": name, "asked": 0, "done": 0, "granted": 0, "partly_granted": 0, "not_done": 0,
            "refused": 0, "not_competent": 0, "forwarded": 0, "open": 0, "overdue": 0, "not_done_items": []}


def muhtar_figures(rows, today):
    """Per neighbourhood (by name; unnamed last): asked, done, not done (with each item and its reason),
    open and how many of the open are past their legal due date on `today`; and the totals.

    >>> muhtar_figures([{"neighbourhood": "Aktepe", "state": "answered", "outcome": "granted",
    ...                  "answered_at": datetime(2026, 10, 5, tzinfo=ISTANBUL)}], date(2026, 12, 1))["totals"]["done"]
    1
    """
    places = {}
    for row in rows:
        name = row.get("neighbourhood") or NO_NEIGHBOURHOOD
        place = places.setdefault(name, _blank_neighbourhood(name))
        result = result_of(row)
        place["asked"] += 1
        place[result] += 1
        if result in DONE:
            place["done"] += 1
        elif result in NOT_DONE:
            place["not_done"] += 1
            place["not_done_items"].append(_item(row, result))
        elif row.get("legal_due_on") is not None and row["legal_due_on"] < today:
            place["overdue"] += 1
    ordered = sorted(places.values(), key=lambda p: (p["neighbourhood"] == NO_NEIGHBOURHOOD, p["neighbourhood"]))
    return {"neighbourhoods": ordered, "totals": _totals(ordered)}


def _item(row, result):
    return {"tracking_number": row["tracking_number"], "subject": row.get("subject") or "",
            "category": row.get("category") or "", "outcome": result, "outcome_label": OUTCOME_LABELS[result],
            "reason": reason_of(row, result)}


def _totals(places):
    keys = [key for key in _blank_neighbourhood("").keys() if key not in ("neighbourhood", "not_done_items")]
    return {key: sum(place[key] for place in places) for key in keys}


def information_figures(rows, cutoff):
    """The 4982 report's figures from routing's cases of the year, as they stood at `cutoff` (the year's
    end): total, granted, partly granted, refused (with the distribution by article), forwarded, pending.
    Applications not processed never became cases: `reports` adds them from the `not_processed` read model.

    >>> information_figures([], istanbul_midnight(date(2027, 1, 1)))["total"]
    0
    """
    counts = {"total": 0, "granted": 0, "partly_granted": 0, "refused": 0, "forwarded": 0, "pending": 0}
    by_article = {}
    for row in rows:
        result = result_of(row, cutoff)
        counts["total"] += 1
        if result == OPEN:
            counts["pending"] += 1
        elif result in ("refused", "not_competent"):
            counts["refused"] += 1
            heading = _refusal_heading(row, result)
            by_article[heading] = by_article.get(heading, 0) + 1
        else:
            counts[result] += 1
    return {**counts, "refusals_by_article": [
        {"article": article, "label": label, "count": count}
        for (article, label), count in sorted(by_article.items(), key=_article_order)]}


def _refusal_heading(row, result):
    if result == "not_competent":
        return NOT_COMPETENT_HEADING
    article = str(row.get("exemption_article") or "").strip()
    if not article:
        return NO_ARTICLE_HEADING
    return article, f"4982 s. Kanun m. {article}: {EXEMPTIONS.get(article, 'Diğer')}"


def _article_order(entry):
    (article, _label), _count = entry
    return (0, int(article), "") if article.isdigit() else (1, 0, article)
