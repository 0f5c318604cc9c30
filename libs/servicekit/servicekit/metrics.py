"""The Prometheus metrics every process exports (DESIGN.md §9).

Defined once here so every service reports the same names and labels; a service adds its own
domain gauges in its own module.
"""
from prometheus_client import Counter, Gauge, Histogram

MESSAGES_CONSUMED = Counter(
    "messages_consumed_total", "Messages handled, by queue, event type and outcome "
    "(ok, duplicate, retried, dead_lettered)", ["service", "event_type", "outcome"])
MESSAGES_PUBLISHED = Counter(
    "messages_published_total", "Events published from the outbox, by event type and outcome "
    "(ok, failed)", ["service", "event_type", "outcome"])
HANDLER_SECONDS = Histogram(
    "handler_duration_seconds", "Time spent in a message handler", ["service", "event_type"])
OUTBOX_BACKLOG = Gauge("outbox_backlog", "Outbox rows not yet published", ["service"])
OUTBOX_OLDEST_SECONDS = Gauge(
    "outbox_oldest_unsent_age_seconds", "Age of the oldest unpublished outbox row", ["service"])
DEAD_LETTERS = Counter("dead_letters_total", "Messages sent to the dead-letter queue", ["service", "reason"])
DEAD_LETTER_DEPTH = Gauge("dead_letter_queue_depth", "Messages waiting in the dead-letter queue", ["service"])
HTTP_REQUESTS = Counter("http_requests_total", "HTTP requests by route, method and status",
                        ["route", "method", "status"])
HTTP_SECONDS = Histogram("http_request_duration_seconds", "HTTP request latency by route", ["route", "method"])
