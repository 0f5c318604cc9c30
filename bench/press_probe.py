"""Press's clippings archive and feed reader over many clippings, in a process of its own (started by
`bench.press_archive`).

    BENCH_PRESS_DB_URL=postgresql://... BENCH_FEED_URLS=http://127.0.0.1:PORT/feed/0/rss,... \
        python -m bench.press_probe --clippings N --searches S --refetch-rounds R --parent-pid PID

Like `bench.watcher_probe`, it first does what `nameko run` gives a service (eventlet's monkey-patching,
a green psycopg2), in this process only. The database is the parent's fresh one, empty; this process
applies press's migrations with servicekit's helper (as press's `Database` does at start), COPYs N
clippings into it (`bench.press_corpus`), then:

1. runs S archive searches through `press.archive.search`, what the `search_clippings` RPC calls,
   over press's own `Store` and pool, each timed; and the same text queries as a bare index lookup;
2. `EXPLAIN (ANALYZE, BUFFERS)` of the exact statements `press.storage.search_clippings` sends;
3. adds the parent's feeds as sources (`press.archive.add_source`) and reads them with
   `press.ingest.fetch_due`, what the `fetch_feeds` timer calls: every item is new the first time;
   then R rounds later (the clock moved past the interval), every feed answers 304.

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
from datetime import datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import psycopg2  # noqa: E402
import psycopg2.extensions  # noqa: E402

from bench.cpu import Meter  # noqa: E402
from bench.press_corpus import COPY_COLUMNS, OUTLETS, SEED, Corpus  # noqa: E402
from bench.stats import percentile  # noqa: E402
from press import archive, feeds, ingest, inputs, storage  # noqa: E402
from press import settings as press_settings  # noqa: E402
from servicekit.db import Pool, Store  # noqa: E402
from servicekit.migrations import apply_migrations  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MIGRATIONS = REPO / "services" / "press" / "migrations"
POOL_SIZE = 4
PAGE = 50                   # the default page of the search RPC and of GET /api/v1/press/clippings/search
WARMUP_SEARCHES = 20
OFFICER = {"id": "bench", "role": "press_officer", "directorate": None}

# What people type into the archive's search box, by kind. One word: from frequent (the district's
# name is in most clippings) to rare; two words; a phrase in quotes; each also with a month's date
# range, and with a tone or an outlet.
ONE_WORD = ("park", "kreş", "asfalt", "çöp", "konser", "festival", "Emrez", "Sarnıç", "Beyazevler", "kütüphane",
            "ilaçlama", "otopark", "kanalizasyon", "aşevi", "burs", "trafik", "Seydiköy", "havalimanı", "meclis",
            "sel", "Yılmaz", "ESBAŞ", "budama", "Gaziemir", "belediye", "çalışma")
TWO_WORDS = ("Sarnıç asfalt", "Emrez park", "kreş açıldı", "çöp şikâyeti", "konser ilgi", "su kesintisi",
             "Gazikent kütüphane", "trafik kazası", "meclis bütçe", "Akçay kaldırım", "ağaçlandırma fidan",
             "Aktepe ilaçlama", "gıda kolisi", "Gaziemir park")
PHRASES = ('"su baskını"', '"yeni park"', '"hizmete açıldı"', '"trafik kazası"', '"temel atma"',
           '"Emrez Mahallesi"', '"sokak köpekleri"', '"büyük ilgi"', '"kötü koku"', '"yüzme havuzu"')
FILTER_WORDS = ONE_WORD[:22] + TWO_WORDS[:6]
TONE_FILTERS = ("lehte", "aleyhte", "tarafsiz", "none")
KINDS = ("one word", "two words", "phrase", "date range", "tone or outlet")

SIZES = """
SELECT pg_relation_size('clippings') AS heap, pg_indexes_size('clippings') AS indexes,
       pg_total_relation_size('clippings') AS total, pg_relation_size('clippings_search') AS search_index,
       coalesce(pg_total_relation_size(reltoastrelid), 0) AS toast
FROM pg_class WHERE relname = 'clippings'
"""
LOAD_STREAMS = 2        # COPY statements at once (real threads, plain connections)
_real_threading = eventlet.patcher.original("threading")
BARE_MATCH = "SELECT c.id FROM clippings c WHERE c.search @@ press_search_query(%s) LIMIT %s"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.press_probe")
    parser.add_argument("--clippings", type=int, required=True)
    parser.add_argument("--searches", type=int, required=True)
    parser.add_argument("--refetch-rounds", type=int, required=True)
    parser.add_argument("--parent-pid", type=int, default=os.getppid())
    parser.add_argument("--now", help="the corpus's now (ISO), so parent and probe agree")
    args = parser.parse_args(argv)
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
    feed_urls = [url for url in os.environ.get("BENCH_FEED_URLS", "").split(",") if url]
    result = probe(os.environ["BENCH_PRESS_DB_URL"], feed_urls, args.clippings, args.searches,
                   args.refetch_rounds, args.parent_pid, now)
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


class _NoEvents:
    """Store's relay: searching and reading feeds emit no event, so no broker is needed; should they
    ever emit one, the probe says so instead of publishing nowhere."""

    def __init__(self):
        self.emitted = 0

    def publish(self, ids=None):
        self.emitted += len(ids or ())
        return 0


def probe(db_url, feed_urls, clippings, searches, refetch_rounds, parent_pid, now):
    corpus = Corpus(SEED, now)
    result = {"clippings": clippings, "now": now.isoformat(timespec="seconds")}
    meter = _meter(db_url, parent_pid)

    started = time.perf_counter()
    result["migrations"] = apply_migrations(db_url, MIGRATIONS)
    result["migrations_seconds"] = _since(started)
    result["load"] = _load(db_url, corpus, clippings, meter)

    relay = _NoEvents()
    pool = Pool(db_url, POOL_SIZE)
    store = Store(pool, relay, "press")
    queries = _queries(searches, now)
    result["search"] = _search(store, queries, meter)
    result["bare_match"] = _bare_match(store, queries)
    result["explain"] = _explain(store, now)
    result["ingest"] = _ingest(store, db_url, feed_urls, refetch_rounds, now, meter)
    result["events_emitted"] = relay.emitted
    pool.close()
    return result


def _meter(db_url, parent_pid):
    """Cores busy in this process ("press"), in PostgreSQL (this database's backends and the server's
    own processes), in the parent ("feed server": it serves the feeds) and in everything else."""
    database = db_url.rsplit("/", 1)[1]
    me = os.getpid()

    def classify(pid, comm, cmdline):
        if pid == me:
            return "press"
        if pid == parent_pid:
            return "feed server"
        if comm == "postgres" and (database in cmdline or "(" not in cmdline):
            return "PostgreSQL"
        return None

    return Meter(classify)


# -- the archive ------------------------------------------------------------------------------------
def _load(db_url, corpus, count, meter):
    """COPY `count` clippings into the table as the migrations made it (the GIN index and the others
    kept up to date as rows arrive, as press's own inserts keep them), then VACUUM ANALYZE (what
    autovacuum would have done to an archive that grew slowly); sizes and shares as loaded."""
    # COPY refuses a green connection (psycopg2 allows no wait callback there); the load is the bench's,
    # not press's, and nothing else runs meanwhile: plain blocking connections, then green again
    psycopg2.extensions.set_wait_callback(None)
    try:
        # connected before the meter starts and closed after it stops, so their backends' CPU counts
        streams = [psycopg2.connect(db_url) for _ in range(LOAD_STREAMS)]
        try:
            meter.start()
            started = time.perf_counter()
            _copy(streams, corpus, count)
            seconds = _since(started)
            cores = meter.stop(seconds)
        finally:
            for stream in streams:
                stream.close()
        conn = psycopg2.connect(db_url)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                started = time.perf_counter()
                cur.execute("VACUUM ANALYZE clippings")
                vacuum_seconds = _since(started)
                cur.execute(SIZES)
                sizes = dict(zip([c.name for c in cur.description], cur.fetchone()))
                cur.execute("SELECT count(*), min(coalesce(published_at, captured_at)), "
                            "max(coalesce(published_at, captured_at)), count(*) FILTER (WHERE tone IS NOT NULL), "
                            "avg(length(title) + length(summary)) FROM clippings")
                loaded, first, last, toned, text_chars = cur.fetchone()
        finally:
            conn.close()
    finally:
        make_green()
    return {"clippings": loaded, "seconds": seconds, "per_s": round(loaded / seconds, 1) if seconds else None,
            "streams": LOAD_STREAMS, "vacuum_analyze_seconds": vacuum_seconds, "first": first, "last": last,
            "with_tone": toned, "mean_text_chars": round(float(text_chars or 0)), "cores_busy": cores,
            "size_mib": {name: round(size / 2**20, 1) for name, size in sizes.items()}}


def _copy(connections, corpus, count):
    """One COPY statement per connection at once, each from a real (not green) thread, each with its
    share of the clippings: one backend turns a few thousand rows a second into text search vectors
    and index entries here, and the generator needs less than half a core for both."""
    share = -(-count // len(connections))
    errors = []

    def stream(conn, start):
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.copy_expert(f"COPY clippings ({COPY_COLUMNS}) FROM STDIN",
                                corpus.copy_rows(min(share, count - start), start), size=1 << 16)
        except Exception as exc:  # raised below, in the caller's thread
            errors.append(exc)

    threads = [_real_threading.Thread(target=stream, args=(conn, n * share), daemon=True)
               for n, conn in enumerate(connections) if n * share < count]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _queries(count, now):
    """`count` searches, the kinds in turn, drawn from the lists above with a fixed seed."""
    rng = random.Random(SEED)
    span_days = int(3 * 365.25) - 31
    outlets = [outlet[0] for outlet in OUTLETS]
    made = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        filters = {}
        if kind == "one word":
            query = rng.choice(ONE_WORD)
        elif kind == "two words":
            query = rng.choice(TWO_WORDS)
        elif kind == "phrase":
            query = rng.choice(PHRASES)
        elif kind == "date range":
            query = rng.choice(FILTER_WORDS)
            start = (now - timedelta(days=31 + rng.randrange(span_days))).date()
            filters = {"date_from": start.isoformat(), "date_to": (start + timedelta(days=30)).isoformat()}
        else:
            query = rng.choice(FILTER_WORDS)
            filters = {"tone": rng.choice(TONE_FILTERS)} if rng.random() < 0.5 else {"outlet": rng.choice(outlets)}
        made.append((kind, query, filters))
    return made


def _search(store, queries, meter):
    """Each query as the RPC runs it (`archive.search`: input checks, the SQL, the answer's shaping),
    timed one after the other from one green thread; the SQL's own share by wrapping
    `storage.search_clippings` (what it does is unchanged)."""
    sql_seconds = []
    real = storage.search_clippings

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            sql_seconds.append(time.perf_counter() - started)

    for kind, query, filters in queries[:WARMUP_SEARCHES]:  # the first reads bring pages into memory
        archive.search(store, {**filters, "query": query}, PAGE, 0)
    storage.search_clippings = timed
    runs = []
    try:
        meter.start()
        started = time.perf_counter()
        for kind, query, filters in queries:
            sql_seconds.clear()
            begun = time.perf_counter()
            answer = archive.search(store, {**filters, "query": query}, PAGE, 0)
            runs.append({"kind": kind, "query": query, "filters": filters, "ms": _ms(time.perf_counter() - begun),
                         "sql_ms": _ms(sum(sql_seconds)), "total": answer["total"],
                         "returned": len(answer["clippings"])})
        seconds = _since(started)
        cores = meter.stop(seconds)
    finally:
        storage.search_clippings = real
    by_kind = {kind: _latency([run for run in runs if run["kind"] == kind]) for kind in KINDS}
    slowest = sorted(runs, key=lambda run: -run["ms"])[:10]
    by_query = {}
    for run in runs:
        by_query.setdefault(run["query"], []).append(run)
    return {"searches": len(runs), "seconds": seconds, "per_s": round(len(runs) / seconds, 1) if seconds else None,
            "warmup": WARMUP_SEARCHES, "page": PAGE, **_latency(runs), "by_kind": by_kind, "slowest": slowest,
            "by_query": {query: {"runs": len(found), "total": found[0]["total"],
                                 "median_ms": percentile([run["ms"] for run in found], 0.5)}
                         for query, found in sorted(by_query.items(), key=lambda item: -item[1][0]["total"])},
            "cores_busy": cores}


def _latency(runs):
    values = [run["ms"] for run in runs]
    sql = [run["sql_ms"] for run in runs]
    return {"count": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99), "max_ms": max(values) if values else None,
            "sql_p50_ms": percentile(sql, 0.5), "sql_p95_ms": percentile(sql, 0.95),
            "matches_p50": percentile([run["total"] for run in runs], 0.5)}


def _bare_match(store, queries):
    """The same text queries as a bare index lookup: the first page of matches in no order, no rank,
    no total. What the GIN index alone gives on this machine, next to what the archive's search does."""
    values = []
    with store.transaction() as tx:
        for kind, query, filters in queries:
            started = time.perf_counter()
            tx.cursor.execute(BARE_MATCH, (query, PAGE))
            tx.cursor.fetchall()
            values.append(_ms(time.perf_counter() - started))
    return {"count": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99)}


class _ExplainingCursor:
    """Stands in for the cursor `storage.search_clippings` gets: every statement is first run under
    `EXPLAIN (ANALYZE, BUFFERS)` (its plan kept), then run as it is, so the service's code is unchanged."""

    def __init__(self, cursor):
        self.cursor, self.plans = cursor, []

    def execute(self, sql, params=None):
        statement = self.cursor.mogrify(sql, params).decode()
        self.cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        self.plans.append({"sql": statement, "plan": [row["QUERY PLAN"] for row in self.cursor.fetchall()]})
        self.cursor.execute(statement)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def _explain(store, now):
    """Plans of a typical search (one word, no filter), of the same word with a month's date range, of
    a phrase, and of the district's name (in most clippings)."""
    month = (now - timedelta(days=200)).date()
    cases = {"typical": ("park", {}),
             "date range": ("park", {"date_from": month.isoformat(),
                                     "date_to": (month + timedelta(days=30)).isoformat()}),
             "phrase": ('"su baskını"', {}),
             "frequent word": ("Gaziemir", {})}
    plans = {}
    for name, (query, filters) in cases.items():
        with store.transaction() as tx:
            cursor = _ExplainingCursor(tx.cursor)
            filters = inputs.load(inputs.SearchInput, {**filters, "query": query})
            total, _exact, _rows = storage.search_clippings(cursor, filters, PAGE, 0)
        found = cursor.plans[0]
        text = "\n".join(found["plan"])
        plans[name] = {"query": query, "filters": {k: str(v) for k, v in filters.items() if k != "query"},
                       "total": total, "sql": found["sql"], "plan": found["plan"],
                       "uses_gin_index": "clippings_search" in text,
                       "seq_scan": "Seq Scan on clippings" in text,
                       "jit": any(line.strip().startswith("JIT:") for line in found["plan"]),
                       "execution_time": next((line.split(":", 1)[1].strip() for line in found["plan"]
                                               if line.startswith("Execution Time")), None)}
    return plans


# -- the feed reader --------------------------------------------------------------------------------
def _ingest(store, db_url, feed_urls, rounds, now, meter):
    """Add the feeds as sources, read them all once (every item new), then `rounds` more times after
    each source's interval has passed (every feed unchanged: 304). Where the time goes: the fetches
    (HTTP and parsing), relevance and tone, and the inserts, by wrapping the module functions
    `ingest.fetch_source` calls (what they do is unchanged)."""
    if not feed_urls:
        return None
    # the feeds are local: read as a development system reads them (servicekit.outbound's allow-list)
    settings = press_settings.load({"PLATFORM_ENV": "development", "OUTBOUND_ALLOW": "127.0.0.1"})
    for n, url in enumerate(feed_urls):
        archive.add_source(store, {"url": url, "outlet": f"Yerel Haber {n}", "interval_minutes": 30}, OFFICER, now,
                           settings.outbound)
    spent = {"fetch": 0.0, "keep": 0.0, "insert": 0.0}
    real = {"fetch": feeds.fetch_feed, "keep": ingest._keep, "insert": storage.insert_clipping}

    def wrap(name, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return timed

    feeds.fetch_feed, ingest._keep, storage.insert_clipping = (wrap("fetch", real["fetch"]),
                                                               wrap("keep", real["keep"]),
                                                               wrap("insert", real["insert"]))
    try:
        first = _read_round(store, settings, now, meter, spent)
        later = []
        for n in range(rounds):
            later.append(_read_round(store, settings, now + timedelta(minutes=31 * (n + 1)), meter, spent))
    finally:
        feeds.fetch_feed, ingest._keep, storage.insert_clipping = real["fetch"], real["keep"], real["insert"]
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM clippings WHERE source_id IS NOT NULL")
            stored = cur.fetchone()[0]
            cur.execute("SELECT last_outcome, count(*) FROM sources GROUP BY 1")
            outcomes = dict(cur.fetchall())
    finally:
        conn.close()
    not_modified = sum(run["counts"][feeds.NOT_MODIFIED] for run in later)
    seconds = sum(run["seconds"] for run in later)
    cores = _mean_cores([run["cores_busy"] for run in later], [run["seconds"] for run in later])
    return {"feeds": len(feed_urls), "first": first, "stored_from_feeds": stored, "source_outcomes": outcomes,
            "items_per_s": round(first["counts"]["new"] / first["seconds"], 1) if first["seconds"] else None,
            "refetch": {"rounds": rounds, "fetches": sum(sum(run["counts"][k] for k in (
                feeds.FETCHED, feeds.NOT_MODIFIED, feeds.FAILED)) for run in later),
                "not_modified": not_modified, "new": sum(run["counts"]["new"] for run in later),
                "seconds": round(seconds, 3), "per_s": round(not_modified / seconds, 1) if seconds else None,
                "ms_each": round(1000 * seconds / not_modified, 2) if not_modified else None,
                "spent": {name: round(value, 3) for name, value in
                          {k: sum(run["spent"][k] for run in later) for k in spent}.items()},
                "cores_busy": cores}}


def _read_round(store, settings, now, meter, spent):
    for name in spent:
        spent[name] = 0.0
    meter.start()
    started = time.perf_counter()
    counts = ingest.fetch_due(store, settings, now)
    seconds = _since(started)
    return {"counts": counts, "seconds": seconds, "cores_busy": meter.stop(seconds),
            "spent": {name: round(value, 3) for name, value in spent.items()}}


def _mean_cores(parts, weights):
    total = sum(weights)
    if not total:
        return {}
    names = {name for part in parts for name in part}
    return {name: round(sum(part.get(name, 0) * w for part, w in zip(parts, weights)) / total, 2) for name in names}


def _ms(seconds):
    return round(seconds * 1000, 2)


def _since(started):
    return round(time.perf_counter() - started, 3)


if __name__ == "__main__":
    sys.exit(main())
