"""`@rpc`: nameko's RPC entrypoint, except that a reply the broker cannot take does not kill the service.

nameko publishes an RPC's reply after the work is done; when RabbitMQ is away at that moment the
publish raises inside the worker and nameko kills the whole container, taking every other entrypoint
down with it. Here the reply is given up instead: the request stays unacknowledged, so the broker hands
it out again when it is back, and the caller, which timed out, may retry (writes are idempotent).
"""
import logging

import amqp.exceptions
import kombu.exceptions
from nameko import rpc as nameko_rpc

log = logging.getLogger(__name__)

BROKER_ERRORS = (ConnectionError, OSError, kombu.exceptions.OperationalError, amqp.exceptions.ConnectionError)


class Rpc(nameko_rpc.Rpc):
    def handle_result(self, message, worker_ctx, result, exc_info):
        try:
            return super().handle_result(message, worker_ctx, result, exc_info)
        except BROKER_ERRORS as exc:
            log.warning("reply to %s not sent, the broker is away (%s); the request will be redelivered",
                        self.method_name, type(exc).__name__)
            return result, exc_info


rpc = Rpc.decorator
