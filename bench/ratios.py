"""The figures that count (DESIGN.md §8): the system's rate as a share of this machine's raw limits."""

EXPLANATIONS = {
    "system_vs_postgres": (
        "accepted applications/s ÷ raw single-row commits/s: the share of this machine's commit capacity "
        "the system turns into stored applications (each costs two commits: the application with its "
        "outbox row, then marking the event sent)"),
    "system_vs_rabbitmq": (
        "accepted applications/s ÷ raw durable publish-and-consume msgs/s with a confirm per message: "
        "the share of what the broker alone moves when each message waits for its confirm, as the "
        "outbox relay's does (each application also makes an RPC round trip through the broker)"),
}


def compute(results):
    """Ratios of the best system figure to the raw figures; None where a figure is missing."""
    system = (results.get("system") or {}).get("best_accepted_per_s")
    postgres = (results.get("raw_postgres") or {}).get("best_commits_per_s")
    rabbit = ((results.get("raw_rabbitmq") or {}).get("per_message_confirm") or {}).get("messages_per_s")
    return {
        "system_vs_postgres": _ratio(system, postgres),
        "system_vs_rabbitmq": _ratio(system, rabbit),
        "explanations": EXPLANATIONS,
    }


def _ratio(part, whole):
    if not part or not whole:
        return None
    return round(part / whole, 3)
