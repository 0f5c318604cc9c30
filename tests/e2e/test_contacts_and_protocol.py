"""Protocol through the gateway only, every answer checked against the OpenAPI document.

Scenario 9, the 29 October ceremony: the district's protocol is up to date after the election (a muhtar's
role ended, the new muhtar added, both kept in the history); the ceremony is created and the protocol
segment invited; each invitee's e-mail carries a personal reply link, the invitee opens it (which records
nothing) and answers on the page, a forged link is refused; the seating plan puts the district governor
at the centre of the front row and the next alternately right and left by rank; name cards are printed;
arrivals are checked in at the door. The press office invites the media to its press conferences.
"""
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.support.broker import wait_until

from .conftest import staff
from .documented import desk, openapi, press, public  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

BASIS = {"basis": "kanunda_ongorulme"}
PROTOCOL = [  # key, name, office, title, since, answer (None: by phone to the desk)
    ("kaymakam", "İsmail Işık", "kaymakam", "Gaziemir Kaymakamı", "2023-08-01", "accepted"),
    ("milletvekili", "Ayşe Gül Doğan", "milletvekili", "İzmir Milletvekili", "2023-06-02", "accepted"),
    ("baskan", "Ünal Demir", "belediye_baskani", "Gaziemir Belediye Başkanı", "2024-04-08", "accepted"),
    ("garnizon", "Kemal Ağaoğlu", "garnizon_komutani", "Garnizon Komutanı", "2022-09-01", None),
    ("bassavci", "Zeynep Çelik", "cumhuriyet_bassavcisi", "Cumhuriyet Başsavcısı", "2021-07-15", "accepted"),
    ("muftu", "Hüseyin Öztürk", "ilce_muftusu", "İlçe Müftüsü", "2020-01-10", "declined"),
]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/api/v1/invitations/([0-9a-f-]{36})/reply\?token=([0-9a-f]+)")


def next_29_october():
    today = date.today()
    return date(today.year if today < date(today.year, 10, 29) else today.year + 1, 10, 29)


def person(name, category, email, **fields):
    return {"kind": "person", "full_name": name, "category": category, "emails": [email], "consent": BASIS, **fields}


def pdf_text(response):
    assert response.headers["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def invitations_to(system, title, count):
    """{address: (invitation_id, token)} from the invitation e-mails in the SMTP sink."""
    def found():
        mails = [m for m in system.smtp_sink.messages() if m["Subject"] == f"Davet: {title}"]
        return mails if len(mails) >= count else None
    links = {}
    for mail in wait_until(found, timeout=30) or []:
        match = LINK.search(mail.get_body(("plain",)).get_content())
        assert match, "the invitation carries no reply link"
        links[str(mail["To"])] = match.groups()
    return links


@pytest.fixture(scope="module")
def district(desk):
    """The district's protocol after the election: every office holder with a lawful basis; the Sarnıç
    muhtar's role ended on 31 March 2024 and the new muhtar's began the next day."""
    people = {}
    for key, name, office, title, since, _ in PROTOCOL:
        people[key] = desk.ok("POST", "/api/v1/contacts", status=201, json=person(
            name, "ilce_protokolu", f"{key}@example.gov.tr",
            roles=[{"office": office, "title": title, "started_on": since}]))["id"]
    old = desk.ok("POST", "/api/v1/contacts", status=201, json=person(
        "Hasan Yılmaz", "muhtar", "hasan.yilmaz@example.org", neighbourhood="Sarnıç",
        roles=[{"office": "muhtar", "title": "Sarnıç Mahallesi Muhtarı", "started_on": "2019-04-08"}]))
    [role] = old["roles"]
    another = desk("POST", "/api/v1/contacts/{contact_id}/roles/{role_id}/end", json={"ended_on": "2024-03-31"},
                   contact_id=people["kaymakam"], role_id=role["id"])
    assert another.status_code == 404 and another.json()["detail"] == "Bu kayıtta böyle bir görev yok."
    ended = desk.ok("POST", "/api/v1/contacts/{contact_id}/roles/{role_id}/end", json={"ended_on": "2024-03-31"},
                    contact_id=old["id"], role_id=role["id"])
    assert ended["roles"][0]["ended_on"] == "2024-03-31"
    new = desk.ok("POST", "/api/v1/contacts", status=201, json=person(
        "Şule Yıldız", "muhtar", "sule.yildiz@example.org", neighbourhood="Sarnıç"))
    desk.ok("POST", "/api/v1/contacts/{contact_id}/roles", status=201, contact_id=new["id"], json={
        "office": "Muhtar", "title": "Sarnıç Mahallesi Muhtarı", "started_on": "2024-04-01"})
    people["muhtar"], people["eski_muhtar"] = new["id"], old["id"]
    return people


def test_after_the_election_both_muhtars_stay_in_the_history_and_are_checked_again(desk, district):
    old = desk.ok("GET", "/api/v1/contacts/{contact_id}", contact_id=district["eski_muhtar"])
    new = desk.ok("GET", "/api/v1/contacts/{contact_id}", contact_id=district["muhtar"])
    assert [(r["office"], r["started_on"], r["ended_on"]) for r in old["roles"]] == [
        ("muhtar", "2019-04-08", "2024-03-31")]
    assert [(r["office"], r["title"], r["ended_on"]) for r in new["roles"]] == [
        ("muhtar", "Sarnıç Mahallesi Muhtarı", None)]  # "Muhtar" as written became the list's office code
    today = desk.ok("GET", "/api/v1/contacts", params={"office": "muhtar"})
    assert [c["id"] for c in today["contacts"]] == [district["muhtar"]]
    assert desk.ok("GET", "/api/v1/contacts", params={"q": "hasan yilmaz"})["total"] == 1  # still in the bank

    again = desk.ok("POST", "/api/v1/contacts/reverification",
                    json={"categories": ["muhtar"], "reason": "2024 yerel seçimleri"})
    assert again["marked"] == 2
    queue = desk.ok("GET", "/api/v1/contacts/stale", params={"older_than_days": 365})
    marked = {c["id"] for c in queue["contacts"] if c["verification_due_reason"] == "2024 yerel seçimleri"}
    assert marked == {district["muhtar"], district["eski_muhtar"]}
    desk.ok("POST", "/api/v1/contacts/{contact_id}/verified", contact_id=district["muhtar"])
    queue = desk.ok("GET", "/api/v1/contacts/stale", params={"older_than_days": 365})
    assert district["muhtar"] not in {c["id"] for c in queue["contacts"]}


def test_the_29_october_ceremony(system, desk, press, public, district):
    day = next_29_october()
    title = f"29 Ekim Cumhuriyet Bayramı {day.year} Resmî Töreni"
    offices = [office for _, _, office, _, _, _ in PROTOCOL] + ["muhtar"]
    segment = desk.ok("POST", "/api/v1/segments", status=201, json={
        "name": "İlçe protokolü", "kind": "filter", "filter": {"offices": offices}})
    assert segment["members"] == 7  # office holders today: the former muhtar is not one
    event = desk.ok("POST", "/api/v1/events", status=201, json={
        "kind": "toren", "title": title, "starts_at": f"{day.isoformat()}T10:00:00+03:00",
        "place": "Atatürk Anıtı", "rows": [5, 5]})
    # the press office runs press conferences, not ceremonies
    assert press("POST", "/api/v1/events", json={**event_input(title), "kind": "toren"}).status_code == 403
    refused = press("POST", "/api/v1/events/{event_id}/invitations", json={"segment_ids": [segment["id"]]},
                    event_id=event["id"])
    assert refused.status_code == 403 and "basın toplantılarının" in refused.json()["detail"]
    denials = staff(system, "denetci").get("/api/v1/audit", params={"action": "protocol.invite", "outcome": "denied"})
    assert event["id"] in {entry["object_id"] for entry in denials.json()["entries"]}
    # the refused ceremony has no id yet: its denial is recorded on the kind alone
    denials = staff(system, "denetci").get("/api/v1/audit", params={"action": "protocol.event_create",
                                                                     "outcome": "denied"})
    assert ("event", None) in {(entry["object_type"], entry["object_id"]) for entry in denials.json()["entries"]}

    invited = desk.ok("POST", "/api/v1/events/{event_id}/invitations", json={"segment_ids": [segment["id"]]},
                      event_id=event["id"])
    assert invited == {"invited": 7, "already_invited": 0, "skipped": []}
    links = invitations_to(system, title, 7)
    who = {f"{key}@example.gov.tr": key for key, *_ in PROTOCOL} | {"sule.yildiz@example.org": "muhtar"}
    assert set(links) == set(who), "every invitee, and only they, got a personal link"
    link = {who[address]: found for address, found in links.items()}

    # the governor opens the link: the event named, two buttons, and nothing recorded yet
    invitation_id, token = link["kaymakam"]
    page = public("GET", "/api/v1/invitations/{invitation_id}/reply", params={"token": token},
                  invitation_id=invitation_id)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Katılacağım" in page.text and "Katılamayacağım" in page.text and "no-referrer" in \
        page.headers["Referrer-Policy"]
    assert title in page.text and "Atatürk Anıtı" in page.text
    stranger = public("GET", "/api/v1/invitations/{invitation_id}/reply", params={"token": link["muhtar"][1]},
                      invitation_id=invitation_id)
    assert stranger.status_code == 404 and title not in stranger.text  # another's token shows nothing
    assert status_of(desk, event, district["kaymakam"]) == "invited"
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    hidden = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
    assert (action, hidden) == (f"/api/v1/invitations/{invitation_id}/reply", token)
    thanks = public("POST", "/api/v1/invitations/{invitation_id}/reply", data={"token": hidden, "reply": "accepted"},
                    headers={"Accept": "text/html"}, invitation_id=invitation_id)
    assert thanks.status_code == 200 and title in thanks.text and "teşekkür" in thanks.text
    assert status_of(desk, event, district["kaymakam"]) == "accepted"

    for key, *_, answer in PROTOCOL[1:]:
        if answer:
            shown = public.ok("POST", "/api/v1/invitations/{invitation_id}/reply", invitation_id=link[key][0],
                              json={"token": link[key][1], "reply": answer})
            assert (shown["status"], shown["title"]) == (answer, title)
    public.ok("POST", "/api/v1/invitations/{invitation_id}/reply", invitation_id=link["muhtar"][0],
              json={"token": link["muhtar"][1], "reply": "accepted"})
    # the garrison commander phoned the desk
    garrison = next(g for g in attendance(desk, event)["guests"] if g["contact_id"] == district["garnizon"])
    desk.ok("POST", "/api/v1/events/{event_id}/invitations/{invitation_id}/reply", json={"reply": "accepted"},
            event_id=event["id"], invitation_id=garrison["invitation_id"])

    # an attacker's forged links are refused, without saying whether the token or the invitation is wrong
    forged = [(invitation_id, "0" * 32), (invitation_id, link["muhtar"][1]), (link["muftu"][0], token),
              ("6f1c2a4e-0000-4000-8000-000000000001", token)]
    answers = [public("POST", "/api/v1/invitations/{invitation_id}/reply", invitation_id=i,
                      json={"token": t, "reply": "declined"}) for i, t in forged]
    assert {(a.status_code, a.json()["detail"]) for a in answers} == {(404, "Bu yanıt bağlantısı geçersiz.")}
    html = public("POST", "/api/v1/invitations/{invitation_id}/reply", invitation_id=invitation_id,
                  data={"token": "0" * 32, "reply": "declined"})
    assert html.status_code == 404 and html.headers["Content-Type"].startswith("text/html")
    changed = public("POST", "/api/v1/invitations/{invitation_id}/reply", invitation_id=invitation_id,
                     json={"token": token, "reply": "declined"})
    assert changed.status_code == 409  # the link's first answer stands; the desk can still change it
    counts = attendance(desk, event)["counts"]
    assert counts == {"total": 7, "invited": 0, "accepted": 6, "declined": 1, "checked_in": 0}

    # the plan: the governor at the centre of the front row, then right, left, right, left by rank
    plan = desk.ok("POST", "/api/v1/events/{event_id}/seating", json={}, event_id=event["id"])
    seat_of = {seat["contact_id"]: (seat["row"], seat["seat"]) for seat in plan["seats"]}
    assert [seat_of[district[key]] for key in ("kaymakam", "milletvekili", "baskan", "garnizon", "bassavci",
                                               "muhtar")] == [(1, 3), (1, 4), (1, 2), (1, 5), (1, 1), (2, 3)]
    assert district["muftu"] not in seat_of  # declined
    order = desk.ok("GET", "/api/v1/events/{event_id}/speaking-order", event_id=event["id"])
    assert [s["contact_id"] for s in order["speakers"]][-1] == district["kaymakam"]  # the most senior last

    cards = pdf_text(desk.ok("GET", "/api/v1/events/{event_id}/name-cards.pdf", event_id=event["id"]))
    for text in ("İsmail Işık", "Gaziemir Kaymakamı", "Şule Yıldız", "Sarnıç Mahallesi Muhtarı"):
        assert text in cards
    assert "Hüseyin Öztürk" not in cards
    assert "İsmail Işık" in pdf_text(desk.ok("GET", "/api/v1/events/{event_id}/seating-plan.pdf",
                                             event_id=event["id"]))

    # at the door
    arrived = desk.ok("POST", "/api/v1/events/{event_id}/check-ins", json={"contact_id": district["kaymakam"]},
                      event_id=event["id"])
    assert arrived["contact_id"] == district["kaymakam"] and arrived["checked_in_at"]
    guests = {g["contact_id"]: g for g in attendance(desk, event)["guests"]}
    assert guests[district["kaymakam"]]["checked_in_at"] == arrived["checked_in_at"]
    assert guests[district["kaymakam"]]["seat"] == {"row": 1, "seat": 3}
    assert attendance(desk, event)["counts"]["checked_in"] == 1
    stranger = desk("POST", "/api/v1/events/{event_id}/check-ins", json={"contact_id": district["eski_muhtar"]},
                    event_id=event["id"])
    assert stranger.status_code == 404  # not invited


def test_the_press_office_invites_the_media_to_its_press_conference(system, press, desk):
    journalist = press.ok("POST", "/api/v1/contacts", status=201, json=person(
        "Deniz Kara", "gazeteci", "deniz.kara@example.org"))
    conference = press.ok("POST", "/api/v1/events", status=201, json=event_input("Yeni Kütüphane Basın Toplantısı"))
    sent = press.ok("POST", "/api/v1/events/{event_id}/invitations", json={"contact_ids": [journalist["id"]]},
                    event_id=conference["id"])
    assert sent["invited"] == 1
    assert invitations_to(system, "Yeni Kütüphane Basın Toplantısı", 1)["deniz.kara@example.org"]
    press.ok("POST", "/api/v1/events/{event_id}/check-ins", json={"contact_id": journalist["id"]},
             event_id=conference["id"])
    # seating and the precedence list stay the desk's
    assert press("POST", "/api/v1/events/{event_id}/seating", json={}, event_id=conference["id"]).status_code == 403
    assert desk.ok("GET", "/api/v1/events/{event_id}/attendance", event_id=conference["id"])["counts"][
        "checked_in"] == 1


def event_input(title):
    return {"kind": "basin_toplantisi", "title": title, "starts_at": f"{next_29_october().isoformat()}T14:00:00+03:00",
            "place": "Belediye Meclis Salonu"}


def attendance(desk, event):
    return desk.ok("GET", "/api/v1/events/{event_id}/attendance", event_id=event["id"])


def status_of(desk, event, contact_id):
    return next(g["status"] for g in attendance(desk, event)["guests"] if g["contact_id"] == contact_id)
