"""Every event a service publishes or accepts has a sample, and every sample fits its contract."""
import pytest
from marshmallow import EXCLUDE

from contracts import inbound, intake, notify, routing, topology
from contracts import press
from contracts import contacts
from contracts.envelope import EnvelopeSchema, make_envelope
from contracts.samples import load_samples

MODULES = {intake.SOURCE: intake, inbound.SOURCE: inbound, routing.SOURCE: routing, notify.SOURCE: notify}
MODULES[press.SOURCE] = press
MODULES[contacts.SOURCE] = contacts
SAMPLES = load_samples()


def test_every_event_type_has_a_sample():
    expected = {(source, event_type) for source, module in MODULES.items() for event_type in module.EVENT_TYPES}
    assert expected == set(SAMPLES)


@pytest.mark.parametrize("key", sorted(SAMPLES), ids=lambda key: ".".join(key))
def test_sample_loads_and_dumps_through_its_schema(key):
    source, event_type = key
    envelope = EnvelopeSchema().load(SAMPLES[key])
    assert envelope["event_type"] == event_type
    schema = MODULES[source].PAYLOAD_SCHEMAS[event_type]
    consumer_view = schema(unknown=EXCLUDE).load(envelope["payload"])
    # what a publisher dumps, a consumer loads back to the same thing
    assert schema(unknown=EXCLUDE).load(schema().dump(consumer_view)) == consumer_view


def test_consumers_ignore_fields_added_later():
    payload = dict(SAMPLES[("intake", intake.APPLICATION_RECEIVED)]["payload"], added_in_v2="yeni alan")
    loaded = intake.ApplicationReceivedSchema(unknown=EXCLUDE).load(payload)
    assert "added_in_v2" not in loaded


def test_received_payload_never_carries_the_tc_kimlik_no():
    schema = intake.ApplicationReceivedSchema
    loaded = schema(unknown=EXCLUDE).load(SAMPLES[("intake", intake.APPLICATION_RECEIVED)]["payload"])
    loaded["applicant"]["tc_kimlik_no"] = "10000000146"
    dumped = schema().dump(loaded)
    assert "tc_kimlik_no" not in dumped["applicant"]


def test_envelope_has_the_fields_design_requires():
    envelope = make_envelope(intake.APPLICATION_RECEIVED, {"x": 1}, "corr-1")
    assert {"event_id", "event_type", "occurred_at", "version", "correlation_id", "payload"} <= set(envelope)
    assert EnvelopeSchema().load(envelope)["correlation_id"] == "corr-1"


def test_topology_names_only_published_events():
    published = {(module.EXCHANGE, event_type) for module in MODULES.values() for event_type in module.EVENT_TYPES}
    assert set(topology.SUBSCRIPTIONS) <= published


def test_every_published_event_has_a_queue_to_land_in():
    """Events are published with `mandatory`: one nobody subscribes to would stay in the outbox."""
    published = {(module.EXCHANGE, event_type) for source, module in MODULES.items() if source != inbound.SOURCE
                 for event_type in module.EVENT_TYPES}
    assert published <= set(topology.SUBSCRIPTIONS)
