"""Dead letters for operations, through the gateway: how many each service holds, each one in full,
replay and purge (servicekit.deadletters does the work on the broker)."""
import amqp.exceptions
from kombu import Connection
from werkzeug.routing import BaseConverter

from servicekit import deadletters
from servicekit.topology import dead_letter_queue

SERVICES = ("intake", "routing", "notify", "contacts", "press")


class UnknownService(LookupError):
    pass


class LetterIdConverter(BaseConverter):
    """A dead letter's id in a path (`<letter:letter_id>`): one segment, but not `replay` or `purge`, the
    actions beside it, so a GET of those is a 405 naming POST rather than a look-up of a letter so called."""

    regex = r"(?!(?:replay|purge)$)[^/]+"


def _known(service):
    if service not in SERVICES:
        raise UnknownService(service)
    return service


def counts(amqp_uri):
    """[{service, count}] for every service; a queue not declared yet holds none."""
    found = []
    with Connection(amqp_uri) as conn:
        for service in SERVICES:
            channel = conn.channel()
            try:
                _, count, _ = channel.queue_declare(dead_letter_queue(service).name, passive=True)
            except amqp.exceptions.NotFound:
                count = 0  # the failed passive declare closed the channel; the next gets a new one
            else:
                channel.close()
            found.append({"service": service, "count": count})
    return found


def listing(amqp_uri, service, limit):
    return deadletters.list_dead_letters(amqp_uri, _known(service), limit)


def details(amqp_uri, service, letter_id):
    return deadletters.inspect(amqp_uri, _known(service), letter_id)


def replay(amqp_uri, service, letter_id=None):
    return deadletters.replay(amqp_uri, _known(service), letter_id)


def purge(amqp_uri, service, letter_id=None):
    return deadletters.purge(amqp_uri, _known(service), letter_id)
