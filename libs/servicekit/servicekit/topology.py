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


def delay_queue(queue_name, delay_ms):
    """Where a message waits `delay_ms` before the broker moves it back to `queue_name`.

    On a quorum broker the move is at-least-once: a message whose wait ends while the broker restarts
    is moved when it is back (a classic queue drops it). At-least-once dead-lettering needs
    `x-overflow: reject-publish`; the publisher's confirm then tells us if the queue would not take it.
    """
    name = f"{queue_name}.retry.{delay_ms}ms"
    arguments = {"x-message-ttl": delay_ms, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": queue_name}
    if os.environ.get("EVENT_QUEUE_TYPE", "quorum") == "quorum":
        name = f"{queue_name}.delay.{delay_ms}ms"  # a new name: the classic one's arguments differ
        arguments.update({"x-queue-type": "quorum", "x-dead-letter-strategy": "at-least-once",
                          "x-overflow": "reject-publish"})
    return Queue(name, durable=True, auto_delete=False, queue_arguments=arguments)


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
