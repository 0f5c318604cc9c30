"""The chaos run's figures as tables on stdout, and as JSON. Counts, times and reasons only: no
applicant's data is ever printed."""
import json
from pathlib import Path


def _table(headers, rows):
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    line = lambda row: "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |"  # noqa: E731
    return "\n".join([line(cells[0]), "|" + "|".join("-" * (width + 2) for width in widths) + "|",
                      *(line(row) for row in cells[1:])])


def _kinds(counts):
    return ", ".join(f"{kind} {count}" for kind, count in counts.items()) or "-"


def figures_rows(results):
    figures = results["figures"]
    settle = results.get("settle_s")
    return [
        ("submitted", figures["submitted"]),
        ("acknowledged (201/200/202, confirm)", figures["acknowledged"]),
        ("not acknowledged (client gave up)", figures["not_acknowledged"]),
        ("applications stored", figures["applications"]),
        ("cases (of acknowledged)", figures["cases"]),
        ("receipts (of acknowledged)", figures["receipts"]),
        ("duplicates", f"{figures['duplicates']} ({_kinds(figures['duplicates_by_kind'])}; receipts sent again "
                       f"with one Message-ID {figures['receipts_resent_same_message_id']})"),
        ("lost", f"{figures['lost']} ({_kinds(figures['lost_by_kind'])})"),
        ("outbox unsent", _kinds(figures["outbox_unsent"])),
        ("messages still queued", sum(figures["queued_messages"].values())),
        ("dead letters", len(figures["dead_letters"])),
        ("receipts in notify", _kinds(figures["receipt_records"])),
        ("time to settle", f"{settle} s" if settle is not None else f"not settled in {results['settings']['settle_seconds']} s"),
        ("start / load / whole run", f"{results.get('start_s')} s / {results.get('load_s')} s / {results.get('total_s')} s"),
    ]


def fault_rows(results):
    return [(timing["fault"], timing["at_s"], timing.get("down_s", "-"), timing.get("ready_s", "-"),
             timing["client_retries"], timing["slowest_ack_s"] if timing["slowest_ack_s"] is not None else "-",
             timing["system_retries"],
             ", ".join(timing.get("died_and_restarted", ())) or timing.get("error", "-"))
            for timing in results.get("faults", ())]


def print_report(results, verdict):
    print(f"\nchaos run {results['run_id']} ({results['form']} form): "
          f"{results['settings']['applications']} applications, every fault {results['settings']['cycles']}x")
    if "figures" not in results:
        print("the run did not get as far as its checks")
        return
    print()
    print(_table(("figure", "value"), figures_rows(results)))
    print()
    print(_table(("fault", "at s", "down s", "ready s", "client retries", "slowest ack s", "system retries",
                  "died / error"), fault_rows(results)))
    print()
    print(_table(("door", "submitted", "acknowledged", "attempts", "gave up with"),
                 [(door, d["submitted"], d["acknowledged"], d["attempts"], _kinds(d["gave_up_with"]))
                  for door, d in results["clients"].items()]))
    samples = results["figures"]["samples"]
    if samples:
        print("\nlost or doubled (first ones; times in s since the load began, as in the fault table):")
        print(_table(("n", "door", "what", "tracking number", "sent at s", "acknowledged at s"),
                     [(x["n"], x["door"], x["what"], x["tracking_number"] or "-", x["sent_at_s"],
                       x["acknowledged_at_s"]) for x in samples]))
    letters = results["figures"]["dead_letters"]
    if letters:
        print("\ndead letters:")
        print(_table(("service", "queue", "attempts", "reason"),
                     [(x["service"], x["queue"], x["attempts"], x["error"]) for x in letters]))
    if results["figures"]["queued_messages"]:
        print("\nstill queued: " + _kinds(results["figures"]["queued_messages"]))
    print(f"\n{'PASS' if verdict else 'FAIL'}: lost {results['figures']['lost']}, "
          f"duplicates {results['figures']['duplicates']}")


def write_json(results, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
