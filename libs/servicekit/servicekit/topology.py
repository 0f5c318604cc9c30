"""Exchanges and queues, declared the same way by every party so their arguments always agree.

Event queues are quorum queues where the broker has them (EVENT_QUEUE_TYPE=quorum, the default);
`EVENT_QUEUE_TYPE=classic` for a broker without. A queue redeclared with other arguments is refused
by RabbitMQ, which is why every declaration goes through here.
"""
import os

from kombu import Connection, Exchange, Queue

from contracts import topology


def event_exchange(name):
    return Exchange(name, type="topic", durable=True, auto_delete=False, delivery_mode=2)


def event_queue(name, exchange_name, routing_key):
    queue_type = os.environ.get("EVENT_QUEUE_TYPE", "quorum")
    return Queue(name, exchange=event_exchange(exchange_name), routing_key=routing_key,
                 durable=True, auto_delete=False, queue_arguments={"x-queue-type": queue_type})


def dead_letter_queue(service_name):
    """`<service>.dead-letters`: where a service's failed messages wait for operations."""
    return Queue(f"{service_name}.dead-letters", durable=True, auto_delete=False)


def declare_all(amqp_uri):
    """Declare every exchange and subscriber queue of `contracts.topology`; safe to repeat."""
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        for exchange, event_type, queue in topology.bindings():
            event_queue(queue, exchange, event_type)(channel).declare()
        channel.close()
