"""Scenario 9, the 29 October ceremony: the protocol segment is invited, replies come in by link, the
seating plan puts the district governor at the centre and alternates right and left by rank, name
cards are printed, arrivals are checked in."""
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from contacts.exceptions import Conflict, InvalidInput, NotAllowed, NotFound

from .conftest import DESK, EVERY_EVENT, PRESS, PUBLIC_BASE_URL, pdf_text, person, published

OFFICES = [  # name, office code, title, reply
    ("İsmail Işık", "kaymakam", "Gaziemir Kaymakamı", "accepted"),
    ("Ayşe Gül Doğan", "milletvekili", "İzmir Milletvekili", "accepted"),
    ("Ünal Işık", "belediye_baskani", "Gaziemir Belediye Başkanı", "accepted"),
    ("Kemal Ağaoğlu", "garnizon_komutani", "Garnizon Komutanı", "accepted"),
    ("Zeynep Çelik", "cumhuriyet_bassavcisi", "Cumhuriyet Başsavcısı", "accepted"),
    ("Hüseyin Öztürk", "ilce_muftusu", "İlçe Müftüsü", "declined"),
    ("Şule Yıldız", "muhtar", "Sarnıç Mahallesi Muhtarı", "accepted"),
]


@pytest.fixture
def ceremony(call):
    people = {}
    for name, office, title, _ in OFFICES:
        reach = {"phones": ["0532 400 00 %02d" % len(people)]} if office == "muhtar" else {
            "emails": [f"{office}@example.gov.tr"]}
        people[office] = call("create_contact", person(
            name, consent={"basis": "kanunda_ongorulme"}, **reach,
            roles=[{"office": office, "title": title, "started_on": "2024-04-01"}]), DESK)["id"]
    call("create_contact", person("Gizli Kişi", emails=["gizli@example.org"]), DESK)  # no lawful basis
    protocol = call("create_segment", {"name": "İlçe protokolü", "kind": "filter",
                                       "filter": {"categories": ["ilce_protokolu"]}}, DESK)
    day = dt.date.today() + dt.timedelta(days=30)
    event = call("create_event", {"kind": "toren", "title": "29 Ekim Cumhuriyet Bayramı Resmî Töreni",
                                  "starts_at": f"{day.isoformat()}T10:00:00+03:00", "place": "Atatürk Anıtı",
                                  "rows": [5, 5]}, DESK, **EVERY_EVENT)
    return people, protocol, event


def token_of(url):
    return parse_qs(urlsplit(url).query)["token"][0]


def test_the_protocol_is_invited_once_each_with_a_personal_reply_link(call, ceremony, amqp_uri):
    people, protocol, event = ceremony
    assert call("invite", event["id"], [], [protocol["id"]], DESK, **EVERY_EVENT) == {
        "invited": 7, "already_invited": 0, "skipped": []}
    [issued] = published(amqp_uri, "invitations_issued", 1)
    assert (issued["event_id"], issued["kind"], issued["place"]) == (event["id"], "toren", "Atatürk Anıtı")
    invitees = {i["contact_id"]: i for i in issued["invitees"]}
    assert set(invitees) == set(people.values())
    muhtar = invitees[people["muhtar"]]
    assert (muhtar["full_name"], muhtar["email"], muhtar["phone"]) == ("Şule Yıldız", None, "+905324000006")
    assert invitees[people["kaymakam"]]["email"] == "kaymakam@example.gov.tr"
    for invitee in invitees.values():
        link = f"{PUBLIC_BASE_URL}/api/v1/invitations/{invitee['invitation_id']}/reply?token="
        assert invitee["reply_url"].startswith(link)

    # inviting again invites nobody twice; the next event carries only the newcomer
    assert call("invite", event["id"], [], [protocol["id"]], DESK, **EVERY_EVENT)["already_invited"] == 7
    newcomer = call("create_contact", person("Yeni Müdür", category="ilce_protokolu",
                                             emails=["yeni@example.gov.tr"]), DESK)
    opted = call("create_contact", person("Ret Eden", emails=["ret@example.org"]), DESK)
    call("opt_out", opted["id"], DESK)
    answer = call("invite", event["id"], [newcomer["id"], opted["id"]], [], DESK, **EVERY_EVENT)
    assert answer["invited"] == 1 and answer["skipped"][0]["contact_id"] == opted["id"]
    [second] = published(amqp_uri, "invitations_issued", 1)
    assert [i["contact_id"] for i in second["invitees"]] == [newcomer["id"]]


def test_a_reply_link_works_once_and_a_forged_one_is_refused(call, ceremony, amqp_uri):
    people, protocol, event = ceremony
    call("invite", event["id"], [people["kaymakam"], people["muhtar"]], [], DESK, **EVERY_EVENT)
    [issued] = published(amqp_uri, "invitations_issued", 1)
    kaymakam, muhtar = sorted(issued["invitees"], key=lambda i: i["contact_id"] != people["kaymakam"])
    with pytest.raises(NotAllowed):  # another invitation's token does not open this one
        call("reply_invitation", kaymakam["invitation_id"], token_of(muhtar["reply_url"]), "accepted")
    with pytest.raises(NotAllowed):
        call("reply_invitation", kaymakam["invitation_id"], "0" * 32, "accepted")

    with pytest.raises(NotAllowed):  # the page before the answer checks the token the same way
        call("invitation_for_reply", kaymakam["invitation_id"], token_of(muhtar["reply_url"]))
    token = token_of(kaymakam["reply_url"])
    before = call("invitation_for_reply", kaymakam["invitation_id"], token)
    assert (before["status"], before["title"], before["place"]) == (
        "invited", "29 Ekim Cumhuriyet Bayramı Resmî Töreni", "Atatürk Anıtı")
    assert call("invitation_for_reply", kaymakam["invitation_id"], token)["status"] == "invited"  # opening records nothing
    first = call("reply_invitation", kaymakam["invitation_id"], token, "accepted")
    assert (first["status"], first["title"]) == ("accepted", "29 Ekim Cumhuriyet Bayramı Resmî Töreni")
    assert call("reply_invitation", kaymakam["invitation_id"], token, "accepted") == first  # a second click
    with pytest.raises(Conflict):
        call("reply_invitation", kaymakam["invitation_id"], token, "declined")
    # the desk may still change it (the invitee phoned)
    assert call("record_reply", kaymakam["invitation_id"], "declined", DESK, **EVERY_EVENT)["status"] == \
        "declined"
    replies = published(amqp_uri, "invitation_replied", 2)
    assert [r["reply"] for r in replies] == ["accepted", "declined"]
    assert all(r["invitation_id"] == kaymakam["invitation_id"] for r in replies)
    assert {(r["full_name"], r["title"]) for r in replies} == {("İsmail Işık", "29 Ekim Cumhuriyet Bayramı Resmî Töreni")}


def test_seating_by_precedence_name_cards_speaking_order_and_check_in(call, ceremony, amqp_uri):
    people, protocol, event = ceremony
    call("invite", event["id"], [], [protocol["id"]], DESK, **EVERY_EVENT)
    [issued] = published(amqp_uri, "invitations_issued", 1)
    replies = {office: reply for _, office, _, reply in OFFICES}
    by_contact = {contact: office for office, contact in people.items()}
    for invitee in issued["invitees"]:
        call("reply_invitation", invitee["invitation_id"], token_of(invitee["reply_url"]),
             replies[by_contact[invitee["contact_id"]]])

    plan = call("generate_seating", event["id"], [], DESK)
    seats = {(s["row"], s["seat"]): by_contact[s["contact_id"]] for s in plan["seats"]}
    # the governor at the centre of the front row; then right, left, right, left as seen by the seated
    assert seats == {(1, 3): "kaymakam", (1, 4): "milletvekili", (1, 2): "belediye_baskani",
                     (1, 5): "garnizon_komutani", (1, 1): "cumhuriyet_bassavcisi", (2, 3): "muhtar"}
    assert {s["name"] for s in plan["seats"]} >= {"İsmail Işık", "Şule Yıldız"}

    moved = call("move_seat", event["id"], people["muhtar"], 1, 1, DESK)
    assert {(s["row"], s["seat"]): by_contact[s["contact_id"]] for s in moved["seats"]}[(2, 3)] == \
        "cumhuriyet_bassavcisi"

    order = call("speaking_order", event["id"], DESK)
    assert [s["contact_id"] for s in order["speakers"]][-1] == people["kaymakam"]  # the most senior last
    assert [s["contact_id"] for s in order["speakers"]][0] == people["muhtar"]

    cards = pdf_text(call("name_cards_pdf", event["id"], DESK))
    for name in ("İsmail Işık", "Gaziemir Kaymakamı", "Şule Yıldız", "Sarnıç Mahallesi Muhtarı"):
        assert name in cards
    assert "Hüseyin Öztürk" not in cards  # declined
    assert "İsmail Işık" in pdf_text(call("seating_plan_pdf", event["id"], DESK))

    call("check_in", event["id"], people["kaymakam"], DESK, **EVERY_EVENT)
    call("check_in", event["id"], people["kaymakam"], DESK, **EVERY_EVENT)
    stranger = call("create_contact", person("Davetsiz Misafir"), DESK)
    with pytest.raises(NotFound):
        call("check_in", event["id"], stranger["id"], DESK, **EVERY_EVENT)
    counts = call("attendance", event["id"], DESK)["counts"]
    assert counts == {"total": 7, "invited": 0, "accepted": 6, "declined": 1, "checked_in": 1}


def test_the_precedence_list_is_seeded_and_staff_can_insert_or_move_an_office(call):
    seeded = call("list_precedence", DESK)
    assert [(o["office"], o["rank"]) for o in seeded[:3]] == [("kaymakam", 1), ("milletvekili", 2),
                                                              ("belediye_baskani", 3)]
    council = call("set_precedence", "kent_konseyi_baskani", 12, "Kent Konseyi Başkanı", DESK)
    ranks = {o["office"]: o["rank"] for o in council["list"]}
    assert (council["rank"], ranks["belediye_meclis_uyesi"], len(ranks)) == (12, 13, len(seeded) + 1)
    moved = call("set_precedence", "muhtar", 5, "Muhtarlar", DESK)
    ranks = {o["office"]: o["rank"] for o in moved["list"]}
    assert (ranks["muhtar"], ranks["agir_ceza_baskani"], ranks["okul_muduru"]) == (5, 6, 23)
    assert sorted(ranks.values()) == list(range(1, len(ranks) + 1))
    with pytest.raises(NotAllowed):
        call("set_precedence", "muhtar", 1, "Muhtarlar", {"id": "m", "role": "mayor_office"})
    for office in ("İlçe Müftüsü", "muhtar\n", "m"):  # outside contracts.contacts.OFFICE_CODE
        with pytest.raises(InvalidInput):
            call("set_precedence", office, 7, "Yanlış Makam", DESK)


def test_an_events_audience_is_its_guests_who_came_accepted_or_did_not_decline(call, ceremony):
    people, protocol, event = ceremony
    call("invite", event["id"], [], [protocol["id"]], DESK, **EVERY_EVENT)
    guests = {g["contact_id"]: g for g in call("attendance", event["id"], DESK)["guests"]}
    for name, office, _, reply in OFFICES:
        if reply == "declined" or office == "garnizon_komutani":  # one never answers
            continue
        call("record_reply", guests[people[office]]["invitation_id"], reply, DESK, **EVERY_EVENT)
    call("record_reply", guests[people["ilce_muftusu"]]["invitation_id"], "declined", DESK, **EVERY_EVENT)
    call("check_in", event["id"], people["kaymakam"], DESK, **EVERY_EVENT)
    call("opt_out", people["milletvekili"], DESK)

    def names(who):
        found = call("event_audience", event["id"], who)  # no actor: press asks service to service
        assert found["event"]["id"] == event["id"]
        return sorted(g["full_name"] for g in found["guests"])

    assert names("attended") == ["İsmail Işık"]
    assert names("accepted") == ["Zeynep Çelik", "Ünal Işık", "İsmail Işık", "Şule Yıldız"]
    assert names("invited") == ["Kemal Ağaoğlu", "Zeynep Çelik", "Ünal Işık", "İsmail Işık", "Şule Yıldız"]
    kaymakam = call("event_audience", event["id"], "attended")["guests"][0]
    assert kaymakam["email"] == "kaymakam@example.gov.tr" and kaymakam["organisation"] is None
    assert call("get_event", event["id"], DESK)["title"] == event["title"]
    with pytest.raises(NotFound):
        call("event_audience", "5f0f3c1e-0000-4000-8000-000000000000", "attended")


def test_the_press_office_acts_only_on_press_conferences(call, ceremony):
    people, protocol, ceremony_event = ceremony
    conference = call("create_event", {"kind": "basin_toplantisi", "title": "Bütçe basın toplantısı",
                                       "starts_at": "2030-01-15T11:00:00+03:00"}, PRESS)
    with pytest.raises(NotAllowed) as refused:
        call("create_event", {"kind": "toren", "title": "Açılış", "starts_at": "2030-01-15T11:00:00+03:00"}, PRESS)
    assert refused.value.args[0] == "Basın servisi yalnızca basın toplantılarının davetlerini yönetir."
    for method, args in (("invite", (ceremony_event["id"], [people["kaymakam"]], [])),
                         ("check_in", (ceremony_event["id"], people["kaymakam"]))):
        with pytest.raises(NotAllowed):
            call(method, *args, PRESS)
    assert call("invite", conference["id"], [people["kaymakam"]], [], PRESS)["invited"] == 1
    [guest] = call("attendance", conference["id"], PRESS)["guests"]
    shown = call("record_reply", guest["invitation_id"], "accepted", PRESS, event_id=conference["id"])
    assert shown["status"] == "accepted"
    # the desk's reply to an invitation of another event is no reply to this one
    with pytest.raises(NotFound):
        call("record_reply", guest["invitation_id"], "declined", DESK, event_id=ceremony_event["id"], **EVERY_EVENT)
    call("invite", ceremony_event["id"], [people["muhtar"]], [], DESK, **EVERY_EVENT)
    [desk_guest] = call("attendance", ceremony_event["id"], DESK)["guests"]
    with pytest.raises(NotAllowed):
        call("record_reply", desk_guest["invitation_id"], "accepted", PRESS, event_id=ceremony_event["id"])


def test_an_events_printouts_wait_for_guests_and_a_plan(call, ceremony):
    _people, _protocol, event = ceremony
    with pytest.raises(Conflict):  # nobody has said they will come
        call("name_cards_pdf", event["id"], DESK)
    with pytest.raises(Conflict):  # no seating plan yet
        call("seating_plan_pdf", event["id"], DESK)
    with pytest.raises(NotFound):
        call("name_cards_pdf", "5f0f3c1e-0000-4000-8000-000000000000", DESK)
