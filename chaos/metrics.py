"""What the services' own `/metrics` say about a fault: how many times their handlers and notify's
delivery loop had to retry. It shows that a fault was felt inside the system even when no client saw
it (a mail server refusing, a database denied)."""
import requests
from prometheus_client.parser import text_string_to_metric_families

RETRIED = (("messages_consumed", "retried"), ("notify_deliveries", "retried"))


def retries(ops_ports):
    """{service: handler and delivery retries since the process started}; a service that does not
    answer is left out."""
    counts = {}
    for service, port in ops_ports.items():
        try:
            text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=3).text
        except requests.RequestException:
            continue
        counts[service] = sum(sample.value for family in text_string_to_metric_families(text)
                              for sample in family.samples
                              if (family.name, sample.labels.get("outcome")) in RETRIED
                              and sample.name.endswith("_total"))
    return counts


def delta(before, after):
    """Retries between two snapshots; a process that restarted in between counts from zero."""
    total = 0
    for service, value in after.items():
        previous = before.get(service, 0)
        total += value - previous if value >= previous else value
    return int(total)
