"""Webhooks: other systems subscribe to event types and receive them signed.

A subscriber hears only of applications it submitted itself (`entitled`). Each delivery is `POST <url>`
with the event envelope as JSON, its payload only the fields `contracts.notify.WEBHOOK_FIELDS`
lists for the event type, and the headers `X-Event-Id`, `X-Event-Type`, `X-Timestamp` and `X-Signature`, the
hex HMAC-SHA256 of `"<timestamp>.<body>"` under the subscription's secret. 2xx is delivered; 4xx (but
408 and 429) is refused for good; anything else is tried again with growing waits.

The address goes through the outbound-address policy (servicekit.outbound) when subscribed and at every
delivery's connection: one that leads inside the platform's network is refused, and a delivery is never
redirected (a 3xx is refused for good), so a subscription cannot be used to reach or map what is inside.
"""
import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import urlsplit

import requests
from marshmallow import ValidationError

from contracts import errors, notify as notify_events
from contracts.notify_api import WebhookSubscriptionRequest
from servicekit import outbound

from . import inputs, storage
from .exceptions import NotFound
from .failures import PermanentFailure, TemporaryFailure

WEBHOOK_SCHEMAS = {event_type: notify_events.webhook_schema(event_type) for event_type in notify_events.WEBHOOK_FIELDS}
ENVELOPE_KEYS = ("event_id", "event_type", "occurred_at", "version", "correlation_id")
REDIRECT_REFUSED = "Webhook adresi yönlendirme ile cevap verdi; yönlendirmeler izlenmez, adres güncellenmeli."


InvalidSubscription = errors.InvalidInput  # `args[0]`: {field: [Turkish messages]} (422)


def secret_for(master_key, subscription_id):
    return hmac.new(master_key.encode(), f"webhook:{subscription_id}".encode(), hashlib.sha256).hexdigest()


def signature(secret, timestamp, body):
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def subscribe(store, master_key, actor, subscription, allow_http, policy=outbound.Policy()):
    """The calling system (`actor["id"]`, its client id) subscribes `{"url", "event_types"}`; answers with
    the signing secret, shown once. The address must be deliverable and pass the outbound policy."""
    try:
        wanted = WebhookSubscriptionRequest().load(subscription or {})
    except ValidationError as exc:
        raise InvalidSubscription(exc.normalized_messages()) from None
    url, event_types = wanted["url"], sorted(set(wanted["event_types"]))
    if not deliverable(url, allow_http):
        raise InvalidSubscription({"url": ["https:// ile başlayan geçerli bir adres olmalı."]})
    try:
        _policy(policy, allow_http).check(url)
    except outbound.Refused as refused:
        raise InvalidSubscription({"url": [refused.reason]}) from None
    subscription_id = uuid.uuid4()
    with store.transaction() as tx:
        storage.add_subscription(tx.cursor, subscription_id, actor["id"], url, event_types)
    return {"id": str(subscription_id), "url": url, "event_types": event_types,
            "secret": secret_for(master_key, subscription_id)}


def deliverable(url, allow_http):
    """True for an address a delivery can be POSTed to: https (http only where allowed, e.g. tests), a host
    name or IP address, no spaces or control characters anywhere."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:  # e.g. "https://[" (an unclosed IPv6 address)
        return False
    return parts.scheme in (("https", "http") if allow_http else ("https",)) and bool(parts.hostname)


def _policy(policy, allow_http):
    return policy if allow_http else policy.with_schemes("https")


def entitled(client_id, submitted_by):
    """True when the subscribing client may hear of an application `submitted_by` someone: only the API
    client that submitted it, through the API or Open311. Staff's, other systems' and inbound applications,
    and any whose submitter is unknown here, reach no subscriber."""
    return bool(client_id) and submitted_by in (client_id, f"open311:{client_id}")


def public_body(event_type, event):
    """The envelope as the subscriber gets it: the payload holds only the fields its contract
    (`contracts.notify.WEBHOOK_FIELDS`) lists: no secret, no personal data, no free text."""
    payload = WEBHOOK_SCHEMAS[event_type].dump(event["payload"])
    envelope = {key: event[key] for key in ENVELOPE_KEYS if key in event}
    return json.dumps({**envelope, "event_type": event_type, "payload": payload}, ensure_ascii=False,
                      sort_keys=True, default=lambda value: value.isoformat() if hasattr(value, "isoformat")
                      else str(value))


def subscriptions(store, actor):
    """The calling system's subscriptions, oldest first."""
    with store.transaction() as tx:
        rows = storage.subscriptions_of(tx.cursor, actor["id"])
    return [{"id": str(r["id"]), "url": r["url"], "event_types": r["event_types"], "active": r["active"],
             "created_at": r["created_at"].isoformat()} for r in rows]


def unsubscribe(store, actor, subscription_id):
    """Ends one of the calling system's subscriptions; NotFound when it has none such."""
    subscription_id = inputs.identifier(subscription_id)
    with store.transaction() as tx:
        if not storage.deactivate_subscription(tx.cursor, subscription_id, actor["id"]):
            raise NotFound()


def deliveries(store, actor, subscription_id, limit=100):
    """The delivery log of one of the calling system's subscriptions; NotFound when it is not theirs."""
    subscription_id = inputs.identifier(subscription_id)
    with store.transaction() as tx:
        found = storage.subscription(tx.cursor, subscription_id)
        if found is None or found["client_id"] != actor["id"]:
            raise NotFound()
        rows = storage.webhook_deliveries(tx.cursor, subscription_id, limit)
    return [{key: (value.isoformat() if hasattr(value, "isoformat") else str(value) if key == "id" else value)
             for key, value in row.items()} for row in rows]


def sender(store, master_key, timeout=10.0, policy=outbound.Policy()):
    """`send(row)` for the delivery loop: the row's body is the JSON, its recipient the subscription.
    Every delivery connects through `policy` (servicekit.outbound), whatever was checked when subscribing:
    a name may point elsewhere since."""
    def send(row):
        with store.transaction() as tx:
            subscription = storage.subscription(tx.cursor, row["recipient"])
        if subscription is None or not subscription["active"]:
            raise PermanentFailure("abonelik kaldırılmış")
        body = row["body"].encode()
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Event-Type": row["kind"], "X-Timestamp": timestamp,
                   "X-Event-Id": row["subject"],
                   "X-Signature": signature(secret_for(master_key, subscription["id"]), timestamp, body)}
        try:
            response = policy.request("POST", subscription["url"], data=body, headers=headers, timeout=timeout,
                                      max_redirects=0)
        except outbound.Refused as refused:
            raise PermanentFailure(refused.reason) from None  # the same words whatever is inside
        except requests.RequestException as exc:
            raise TemporaryFailure(type(exc).__name__) from None
        if response.status_code < 300:
            return f"{response.status_code}"
        if response.status_code < 400:
            raise PermanentFailure(f"{response.status_code} {REDIRECT_REFUSED}")
        if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
            raise PermanentFailure(f"{response.status_code} {response.text[:200]}")
        raise TemporaryFailure(f"{response.status_code} {response.text[:200]}")
    return send
