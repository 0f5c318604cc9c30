"""Notify's own metrics: deliveries by channel and outcome (DESIGN.md §9)."""
from prometheus_client import Counter

DELIVERIES = Counter("notify_deliveries_total", "Delivery attempts by channel and outcome (sent, retried, failed)",
                     ["channel", "outcome"])
