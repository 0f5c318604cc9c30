"""Contacts' search over many records (issue 6), in a process of its own (started by
`bench.contacts_search`).

    BENCH_CONTACTS_DB_URL=postgresql://... python -m bench.contacts_probe --contacts N --searches S

Like `bench.press_probe`, it first does what `nameko run` gives a service (eventlet's monkey-patching, a
green psycopg2), in this process only. The database is the parent's fresh one, empty; this process
applies contacts' migrations with servicekit's helper (as contacts' `Database` does at start; the first
creates pg_trgm), seeds the precedence list (as the service does at start), COPYs N records with their
contact points and roles into it (`bench.contacts_corpus`, the rows made by contacts' own
`records.row_of`), `VACUUM ANALYZE`, then:

1. runs S searches through `contacts.search.search`, what the `search_contacts` RPC calls, over
   servicekit's `Store` and pool, 50 a page (the RPC's and `GET /api/v1/contacts`' default), one after
   another, each timed, with the time of its SQL by statement (the literal-occurrence probes, the
   match query, the page's records read) from wrapping the module functions `search.search` calls;
2. `EXPLAIN (ANALYZE, BUFFERS)` of the very statements `contacts.storage.search` sends for typical
   queries and for the search of the run whose SQL took longest.

It prints its figures as one JSON object on stdout.
"""
import eventlet

eventlet.monkey_patch()

from servicekit.green import make_green  # noqa: E402  (after the patching, before psycopg2 is used)

make_green()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import psycopg2  # noqa: E402
import psycopg2.extensions  # noqa: E402

from bench.contacts_corpus import (CONTACT_COLUMNS, NEIGHBOURHOODS, POINT_COLUMNS, ROLE_COLUMNS, SEED,  # noqa: E402
                                   TAGS, ContactsCorpus)
from bench.cpu import Meter  # noqa: E402
from bench.stats import percentile  # noqa: E402
from contacts import phones, protocol, records, search, storage  # noqa: E402
from servicekit.db import Pool, Store  # noqa: E402
from servicekit.migrations import apply_migrations  # noqa: E402
from servicekit.turkish import fold, lower  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MIGRATIONS = REPO / "services" / "contacts" / "migrations"
POOL_SIZE = 4
PAGE = 50                   # the default page of the search RPC and of GET /api/v1/contacts
WARMUP_SEARCHES = 20
ACTOR = {"id": "bench", "role": "pr_officer", "directorate": None}
KINDS = ("full name", "partial name", "misspelt", "folded", "organisation", "filter", "phone", "e-mail")
SIZES = """
SELECT relname, pg_relation_size(oid) AS heap, pg_indexes_size(oid) AS indexes, pg_total_relation_size(oid) AS total
FROM pg_class WHERE relname IN ('contacts', 'contact_points', 'roles') ORDER BY relname
"""


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.contacts_probe")
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--searches", type=int, required=True)
    parser.add_argument("--parent-pid", type=int, default=os.getppid())
    args = parser.parse_args(argv)
    result = probe(os.environ["BENCH_CONTACTS_DB_URL"], args.contacts, args.searches, args.parent_pid)
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


class _NoEvents:
    """Store's relay: searching emits no event, so no broker is needed; should it ever emit one, the
    probe says so instead of publishing nowhere."""

    def __init__(self):
        self.emitted = 0

    def publish(self, ids=None):
        self.emitted += len(ids or ())
        return 0


def probe(db_url, count, searches, parent_pid):
    result = {"contacts": count}
    meter = _meter(db_url, parent_pid)
    started = time.perf_counter()
    result["migrations"] = apply_migrations(db_url, MIGRATIONS)
    result["migrations_seconds"] = _since(started)
    relay = _NoEvents()
    pool = Pool(db_url, POOL_SIZE)
    store = Store(pool, relay, "contacts")
    protocol.seed(store, None)  # what the service does at start (the precedence list); search does not need it
    corpus = ContactsCorpus(SEED)
    result["load"] = _load(db_url, corpus, count, meter)
    queries = _queries(corpus, searches, random.Random(SEED))
    result["search"] = _search(store, queries, meter)
    result["explain"] = _explain(store, corpus, result["search"])
    result["events_emitted"] = relay.emitted
    pool.close()
    return result


def _meter(db_url, parent_pid):
    """Cores busy in this process ("contacts"), in PostgreSQL (this database's backends and the server's
    own processes) and in everything else."""
    database = db_url.rsplit("/", 1)[1]
    me = os.getpid()

    def classify(pid, comm, cmdline):
        if pid == me:
            return "contacts"
        if comm == "postgres" and (database in cmdline or "(" not in cmdline):
            return "PostgreSQL"
        return None

    return Meter(classify)


# -- the bank ---------------------------------------------------------------------------------------
def _load(db_url, corpus, count, meter):
    """Make the records (contacts' own row_of and point normalisation), COPY them into the tables as the
    migrations made them (the trigram GIN index and the others kept up to date as rows arrive), then
    VACUUM ANALYZE (what autovacuum would have done to a bank that grew slowly)."""
    started = time.perf_counter()
    contacts, points, roles = corpus.copy_text(count)
    made_seconds = _since(started)
    # COPY refuses a green connection (psycopg2 allows no wait callback there): a plain one, then green again
    psycopg2.extensions.set_wait_callback(None)
    try:
        conn = psycopg2.connect(db_url)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                meter.start()
                started = time.perf_counter()
                for table, columns, text in (("contacts", CONTACT_COLUMNS, contacts),
                                             ("contact_points", POINT_COLUMNS, points),
                                             ("roles", ROLE_COLUMNS, roles)):
                    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", text, size=1 << 16)
                seconds = _since(started)
                cores = meter.stop(seconds)
                started = time.perf_counter()
                cur.execute("VACUUM ANALYZE contacts")
                cur.execute("VACUUM ANALYZE contact_points")
                cur.execute("VACUUM ANALYZE roles")
                vacuum_seconds = _since(started)
                cur.execute(SIZES)
                sizes = {name: {"heap": round(heap / 2**20, 1), "indexes": round(indexes / 2**20, 1),
                                "total": round(total / 2**20, 1)} for name, heap, indexes, total in cur.fetchall()}
                cur.execute("SELECT round(pg_relation_size('contacts_search_trgm') / 1048576.0, 1)")
                sizes["contacts_search_trgm"] = float(cur.fetchone()[0])
                cur.execute("SELECT kind, count(*) FROM contacts GROUP BY kind")
                kinds = dict(cur.fetchall())
                cur.execute("SELECT count(*), round(avg(length(search_text))), "
                            "round(avg(array_length(regexp_split_to_array(search_text, ' '), 1)), 1) FROM contacts")
                loaded, mean_chars, mean_words = cur.fetchone()
                cur.execute("SELECT kind, count(*) FROM contact_points GROUP BY kind")
                point_counts = dict(cur.fetchall())
                cur.execute("SELECT count(*), count(*) FILTER (WHERE ended_on IS NOT NULL) FROM roles")
                role_count, ended = cur.fetchone()
                cur.execute("SHOW pg_trgm.word_similarity_threshold")
                threshold = cur.fetchone()[0]
        finally:
            conn.close()
    finally:
        make_green()
    return {"contacts": loaded, "by_kind": kinds, "categories": corpus.counts["categories"],
            "merged": corpus.counts["merged"], "points": point_counts, "roles": role_count, "ended_roles": ended,
            "search_text_mean_chars": float(mean_chars), "search_text_mean_words": float(mean_words),
            "made_seconds": made_seconds, "seconds": seconds, "per_s": round(loaded / seconds, 1) if seconds else None,
            "vacuum_analyze_seconds": vacuum_seconds, "size_mib": sizes, "cores_busy": cores,
            "word_similarity_threshold": threshold}


# -- the query mix ----------------------------------------------------------------------------------
def _typo(word, rng):
    """One slip of the fingers in `word` (lower case): a letter left out, two swapped, one doubled, or a
    neighbour on the Turkish Q keyboard; never the first letter."""
    if len(word) < 4:
        return word
    keyboard = "qwertyuıopğü asdfghjklşi zxcvbnmöç"
    i = rng.randrange(1, len(word))
    how = rng.choice(("drop", "drop", "swap", "double", "near"))
    if how == "drop":
        return word[:i] + word[i + 1:]
    if how == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    at = keyboard.find(word[i])
    if at <= 0 or keyboard[at - 1] == " ":
        return word[:i] + word[i + 1:]
    return word[:i] + keyboard[at - 1] + word[i + 1:]


def _queries(corpus, count, rng):
    """`count` searches, the kinds in turn, drawn from the records made (a sample of every 25th)."""
    people = corpus.people
    with_phone = [p for p in people if p["phones"]]
    with_email = [p for p in people if p["emails"]]
    turkish = [p for p in people if fold(p["full_name"]) != lower(p["full_name"])]
    organisations = corpus.organisations
    made = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        filters, variant = {}, None
        person = rng.choice(people)
        words = person["full_name"].split()
        if kind == "full name":
            query = person["full_name"]
        elif kind == "partial name":
            how = rng.randrange(3)
            variant = ("surname", "first name and 3 letters", "start of a surname")[how]
            if how == 0:
                query = words[-1]                                    # the surname alone: "Öztürk"
            elif how == 1:
                query = f"{words[0]} {words[-1][:3]}"                # "Ayşe Kar"
            else:
                query = lower(words[-1][:max(3, len(words[-1]) - 2)])  # the start of a surname: "özdem"
        elif kind == "misspelt":
            variant = "every word" if n // len(KINDS) % 2 else "one word"
            if variant == "every word":  # every other one: a slip in every word, "mehmt yılmz"
                query = " ".join(_typo(lower(word), rng) for word in words)
            else:                    # else in one word: "mehmet yılmz"
                at = rng.randrange(len(words))
                query = " ".join(_typo(lower(word), rng) if i == at else lower(word) for i, word in enumerate(words))
        elif kind == "folded":
            person = rng.choice(turkish)
            words = person["full_name"].split()
            whole = rng.random() < 0.5
            variant = "whole name" if whole else "surname"
            query = fold(person["full_name"]) if whole else fold(words[-1])  # "isik" for "Işık"
        elif kind == "organisation":
            organisation = rng.choice(organisations)
            significant = [w for w in organisation["name"].split() if len(w) > 3 and w != "Gaziemir"] or \
                organisation["name"].split()
            variant = "role and place" if rng.random() < 0.25 else "words of a name"
            if variant == "role and place":
                query = f"muhtar {rng.choice(NEIGHBOURHOODS)}"           # a role and a place
            else:
                at = rng.randrange(len(significant))
                query = " ".join(significant[at:at + rng.choice((1, 2))])  # "esnaf odası", "Yeni Asır"
        elif kind == "filter":
            how = rng.randrange(6)
            variant = ("category alone", "neighbourhood and tag", "surname in a neighbourhood",
                       "muhtar of a neighbourhood", "first name among journalists", "tag alone")[how]
            neighbourhood, tag = rng.choice(NEIGHBOURHOODS), rng.choice(TAGS)
            if how == 0:
                query, filters = "", {"category": rng.choice(("muhtar", "gazeteci", "ilce_protokolu", "il_protokolu",
                                                              "dernek", "egitim_kurumu", "medya", "stk"))}
            elif how == 1:
                query, filters = "", {"neighbourhood": neighbourhood, "tag": tag}
            elif how == 2:
                query, filters = words[-1], {"neighbourhood": neighbourhood}
            elif how == 3:
                query, filters = "", {"category": "muhtar", "neighbourhood": neighbourhood}
            elif how == 4:
                query, filters = words[0], {"category": "gazeteci"}
            else:
                query, filters = "", {"tag": tag}
        elif kind == "phone":
            person = rng.choice(with_phone)
            shown = phones.display(person["phones"][0])                  # "0532 111 22 33"
            query = shown if rng.random() < 0.6 else "".join(ch for ch in shown if ch.isdigit())
        else:
            person = rng.choice(with_email)
            email = person["emails"][0]
            query = email if rng.random() < 0.7 else email[0].upper() + email[1:]
        # the record the query was made from, where the searcher means that one: is it on the first page?
        target = str(person["id"]) if kind in ("full name", "misspelt", "phone", "e-mail") or (
            kind == "folded" and whole) else None
        made.append((kind, query, filters, target, variant))
    return made


# -- the searches -----------------------------------------------------------------------------------
class _Timed:
    """Wraps the module functions `search.search` calls (what they do is unchanged), adding up their time."""

    def __init__(self):
        self.real = {"probe": storage.occurs, "match": storage.search, "read": records.read}
        self.spent = dict.fromkeys(self.real, 0.0)
        self.calls = Counter()
        self.plans = []

    def _wrap(self, name):
        function = self.real[name]

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[name] += time.perf_counter() - started
                self.calls[name] += 1
                if name == "match":
                    self.plans.append([how for _term, how in args[1]])
        return timed

    def reset(self):
        self.spent = dict.fromkeys(self.real, 0.0)
        self.calls = Counter()
        self.plans = []

    def __enter__(self):
        storage.occurs, storage.search, records.read = (self._wrap("probe"), self._wrap("match"),
                                                        self._wrap("read"))
        return self

    def __exit__(self, *exc):
        storage.occurs, storage.search, records.read = self.real["probe"], self.real["match"], self.real["read"]


def _search(store, queries, meter):
    """Each query as the RPC runs it (`search.search`: the actor's check, the filters, the literal
    probes, the match query and its fallback, the page's records), one after the other from one green
    thread, after untimed ones that bring the pages into memory."""
    for kind, query, filters, _target, _variant in queries[:WARMUP_SEARCHES]:
        search.search(store, query, filters, ACTOR, PAGE, 0)
    runs = []
    with _Timed() as timed:
        meter.start()
        started = time.perf_counter()
        for kind, query, filters, target, variant in queries:
            timed.reset()
            begun = time.perf_counter()
            answer = search.search(store, query, filters, ACTOR, PAGE, 0)
            took = time.perf_counter() - begun
            runs.append({"kind": kind, "variant": variant, "query": query, "filters": filters, "ms": _ms(took),
                         "probe_ms": _ms(timed.spent["probe"]), "match_ms": _ms(timed.spent["match"]),
                         "read_ms": _ms(timed.spent["read"]), "probes": timed.calls["probe"],
                         "match_statements": timed.calls["match"],
                         "how": timed.plans[0] if timed.plans else [], "fell_back": timed.calls["match"] > 1,
                         "total": answer["total"], "returned": len(answer["contacts"]), "target": target,
                         "target_rank": _rank(answer, target)})
        seconds = _since(started)
        cores = meter.stop(seconds)
    by_kind = {kind: _latency([run for run in runs if run["kind"] == kind]) for kind in KINDS}
    pairs = sorted({(run["kind"], run["variant"]) for run in runs if run["variant"]})
    variants = {f"{kind}, {variant}": _latency([run for run in runs if (run["kind"], run["variant"]) == pair])
                for pair in pairs for kind, variant in (pair,)}
    slowest = sorted(runs, key=lambda run: -run["ms"])[:10]
    return {"searches": len(runs), "seconds": seconds, "per_s": round(len(runs) / seconds, 1) if seconds else None,
            "warmup": WARMUP_SEARCHES, "page": PAGE, **_latency(runs), "by_kind": by_kind, "variants": variants,
            "slowest": slowest,
            "fell_back": sum(run["fell_back"] for run in runs), "no_match": sum(run["total"] == 0 for run in runs),
            "runs": runs, "cores_busy": cores}


def _rank(answer, target):
    """1 when the record the query was made from is first on the page, None when it is not on it."""
    if target is None:
        return None
    ids = [contact["id"] for contact in answer["contacts"]]
    return ids.index(target) + 1 if target in ids else None


def _latency(runs):
    values = [run["ms"] for run in runs]
    return {"count": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99), "max_ms": max(values) if values else None,
            "match_p95_ms": percentile([run["match_ms"] for run in runs], 0.95),
            "probe_p95_ms": percentile([run["probe_ms"] for run in runs], 0.95),
            "read_p95_ms": percentile([run["read_ms"] for run in runs], 0.95),
            "matches_p50": percentile([run["total"] for run in runs], 0.5),
            "no_match": sum(run["total"] == 0 for run in runs),
            "fell_back": sum(run["fell_back"] for run in runs),
            "with_target": sum(run["target"] is not None for run in runs),
            "target_found": sum(run["target_rank"] is not None for run in runs),
            "target_first": sum(run["target_rank"] == 1 for run in runs)}


# -- the plans --------------------------------------------------------------------------------------
class _ExplainingCursor:
    """Stands in for the cursor `storage.search` / `storage.occurs` get: every statement is first run
    under `EXPLAIN (ANALYZE, BUFFERS)` (its plan kept), then run as it is, so the service's code is
    unchanged."""

    def __init__(self, cursor, plans, what):
        self.cursor, self.plans, self.what = cursor, plans, what

    def execute(self, sql, params=None):
        statement = self.cursor.mogrify(sql, params).decode()
        if not statement.lstrip().upper().startswith("SELECT"):  # a setting has no plan
            return self.cursor.execute(statement)
        self.cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        self.plans.append({"what": self.what, "sql": statement,
                           "plan": [row["QUERY PLAN"] for row in self.cursor.fetchall()]})
        self.cursor.execute(statement)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def _explain(store, corpus, searched):
    """Plans of a common full name, the same misspelt, a folded surname, the start of a surname, a
    filter alone, and the search of the run whose SQL took longest, through `search.search` itself."""
    names = Counter(p["full_name"] for p in corpus.people)
    common = names.most_common(1)[0][0]
    slowest = max(searched["runs"], key=lambda run: run["match_ms"])  # the slowest SQL: a cost that repeats
    cases = {"full name": (common, {}),
             "misspelt": (" ".join(_typo(lower(w), random.Random(3)) for w in common.split()), {}),
             "folded": ("isik", {}),
             "partial name": ("özdem", {}),
             "filter": ("", {"tag": "gönüllü"}),
             "slowest SQL": (slowest["query"], slowest["filters"])}
    plans = {}
    real_search, real_occurs = storage.search, storage.occurs
    for name, (query, filters) in cases.items():
        found = []
        storage.search = lambda cur, *a, **k: real_search(_ExplainingCursor(cur, found, "match"), *a, **k)
        storage.occurs = lambda cur, *a, **k: real_occurs(_ExplainingCursor(cur, found, "probe"), *a, **k)
        try:
            answer = search.search(store, query, filters, ACTOR, PAGE, 0)
        finally:
            storage.search, storage.occurs = real_search, real_occurs
        matches = [plan for plan in found if plan["what"] == "match"]
        probes = [plan for plan in found if plan["what"] == "probe"]
        plans[name] = {"query": query, "filters": filters, "total": answer["total"],
                       "statements": [{"what": plan["what"], "execution_time": _execution_time(plan["plan"]),
                                       "access": _access(plan["plan"])} for plan in found],
                       "probe_ms": round(sum(_execution_ms(p["plan"]) for p in probes), 2),
                       "match_ms": round(sum(_execution_ms(p["plan"]) for p in matches), 2),
                       "sql": matches[0]["sql"] if matches else None,
                       "plan": matches[-1]["plan"] if matches else [],
                       "seq_scan": any("Seq Scan on contacts" in line for p in found for line in p["plan"]),
                       "jit": any(line.strip().startswith("JIT:") for p in found for line in p["plan"])}
    return plans


def _execution_time(plan):
    return next((line.split(":", 1)[1].strip() for line in plan if line.startswith("Execution Time")), None)


def _execution_ms(plan):
    text = _execution_time(plan)
    return float(text.split()[0]) if text else 0.0


def _access(plan):
    """The scans of the plan, in plan order ("Bitmap Index Scan on contacts_search_trgm", ...)."""
    scans = []
    for line in plan:
        text = line.strip()
        if text.startswith("->"):
            text = text[2:].strip()
        if " Scan " in f" {text} " and (" on " in text or " using " in text):
            scans.append(text.split("  (")[0])
    return scans


def _ms(seconds):
    return round(seconds * 1000, 2)


def _since(started):
    return round(time.perf_counter() - started, 3)


if __name__ == "__main__":
    sys.exit(main())
