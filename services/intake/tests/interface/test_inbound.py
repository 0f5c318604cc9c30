"""Other systems publishing applications to the `ebelediye.inbound` exchange (DESIGN.md §2, scenario 6)."""
import eventlet

from contracts import inbound
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from servicekit import deadletters
from tests.support.broker import publish_raw, wait_until

SAMPLE = load_samples()[("ebelediye", inbound.APPLICATION_SUBMITTED)]


def envelope(**payload_changes):
    payload = dict(SAMPLE["payload"], **payload_changes)
    return make_envelope(inbound.APPLICATION_SUBMITTED, payload, "corr-inbound")


def publish(amqp_uri, body, **kwargs):
    publish_raw(amqp_uri, inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, body, **kwargs)


def count(query, reference):
    return query("SELECT count(*) AS n FROM applications WHERE source_reference = %s", reference)[0]["n"]


def test_a_published_application_is_stored_once_however_often_it_arrives(intake, amqp_uri, query):
    message = envelope(source_reference="EB-1")
    for _ in range(3):
        publish(amqp_uri, message)  # the same event redelivered
    publish(amqp_uri, envelope(source_reference="EB-1"))  # a new event for the same reference
    assert wait_until(lambda: count(query, "EB-1") == 1)
    publish(amqp_uri, envelope(source_reference="EB-2"))
    assert wait_until(lambda: count(query, "EB-2") == 1)
    assert count(query, "EB-1") == 1
    [row] = query("SELECT submitted_by, status FROM applications WHERE source_reference = 'EB-1'")
    assert row == {"submitted_by": "inbound:e-belediye-portal", "status": "received"}


def test_bad_messages_are_dead_lettered_with_their_reason_and_the_consumer_goes_on(intake, amqp_uri, query):
    publish(amqp_uri, "{this is not json", content_type="application/json")
    publish(amqp_uri, "plain words", content_type="text/plain")
    missing_body = envelope(source_reference="EB-BAD")
    del missing_body["payload"]["body"]
    publish(amqp_uri, missing_body)
    publish(amqp_uri, {"not": "an envelope"})
    huge = envelope(source_reference="EB-HUGE", body="ç" * 700_000)  # 1.4 MB, over the configured 1 MB
    publish(amqp_uri, huge)
    publish_raw(amqp_uri, inbound.EXCHANGE, "application_withdrawn", envelope(source_reference="EB-UNKNOWN"))
    publish(amqp_uri, envelope(source_reference="EB-GOOD"))

    assert wait_until(lambda: count(query, "EB-GOOD") == 1)
    letters = wait_until(lambda: (lambda found: found if len(found) == 6 else None)(
        deadletters.list_dead_letters(amqp_uri, "intake")))
    assert letters, "six dead letters expected"
    assert any(letter["error"].startswith("DecodeError: Expecting") for letter in letters)  # not JSON
    assert any("body" in letter["error"] and "InvalidInput" in letter["error"] for letter in letters)
    assert any("event_id" in letter["error"] for letter in letters)
    assert any("exceeds the limit" in letter["error"] for letter in letters)
    assert any("text/plain" in letter["error"] or letter["content_type"] == "text/plain" for letter in letters)
    unknown = [letter for letter in letters if letter["error"].startswith("UnknownEventType")]
    assert [letter["original_routing_key"] for letter in unknown] == ["application_withdrawn"]
    assert unknown[0]["original_queue"] == "intake.ebelediye.unknown_event_type"
    known = [letter for letter in letters if letter not in unknown]
    assert all(letter["original_queue"] == "intake.ebelediye.application_submitted" for letter in known)
    assert len({letter["id"] for letter in letters}) == 6  # each can be named on its own
    assert count(query, "EB-BAD") == 0 and count(query, "EB-HUGE") == 0


def test_one_dead_letter_is_inspected_and_purged_by_its_id(intake, amqp_uri, query):
    publish(amqp_uri, "{this is not json", content_type="application/json")
    publish(amqp_uri, {"not": "an envelope"})
    first, second = wait_until(lambda: (lambda found: found if len(found) == 2 else None)(
        deadletters.list_dead_letters(amqp_uri, "intake")))
    shown = deadletters.inspect(amqp_uri, "intake", second["id"])
    assert shown["body"] == '{"not": "an envelope"}' and shown["headers"]["x-error"] == second["error"]
    assert deadletters.purge(amqp_uri, "intake", second["id"]) == 1
    assert [letter["id"] for letter in deadletters.list_dead_letters(amqp_uri, "intake")] == [first["id"]]
    assert deadletters.inspect(amqp_uri, "intake", second["id"]) is None


def test_a_fixed_and_replayed_dead_letter_is_processed_once(intake, amqp_uri, query):
    broken = envelope(source_reference="EB-REPLAY", neighbourhood="Atlantis")
    publish(amqp_uri, broken, message_id="m-1")
    assert wait_until(lambda: len(deadletters.list_dead_letters(amqp_uri, "intake")) == 1)
    # operations find the cause (a neighbourhood the seed did not know), fix it, and replay
    query("INSERT INTO neighbourhoods (name, folded) VALUES ('Atlantis', 'atlantis') RETURNING name")
    assert deadletters.replay(amqp_uri, "intake") == 1
    assert wait_until(lambda: count(query, "EB-REPLAY") == 1)
    assert deadletters.list_dead_letters(amqp_uri, "intake") == []
    assert deadletters.replay(amqp_uri, "intake") == 0
    publish(amqp_uri, broken)  # the very same event again
    eventlet.sleep(1.0)
    assert count(query, "EB-REPLAY") == 1
