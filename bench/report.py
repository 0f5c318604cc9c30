"""The results as one table on the terminal, and as JSON in a file."""
import json

from . import contacts_search, end_to_end
from .press_archive import RATIO_EXPLANATIONS


def print_report(results):
    """Machine, the figures table, errors seen, the outbox check and the ratios."""
    print()
    print(_machine_line(results.get("machine") or {}))
    print()
    print(format_table(["measurement", "rate", "p50 ms", "p99 ms", "errors", "detail"], _rows(results)))
    system = results.get("system") or {}
    if "error" in system:
        print(f"\nTHE SYSTEM DID NOT START: {system['error']}")
        for name, lines in system.get("logs", {}).items():
            print(f"--- last lines of {name}")
            print("\n".join(lines))
    elif system:  # not with --press-only
        _print_cpu(system, (results.get("machine") or {}).get("cores"))
        _print_errors(system)
        _print_outbox(system)
        _print_mail(system.get("mail"))
        _print_end_to_end(system.get("end_to_end"), (results.get("machine") or {}).get("cores"))
    _print_contacts(results.get("contacts"))
    _print_watcher(results.get("watcher"))
    _print_press(results.get("press"))
    _print_ratios(results.get("ratios") or {})


def write_json(results, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def succeeded(results):
    """True when the system ran, every request was accepted, the outbox drained and every accepted
    application's receipt e-mail reached the SMTP sink, and the deadline watcher's probe finished,
    published every signal and emitted none twice, and press's probe finished and stored every feed item."""
    if results.get("press_only"):
        return _press_succeeded(results.get("press"))
    if results.get("contacts_only"):
        return _contacts_succeeded(results.get("contacts"))
    if not _contacts_succeeded(results.get("contacts")):
        return False
    system = results.get("system") or {}
    if "error" in system:
        return False
    watcher = results.get("watcher")
    if watcher is not None and ("error" in watcher or watcher["second_sweep"]["signals"]
                                or watcher["outbox_drain"]["unsent_after"]):
        return False
    if not _press_succeeded(results.get("press")):
        return False
    levels = [system["warmup"], *system["levels"]]
    mail = system.get("mail") or {"missing": 0}
    return all(level["errors"] == 0 for level in levels) and system["outbox"]["unsent"] == 0 \
        and mail["missing"] == 0


def format_table(headers, rows, decimals=1):
    """A plain, aligned text table; numbers right-aligned, floats with `decimals` places."""
    cells = [[_cell(value, decimals) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
              for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) or row[i] is None for row in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line([str(h) for h in headers]), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _cell(value, decimals=1):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{decimals}f}"
    return str(value)


def _machine_line(machine):
    return (f"machine: {machine.get('cores')} cores, {machine.get('cpu_model')}, {machine.get('memory_gib')} GiB RAM; "
            f"PostgreSQL {machine.get('postgresql')}, RabbitMQ {machine.get('rabbitmq')}, "
            f"Python {machine.get('python')}, Linux {machine.get('kernel')}")


def _rows(results):
    rows = []
    pg = results.get("raw_postgres")
    if pg:
        settings = pg["server_settings"]
        for run in (pg["sequential"], pg["parallel"]):
            rows.append([f"raw PostgreSQL, {run['connections']} connection(s)", run["commits_per_s"], None, None, 0,
                         f"commits/s; {run['commits']} in {run['seconds']} s "
                         f"(synchronous_commit={settings['synchronous_commit']})"])
    rabbit = results.get("raw_rabbitmq")
    if rabbit:
        for key, label in (("per_message_confirm", "confirm per message"), ("batched_confirm", "confirm per batch")):
            run = rabbit[key]
            batch = f" of {run['batch']}" if "batch" in run else ""
            rows.append([f"raw RabbitMQ, {label}{batch}", run["messages_per_s"], None, None,
                         run["published"] - run["consumed"],
                         f"msgs/s end to end ({rabbit['queue_type']} queue); "
                         f"publish alone {run['publish_per_s']:,.0f}/s"])
    system = results.get("system") or {}
    for level in system.get("levels", []):
        rows.append([f"system, {level['concurrency']} client(s)", level["accepted_per_s"], level["p50_ms"],
                     level["p99_ms"], level["errors"],
                     f"applications accepted/s; {level['accepted']} in {level['seconds']} s"])
    if system.get("mail"):
        rows.append(_mail_row(system["mail"]))
    rows.extend(_end_to_end_rows(system.get("end_to_end")))
    clock = results.get("legal_clock") or {}
    for rule_id, run in clock.get("rules", {}).items():
        unit = "working" if run["kind"] == "working_days" else "calendar"
        rows.append([f"legal clock, {rule_id} ({run['days']} {unit} days)", run["per_s"], None, None, None,
                     f"due dates/s; {run['computations']} in {run['seconds']} s, {run['us_each']} µs each, "
                     f"received {clock['first_received_on'][:4]}–{clock['last_received_on'][:4]}"])
    rows.extend(_contacts_rows(results.get("contacts")))
    rows.extend(_watcher_rows(results.get("watcher")))
    rows.extend(_press_rows(results.get("press")))
    return rows


def _mail_row(mail):
    """Receipts/s from the first 201 to the last receipt in the sink; p50/p99 of each application's
    201 → its e-mail in the sink; errors are the receipts that did not arrive."""
    twice = f", {mail['duplicates']} twice" if mail["duplicates"] else ""
    tail = (f"; {mail['after_load']} after the load, at {mail['after_load_per_s']:,.1f}/s"
            if mail.get("after_load") else "")
    others = (f"; all e-mails (staff notices too) {mail['all_emails_per_s']:,.1f}/s, "
              f"{mail['all_after_load_per_s']:,.1f}/s after the load"
              if mail.get("all_after_load_per_s") and mail["all_emails_in_window"] > mail["received"] else "")
    return ["e-mail receipts to the SMTP sink", mail.get("emails_per_s"), mail.get("p50_ms"), mail.get("p99_ms"),
            mail["missing"], f"receipts/s, first 201 to last receipt in the sink; {mail['received']} of "
            f"{mail['expected']} in {mail.get('seconds')} s{twice}{tail}{others}"]


def _watcher_rows(watcher):
    """Load, first sweep, the outbox rows it left for the relay, and the steady-state sweep."""
    if not watcher or "error" in watcher:
        return []
    load, first, drain, second = watcher["load"], watcher["first_sweep"], watcher["outbox_drain"], \
        watcher["second_sweep"]
    size = load["size_mib"]
    emitted = first["emitted"]
    return [
        [f"watcher, load {load['cases']:,} open cases", load["cases_per_s"], None, None, None,
         f"cases/s in one INSERT … SELECT ({load['seconds']} s); table {size['total']} MiB "
         f"({size['heap']} heap + {size['indexes']} indexes)"],
        ["watcher, first sweep", _per_s(first["signals"], first["seconds"]), None, None, None,
         f"signals/s; {first['seconds']:.2f} s, {first['cases_read']:,} cases read, {first['signals']:,} "
         f"signals ({emitted['warning']:,} warnings, {emitted['escalation']:,} escalations, "
         f"{emitted['breach']:,} breaches)"],
        ["watcher, outbox rows left to the relay", drain["per_s"], None, None, drain["unsent_after"],
         f"events/s published by the relay's batches; {drain['published']:,} of {first['signals']:,} were not "
         f"published right after their commit ({drain['seconds']:.1f} s)"],
        ["watcher, second sweep (steady state)", _per_s(second["cases_read"], second["seconds"]), None, None,
         second["signals"],
         f"due cases read/s; {second['seconds']:.2f} s, {second['cases_read']:,} cases read again, "
         f"{second['claims']:,} signal claims, all already taken"],
    ]


def _per_s(count, seconds):
    return round(count / seconds, 1) if seconds else None


def _print_cpu(system, cores):
    """Where the time went at each level: cores kept busy on average (the machine has `cores`), and
    what intake's database connections were doing."""
    levels = system.get("levels", [])
    if not levels:
        return
    first = ["intake", "gateway", "PostgreSQL", "RabbitMQ", "bench client"]
    found = {name for level in levels for name in (level.get("cores_busy") or {})}
    names = [n for n in first if n in found] + sorted(found - set(first) - {"other", "machine"}) + \
        [n for n in ("other", "machine") if n in found]
    rows = [[f"system, {level['concurrency']} client(s)", *(level["cores_busy"].get(n) for n in names),
             level["database"]["db_in_transaction"], level["database"]["db_waiting_on_lock"]]
            for level in levels]
    print(f"\ncores busy during each level (of {cores}; 1.0 = one core all the time), and intake's database "
          "connections in a transaction / waiting on a lock (mean of samples every 20 ms):")
    print(format_table(["level", *names, "db in tx", "db lock wait"], rows, decimals=2))


def _print_errors(system):
    for level in [system["warmup"], *system["levels"]]:
        if level["errors"]:
            print(f"\nerrors at {level['concurrency']} client(s): {level['error_kinds']}")
            for sample in level["error_samples"]:
                print(f"  {sample}")


def _print_outbox(system):
    outbox = system["outbox"]
    if outbox["unsent"] == 0:
        state = f"drained {outbox['drained_after_s']} s after the last request"
    else:
        state = f"NOT DRAINED: {outbox['unsent']} rows unsent"
    queues = ", ".join(f"{queue} {depth}" for queue, depth in system["subscriber_queues"].items())
    print(f"\nintake outbox: {outbox['rows']} rows for {system['accepted_total']} accepted applications "
          f"(warm-up included), {state}; messages in the subscriber queues: {queues}")


def _print_mail(mail):
    """What the e-mail row measures, what notify's own table says, and where the time went."""
    if not mail:
        return
    if mail["missing"]:
        state = f"{mail['missing']} STILL MISSING after waiting {mail['timeout_s']:.0f} s"
    else:
        state = f"all in the sink {mail['waited_s']} s after the outbox check"
    line = (f"\nnotify's receipts: one e-mail per accepted application (warm-up included): intake's event, "
            f"notify's queue, then notify's delivery loop (every {mail.get('deliver_seconds')} s, at most "
            f"{mail.get('email_per_pass')} e-mails a pass (EMAIL_PER_MINUTE={mail.get('email_per_minute')}), "
            f"notify's EMAIL_CONCURRENCY (default 4) at a time, each on its own SMTP connection, a receipt with its "
            f"PDF fetched from intake over "
            f"RPC first) to the SMTP sink, which writes it as a file. e-mails/s counts the receipts from the first "
            f"201 to the last one in the sink; p50/p99 are each application's 201 → its file's mtime. "
            f"{mail['received']} of {mail['expected']} received, {state}")
    if mail["duplicates"] or mail["unknown_receipts"]:
        line += f"; {mail['duplicates']} receipts twice, {mail['unknown_receipts']} receipts of no accepted request"
    if mail["other_messages"]:
        subjects = ", ".join(f"{count} × \"{subject}\"" for subject, count in mail["other_subjects"].items())
        line += (f"; besides, {mail['other_messages']} other e-mails through the same loop ({subjects}: staff "
                 f"are e-mailed in Istanbul working hours only, so a run at night sends none), "
                 f"{mail.get('all_emails_in_window')} e-mails in all by the last receipt")
    if mail.get("load_seconds") is not None:
        line += (f". The load lasted {mail['load_seconds']} s, with {mail['during_load']} receipts in the sink by "
                 f"its end; the other {mail['after_load']} came in the {mail['after_load_seconds']} s after it "
                 f"({mail['all_after_load']} e-mails in all)")
    print(line + ".")
    notify = mail.get("notify") or {}
    if "error" in notify:
        print(f"notify's own records could not be read: {notify['error']}")
    elif notify:
        outcomes = ", ".join(f"{o['channel']} {o['kind']} {o['status']} {o['count']}"
                             + (f" ({o['retried']} after more than one attempt, up to {o['max_attempts']})"
                                if o["retried"] else "") for o in notify["outcomes"])
        print(f"notify's records (its notifications table): {outcomes or 'none'}; the e-mails sent went in "
              f"{notify['email_transactions']} delivery transactions; receipts queued → sent p50 "
              f"{_cell(notify['queued_to_sent_p50_ms'])} ms, p99 {_cell(notify['queued_to_sent_p99_ms'])} ms")
        for error in notify["last_errors"]:
            print(f"  {error['count']} × {error['error']}")
    busy = mail.get("cores_busy") or {}
    if busy:
        shown = ", ".join(f"{name} {value:.2f}" for name, value in sorted(busy.items(), key=lambda kv: -kv[1])
                          if name != "machine" and value >= 0.01)
        print(f"cores busy while waiting for the receipts ({mail['waited_s']} s): {shown}; machine "
              f"{busy.get('machine', 0):.2f}")


def _print_watcher(watcher):
    if watcher is None:
        return
    if "error" in watcher:
        print(f"\nTHE DEADLINE WATCHER PROBE FAILED: {watcher['error']}")
        print("\n".join(watcher.get("stderr") or []))
        return
    load, second, explain = watcher["load"], watcher["second_sweep"], watcher["explain"]
    shares = load["shares"]
    print(f"\ndeadline watcher, today {watcher['today']} (Europe/Istanbul), warnings up to "
          f"{watcher['warning_horizon']}: of {shares['open']:,} open cases {shares['past_internal']:,} past their "
          f"internal date ({shares['past_legal']:,} of them past the legal one) and {shares['in_warning_window']:,} "
          f"in the warning window. The second sweep read them all again ({watcher['reading_only']['seconds']:.2f} s "
          f"of its {second['seconds']:.2f} s is the page queries alone). The watcher's query "
          f"(open cases by internal_due_on, 500 a page): {explain['access']}"
          f"{' on cases_open_internal_due' if explain['uses_cases_open_internal_due'] else ''}, "
          f"{explain['execution_time']} for the first page (EXPLAIN ANALYZE, after the sweeps)"
          f"{_later_page(explain.get('later_page'))}.")
    names = ("watcher", "PostgreSQL", "RabbitMQ", "other", "machine")
    rows = [[label, *((part.get("cores_busy") or {}).get(name) for name in names)]
            for label, part in (("bulk load", load), ("first sweep", watcher["first_sweep"]),
                                ("outbox rows left to the relay", watcher["outbox_drain"]),
                                ("second sweep", second))]
    print("cores busy during each step (PostgreSQL: the watcher database's backends and the server's processes):")
    print(format_table(["step", *names], rows, decimals=2))


def _later_page(page):
    if not page:
        return ""
    return (f", {page['execution_time']} for page {page['page']} ({page['access']}, "
            f"{page['rows_removed_by_filter']} rows of the previous page's last date read again and filtered out)")


def _print_ratios(ratios):
    print()
    for key in ("system_vs_postgres", "system_vs_rabbitmq"):
        value = ratios.get(key)
        shown = "-" if value is None else f"{value:.3f}"
        print(f"{key} = {shown}: {ratios['explanations'][key]}")


# -- press's archive and feed reader (bench.press_archive) ---------------------------------------------
def _press_succeeded(press):
    """True when there was no press run, or it finished, stored every feed item once and emitted nothing."""
    if press is None:
        return True
    if "error" in press:
        return False
    ingest = press.get("ingest") or {}
    expected = ingest.get("feeds", 0) * ingest.get("items_per_feed", 0)
    return ingest.get("stored_from_feeds") == expected and not press.get("events_emitted")


def _press_rows(press):
    """Load, archive search (p95 in the detail), feed items stored/s, unchanged feeds re-read/s."""
    if not press or "error" in press:
        return []
    load, search = press["load"], press["search"]
    size = load["size_mib"]
    kinds = ", ".join(f"{kind} {part['p95_ms']:,.0f}" for kind, part in search["by_kind"].items() if part["count"])
    rows = [
        [f"press, load {load['clippings']:,} clippings", load["per_s"], None, None, None,
         f"clippings/s by COPY, {load['streams']} at once ({load['seconds']:.0f} s); table {size['total']} MiB "
         f"({size['heap']} heap + {size['indexes']} indexes, GIN {size['search_index']})"],
        [f"press, archive search ({load['clippings']:,} clippings)", search["per_s"], search["p50_ms"],
         search["p99_ms"], None,
         f"searches/s one at a time; p95 {search['p95_ms']:,.1f} ms; p95 ms by kind: {kinds}"],
    ]
    ingest = press.get("ingest")
    if ingest:
        first, refetch = ingest["first"], ingest["refetch"]
        expected = ingest["feeds"] * ingest["items_per_feed"]
        rows.append(["press, feed items ingested", ingest["items_per_s"], None, None,
                     expected - ingest["stored_from_feeds"],
                     f"items/s, first request to last clipping stored; {first['counts']['new']:,} items from "
                     f"{ingest['feeds']} feeds in {first['seconds']:.2f} s"])
        rows.append(["press, unchanged feeds re-read (304)", refetch["per_s"], None, None,
                     refetch["fetches"] - refetch["not_modified"],
                     f"re-reads/s; {refetch['not_modified']:,} in {refetch['seconds']:.2f} s "
                     f"({refetch['ms_each']} ms each)"])
    return rows


def _print_press(press):
    """Search latency by kind, the plans of typical searches, where the feed reader's time went, and
    the press figures beside this run's raw PostgreSQL commits."""
    if press is None:
        return
    if "error" in press:
        print(f"\nTHE PRESS PROBE FAILED: {press['error']}")
        print("\n".join(press.get("stderr") or []))
        return
    load, search, bare = press["load"], press["search"], press["bare_match"]
    print(f"\npress's part took {press.get('seconds')} s. Its archive: {load['clippings']:,} clippings "
          f"{str(load['first'])[:10]} – {str(load['last'])[:10]} "
          f"({load['mean_text_chars']} characters of title and summary on average, {load['with_tone']:,} with a "
          f"tone), loaded in {load['seconds']:.0f} s into the table with its indexes, VACUUM ANALYZE "
          f"{load['vacuum_analyze_seconds']:.0f} s. "
          f"{search['searches']} searches through press.archive.search (the search_clippings RPC), one at a time, "
          f"{search['page']} a page, after {search['warmup']} untimed ones; the same text queries as a bare GIN "
          f"lookup (first page, no rank, no total): p50 {bare['p50_ms']} ms, p95 {bare['p95_ms']} ms.")
    rows = [[kind, part["count"], part["p50_ms"], part["p95_ms"], part["p99_ms"], part["max_ms"], part["sql_p95_ms"],
             part["matches_p50"]] for kind, part in [*search["by_kind"].items(), ("all", search)] if part["count"]]
    print(format_table(["searches", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "SQL p95 ms", "matches p50"],
                       rows))
    slow = ", ".join(f"{run['query']} {_filters(run['filters'])}{run['ms']:,.0f} ms ({run['total']:,} matches)"
                     for run in search["slowest"][:5])
    print(f"slowest: {slow}")
    for name, plan in (press.get("explain") or {}).items():
        access = "GIN index clippings_search" if plan["uses_gin_index"] else \
            "SEQ SCAN" if plan["seq_scan"] else "no GIN index"
        print(f"EXPLAIN ANALYZE, {name} ({plan['query']} {_filters(plan['filters'])}{plan['total']:,} matches): "
              f"{access}{', JIT' if plan['jit'] else ''}, {plan['execution_time']}")
    typical = (press.get("explain") or {}).get("typical")
    if typical:
        print("\n".join("    " + line for line in typical["plan"]))
    ingest = press.get("ingest")
    if ingest:
        first, refetch = ingest["first"], ingest["refetch"]
        spent = first["spent"]
        print(f"feeds: {ingest['feeds']} local RSS feeds of {ingest['items_per_feed']} new items each "
              f"({ingest['feed_bytes'] / 1024:,.0f} KiB), read by press.ingest.fetch_due (the fetch_feeds timer): "
              f"{first['seconds']:.2f} s, of which fetching and parsing {spent['fetch']:.2f} s, relevance and tone "
              f"{spent['keep'] - spent['insert']:.2f} s, inserts {spent['insert']:.2f} s; "
              f"{ingest['stored_from_feeds']:,} clippings stored. Then {refetch['rounds']} rounds of the same feeds "
              f"unchanged: {refetch['not_modified']:,} answers 304 in {refetch['seconds']:.2f} s (fetching "
              f"{refetch['spent']['fetch']:.2f} s of it); the feed server's answers: {ingest['feed_answers']}.")
    steps = [("load", load), ("searches", search)]
    if ingest:
        steps += [("feed items", ingest["first"]), ("304 re-reads", ingest["refetch"])]
    names = ("press", "PostgreSQL", "feed server", "other", "machine")
    print("cores busy during each step (PostgreSQL: the press database's backends and the server's processes):")
    print(format_table(["step", *names], [[label, *((part.get("cores_busy") or {}).get(n) for n in names)]
                                          for label, part in steps], decimals=2))
    for key, value in (press.get("ratios") or {}).items():
        print(f"{key} = {value}: {RATIO_EXPLANATIONS[key]}")


def _filters(filters):
    return "".join(f"{name}={value} " for name, value in (filters or {}).items())


# -- the end-to-end stages (bench.end_to_end) ----------------------------------------------------------
def _end_to_end_rows(e2e):
    """One row: applications through to the SMTP sink per second, and POST → receipt p50/p99."""
    if not e2e or "error" in e2e or not e2e.get("complete"):
        return []
    whole = e2e["stages"]["post_to_sink"]
    return [["end to end, POST → receipt in the sink", e2e.get("through_per_s"), whole["p50_ms"], whole["p99_ms"],
             e2e["applications"] - e2e["complete"],
             f"applications/s, first POST to last receipt ({e2e.get('through_seconds')} s); errors: applications "
             f"without every stage recorded"]]


def _print_end_to_end(e2e, cores):
    """The stages of every application, by level; the milestones after the 201; CPU per application and
    memory per process; the ratios to this run's raw figures."""
    if not e2e:
        return
    if "error" in e2e:
        print(f"\nthe end-to-end stages could not be read: {e2e['error']}")
        return
    print(f"\nend to end (issue 8): {e2e['complete']} of {e2e['applications']} accepted applications (warm-up "
          f"included) with every stage recorded; {e2e.get('through_per_s')} applications/s from the first POST to "
          f"the last receipt in the sink ({e2e.get('through_seconds')} s). Wall-clock times of one machine: "
          f"posted/201 by this client; stored = intake's applications.created_at, opened = routing's "
          f"cases.opened_at, queued = notify's notifications.created_at (each now(): its transaction's start); "
          f"in the sink = the .eml file's mtime; sent = notify's sent_at (clock_timestamp() after the SMTP "
          f"conversation). Shares are of the mean POST → sink, over the receipt's path.")
    rows = [[part["label"], part["p50_ms"], part["p99_ms"], part["mean_ms"],
             None if part.get("share") is None else round(100 * part["share"], 1)]
            for part in e2e["stages"].values()]
    print(format_table(["stage, all applications", "p50 ms", "p99 ms", "mean ms", "share %"], rows))
    rows = [[part["label"], part["p50_ms"], part["p99_ms"], part["min_ms"], part["max_ms"]]
            for part in e2e["milestones"].values()]
    print("each milestone after the application's 201 (negative: before the 201 came back):")
    print(format_table(["milestone", "p50 ms", "p99 ms", "min ms", "max ms"], rows))
    keys = ("post_to_stored", "stored_to_answered", "stored_to_opened", "stored_to_queued", "queued_to_sink",
            "post_to_sink")
    heads = ("POST→stored", "stored→201", "stored→case", "stored→queued", "queued→sink", "POST→sink")
    rows = []
    for level in e2e["by_level"]:
        stages = level["stages"]
        rows.append([level["level"], level["accepted_per_s"], level["complete"],
                     *(f"{_cell(stages[k]['p50_ms'], 0)} / {_cell(stages[k]['p99_ms'], 0)}" for k in keys)])
    print("by level (p50 / p99 ms; the levels run one after the other, so receipts still queued from a level "
          "wait behind the next one's):")
    print(format_table(["level", "accepted/s", "n", *heads], rows))
    cpu = e2e.get("cpu_ms_per_application") or {}
    if cpu:
        shown = ", ".join(f"{name} {value:.1f}" for name, value in cpu.items() if name not in ("machine", "other")
                          and value >= 0.05)
        print(f"CPU per application over the whole way ({e2e['seconds']} s, warm-up to the last receipt), ms: "
              f"{shown}; other {cpu.get('other', 0):.1f}; machine {cpu.get('machine', 0):.1f} (of {cores} cores)")
    after, end = e2e.get("memory_after_load") or {}, e2e.get("memory_at_end") or {}
    if end:
        rows = [[name, (after.get(name) or {}).get("rss_mib"), (end.get(name) or {}).get("rss_mib"),
                 (end.get(name) or {}).get("peak_mib")] for name in end]
        print("memory per process, MiB (VmRSS when the load ended and at the end; VmHWM: the peak since it started):")
        print(format_table(["process", "RSS, load ended", "RSS, at end", "peak (VmHWM)"], rows))
    transactions = e2e.get("transactions")
    if transactions:
        by_db = ", ".join(f"{name} {count:,}" for name, count in sorted(transactions["by_database"].items(),
                                                                         key=lambda kv: -kv[1]))
        print(f"transactions committed in the platform's databases over the whole way: {by_db} "
              f"({transactions['per_application']} per application; read-only ones and idle polling included, "
              f"the level sampler's {transactions['sampler_subtracted']:,} left out)")
    for key, value in (e2e.get("ratios") or {}).items():
        print(f"{key} = {value}: {end_to_end.RATIO_EXPLANATIONS[key]}")


# -- contacts' search (bench.contacts_search) ----------------------------------------------------------
def _contacts_succeeded(contacts):
    """True when there was no contacts run, or its probe finished and searching emitted nothing."""
    if contacts is None:
        return True
    return "error" not in contacts and not contacts.get("events_emitted")


def _contacts_rows(contacts):
    """Load, and search (p95 in the detail)."""
    if not contacts or "error" in contacts:
        return []
    load, search = contacts["load"], contacts["search"]
    kinds = ", ".join(f"{kind} {part['p95_ms']:,.0f}" for kind, part in search["by_kind"].items() if part["count"])
    size = load["size_mib"]
    return [
        [f"contacts, load {load['contacts']:,} records", load["per_s"], None, None, None,
         f"records/s by COPY with their points and roles ({load['seconds']:.1f} s); contacts "
         f"{size['contacts']['total']} MiB (trigram GIN {size['contacts_search_trgm']}), points "
         f"{size['contact_points']['total']}, roles {size['roles']['total']}"],
        [f"contacts, search ({load['contacts']:,} records)", search["per_s"], search["p50_ms"], search["p99_ms"], None,
         f"searches/s one at a time; p95 {search['p95_ms']:,.1f} ms, max {search['max_ms']:,.0f}; p95 ms by kind: "
         f"{kinds}"],
    ]


def _print_contacts(contacts):
    """Search latency by kind and by variant, the slowest, the plans, and the ratios."""
    if contacts is None:
        return
    if "error" in contacts:
        print(f"\nTHE CONTACTS PROBE FAILED: {contacts['error']}")
        print("\n".join(contacts.get("stderr") or []))
        return
    load, search = contacts["load"], contacts["search"]
    kinds = load["by_kind"]
    print(f"\ncontacts' part took {contacts.get('seconds')} s. Its bank: {load['contacts']:,} records "
          f"({kinds.get('person', 0):,} people, {kinds.get('organisation', 0):,} organisations, {load['merged']:,} "
          f"merged into another), {load['roles']:,} roles ({load['ended_roles']:,} ended), contact points "
          f"{load['points']}; search text {load['search_text_mean_chars']:.0f} characters "
          f"({load['search_text_mean_words']} words) on average; made in {load['made_seconds']:.1f} s by contacts' "
          f"records.row_of, loaded in {load['seconds']:.1f} s, VACUUM ANALYZE {load['vacuum_analyze_seconds']:.1f} s; "
          f"pg_trgm.word_similarity_threshold {load['word_similarity_threshold']}. {search['searches']} searches "
          f"through contacts.search.search (the search_contacts RPC), one at a time, {search['page']} a page, after "
          f"{search['warmup']} untimed ones; {search['fell_back']} fell back to the either-way query, "
          f"{search['no_match']} found nothing.")
    rows = [[kind, part["count"], part["p50_ms"], part["p95_ms"], part["p99_ms"], part["max_ms"], part["match_p95_ms"],
             part["probe_p95_ms"], part["read_p95_ms"], part["matches_p50"],
             f"{part['target_found']}/{part['with_target']}" if part["with_target"] else "-",
             part["no_match"], part["fell_back"]]
            for kind, part in [*search["by_kind"].items(), ("all", search)] if part["count"]]
    print(format_table(["searches", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "match p95", "probes p95",
                        "read p95", "matches p50", "found", "none", "fallback"], rows))
    print("(match: storage.search's statement(s); probes: storage.occurs, one per term; read: records.read of the "
          "page; found: the record the query was made from on the first page)")
    rows = [[name, part["count"], part["p50_ms"], part["p95_ms"], part["matches_p50"],
             f"{part['target_found']}/{part['with_target']}" if part["with_target"] else "-", part["no_match"]]
            for name, part in search.get("variants", {}).items()]
    print(format_table(["variant", "n", "p50 ms", "p95 ms", "matches p50", "found", "none"], rows))
    slow = ", ".join(f"{run['query'] or '-'} {_filters(run['filters'])}{run['ms']:,.0f} ms ({run['total']:,} matches)"
                     for run in search["slowest"][:5])
    print(f"slowest: {slow}")
    for name, plan in (contacts.get("explain") or {}).items():
        scans = "; ".join(dict.fromkeys(scan for statement in plan["statements"] if statement["what"] == "match"
                                        for scan in statement["access"]))
        print(f"EXPLAIN ANALYZE, {name} ({plan['query'] or '-'} {_filters(plan['filters'])}{plan['total']:,} "
              f"matches): probes {plan['probe_ms']} ms, match {plan['match_ms']} ms: {scans}"
              f"{', JIT' if plan['jit'] else ''}")
    for name in ("full name", "slowest SQL"):
        plan = (contacts.get("explain") or {}).get(name)
        if plan and plan["plan"]:
            print(f"  the plan of the match statement, {name} ({plan['query'] or '-'} {_filters(plan['filters'])}):")
            shown = [line for line in plan["plan"]
                     if not line.strip().startswith(("Buffers:", "Planning:")) or "temp" in line]
            print("\n".join("    " + line for line in shown))
    steps = [("load", load), ("searches", search)]
    names = ("contacts", "PostgreSQL", "other", "machine")
    print("cores busy during each step (PostgreSQL: the contacts database's backends and the server's processes):")
    print(format_table(["step", *names], [[label, *((part.get("cores_busy") or {}).get(n) for n in names)]
                                          for label, part in steps], decimals=2))
    for key, value in (contacts.get("ratios") or {}).items():
        print(f"{key} = {value}: {contacts_search.RATIO_EXPLANATIONS[key]}")
