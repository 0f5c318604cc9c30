"""The gateway: the only HTTP surface. The routes of the operations services declare are built from their
declarations (`declared`); the hand-written ones live in `routes/`, one module per area, each thin: who is
calling, the call to the owning service, the answer. This class brings them together with the
dependencies they share."""
import logging
from pathlib import Path

import eventlet
from nameko.rpc import RpcProxy

from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.settings import SettingsProvider

from .errors import UpstreamUnavailable
# modules, not their classes: `nameko run` takes every class with entrypoints in this module for a service
from . import declared
from .routes import auth, open311, operations, press
from .routes import contacts, invitations
from .routes import kvkk
from .security import Guard
from .settings import GatewaySettings  # noqa: F401  (declares the gateway's settings)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class GatewayService(auth.AuthRoutes, open311.Open311Routes, operations.OperationsRoutes, press.PressRoutes,
                     declared.DeclaredRoutes, contacts.ContactRoutes, invitations.InvitationReplyRoutes,
                     kvkk.KvkkRoutes):
    name = "gateway"

    db = Database(MIGRATIONS)
    guard = Guard()
    config = SettingsProvider()
    correlation_id = CorrelationId()
    intake_rpc = RpcProxy("intake")
    routing_rpc = RpcProxy("routing")
    notify_rpc = RpcProxy("notify")
    press_rpc = RpcProxy("press")
    contacts_rpc = RpcProxy("contacts")

    def _call(self, method, *args, service="intake", **kwargs):
        """Call a service, answering 503 rather than hanging when it does not reply in time."""
        timeout = self.config.rpc_timeout_seconds
        proxy = getattr(self, f"{service}_rpc")
        try:
            with eventlet.Timeout(timeout):
                return getattr(proxy, method)(*args, **kwargs)
        except eventlet.Timeout:
            raise UpstreamUnavailable() from None
