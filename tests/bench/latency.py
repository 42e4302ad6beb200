#!/usr/bin/env python3
"""Query latency for the benchmark suite (tests/bench/suite.sh). Each mode prints one line,
"p50 p95 p99 n" in milliseconds (or "n/a REASON"), over a fixed query set.

  latency.py proc QUERIES.txt NAME FORM CMD ARG... [:: NAME FORM CMD ARG...]...
      whole process per query, one output line "NAME p50 p95 p99 n" per command. The commands
      take turns query by query, so load from elsewhere on the machine hits them all alike.
      FORM "words": the argument "{}" of CMD is replaced by the query text;
      FORM "fts5":  it is replaced by the SQL statement of fts5_sql() (for the sqlite3 CLI).
  latency.py fts5 DB QUERIES.txt                     in-process batch, Python's sqlite3 module
  latency.py xapian DB QUERIES.txt                   in-process batch, python3-xapian, as quest
  latency.py docket SEARCHER DB QUERIES.jsonl RUN [ARG...]
                                                     searcher --batch (its own timing line)
  latency.py sphinx PORT NAMES.tsv QUERIES.txt MAX_MATCHES
                                                     searchd on 127.0.0.1:PORT over SphinxQL
  latency.py pg PORT QUERIES.txt                     PostgreSQL on 127.0.0.1:PORT

The sphinx and pg modes are clients in one persistent connection, timed after WARMUP queries:
each query is the top 10 with snippets, the exact number of matches and the 10 most frequent
companies and cases among all matches, by name (the anchors' feeds: anchor_feed.py).

Every system gets the same words as one OR query (the default of Docket and quest; FTS5 is told
so explicitly), and returns the top 10: Docket and FTS5 with a snippet, quest with the stored
sample that omindex keeps for each document.
"""
import math
import re
import subprocess
import sys
import time

WARMUP = 20  # whole-process runs: queries run untimed first, so no timing pays for a cold start


def percentiles(ms):
    """Nearest-rank p50/p95/p99 and count, as the output line."""
    s = sorted(ms)
    pick = lambda p: s[max(0, math.ceil(p / 100 * len(s)) - 1)]
    return f"{pick(50):.2f} {pick(95):.2f} {pick(99):.2f} {len(s)}"


def read_queries(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def fts5_match(text):
    """FTS5 match expression: each word a quoted string (never FTS5 syntax), OR between them."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in text.split())


# Title counts three times a body word, as in Docket's ranking; path is not indexed.
FTS5_SELECT = ("SELECT path, title, snippet(stories, 2, '**', '**', '...', 24) FROM stories "
               "WHERE stories MATCH {} ORDER BY bm25(stories, 0.0, 3.0, 1.0) LIMIT 10")


def fts5_sql(text):
    """The whole statement as text, for the sqlite3 CLI (which cannot bind parameters)."""
    return FTS5_SELECT.format("'" + fts5_match(text).replace("'", "''") + "'") + ";"


def time_each(queries, run_one):
    """Time every query through run_one; return the output line. No warm-up, as searcher --batch
    has none (the whole-process runs before it have warmed the page cache for every system)."""
    ms = []
    for q in queries:
        t = time.perf_counter()
        run_one(q)
        ms.append((time.perf_counter() - t) * 1000)
    return percentiles(ms)


def run_process(form, cmd, q):
    """One whole process for one query; its output is read by nobody, but it is written."""
    argv = [(fts5_sql(q) if form == "fts5" else q) if a == "{}" else a for a in cmd]
    rc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    # 0 = hits, 1 = no hits (searcher); anything else is a broken run, not a data point.
    if rc not in (0, 1):
        sys.exit(f"latency: {' '.join(argv)} exited {rc}")


def mode_proc(args):
    queries, groups, group = read_queries(args[0]), [], []
    for a in args[1:] + ["::"]:
        if a == "::":
            groups.append((group[0], group[1], group[2:]))
            group = []
        else:
            group.append(a)
    for q in queries[:WARMUP]:
        for _, form, cmd in groups:
            run_process(form, cmd, q)
    ms = {name: [] for name, _, _ in groups}
    for q in queries:
        for name, form, cmd in groups:
            t = time.perf_counter()
            run_process(form, cmd, q)
            ms[name].append((time.perf_counter() - t) * 1000)
    return "\n".join(f"{name} {percentiles(v)}" for name, v in ms.items())


def mode_fts5(args):
    import sqlite3
    con = sqlite3.connect(args[0])
    sql = FTS5_SELECT.format("?")
    return time_each(read_queries(args[1]), lambda q: con.execute(sql, (fts5_match(q),)).fetchall())


def mode_xapian(args):
    try:
        import xapian
    except ImportError:
        return "n/a no python3-xapian"
    db = xapian.Database(args[0])
    enquire = xapian.Enquire(db)  # BM25 with default parameters, as quest
    qp = xapian.QueryParser()     # quest's setup: English stemmer, STEM_SOME, OR, default flags
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)

    def run_one(q):
        enquire.set_query(qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT))
        for m in enquire.get_mset(0, 10):
            m.document.get_data()  # what quest prints for each hit (omindex's sample, title...)

    return time_each(read_queries(args[1]), run_one)


def sphinx_match(text):
    """Sphinx extended query: the words OR'ed (they are alphabetic: never operators)."""
    return " | ".join(text.split())


# One statement, three result sets: the page (BM25, title weighted as in Docket, the stored body
# snippeted by searchd) and each facet. max_matches bounds the groups a facet keeps: counts are
# exact only when it is at least the number of distinct values, so the suite passes that number.
SPHINX_SELECT = (
    "SELECT id, title, WEIGHT() AS w, SNIPPET(body, %s) AS snippet FROM stories WHERE MATCH(%s) LIMIT 10 "
    "OPTION ranker=bm25, field_weights=(title=3, body=1), max_matches={mm} "
    "FACET companies ORDER BY COUNT(*) DESC LIMIT 10 FACET cases ORDER BY COUNT(*) DESC LIMIT 10")


def read_names(path):
    """Entity id -> name, from anchor_feed.py's names.tsv (COPY text format)."""
    unescape = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            e, _, name = line.rstrip("\n").split("\t", 2)
            names[int(e)] = re.sub(r"\\[\\tnr]", lambda m: unescape[m.group()], name)
    return names


def time_warm(queries, run_one):
    """time_each after WARMUP untimed queries: a server just started has cold caches of its own."""
    for q in queries[:WARMUP]:
        run_one(q)
    return time_each(queries, run_one)


def mode_sphinx(args):
    import MySQLdb
    port, names, queries, mm = int(args[0]), read_names(args[1]), read_queries(args[2]), int(args[3])
    con = MySQLdb.connect(host="127.0.0.1", port=port)
    cur = con.cursor()
    sql = SPHINX_SELECT.replace("{mm}", str(mm))

    def run_one(q):
        cur.execute(sql, (q, sphinx_match(q)))
        cur.fetchall()
        facets = []
        while cur.nextset():
            facets.append([(names[v], n) for v, n in cur.fetchall()])
        cur.execute("SHOW META LIKE 'total_found'")  # the exact count of matches
        cur.fetchall()

    return time_warm(queries, run_one)


# The page: ts_rank over every match (weights D, C, B, A: a title word counts three body words),
# then a snippet of each of the 10 bodies.
PG_PAGE = """SELECT id, title, ts_headline('english', body, q, 'MaxFragments=2, MaxWords=20, MinWords=5')
FROM (SELECT id, title, body, q, ts_rank('{0.1, 0.2, 0.4, 0.3}', tsv, q) AS r
      FROM articles, to_tsquery('english', %s) q WHERE tsv @@ q ORDER BY r DESC, id LIMIT 10) t
ORDER BY r DESC, id"""
# The facets and the count: every match joined to its entities, counted per value, the 10 most
# frequent of each kind named.
PG_FACETS = """WITH m AS MATERIALIZED (SELECT id FROM articles WHERE tsv @@ to_tsquery('english', %s)),
f AS (SELECT e.kind, e.entity_id, count(*) AS n,
             row_number() OVER (PARTITION BY e.kind ORDER BY count(*) DESC, e.entity_id) AS rk
      FROM m JOIN article_entities e ON e.article_id = m.id GROUP BY e.kind, e.entity_id)
SELECT f.kind::text, (SELECT name FROM names WHERE id = f.entity_id), f.n FROM f WHERE f.rk <= 10
UNION ALL SELECT 'total', NULL, count(*) FROM m"""


def mode_pg(args):
    import psycopg2
    con = psycopg2.connect(host="127.0.0.1", port=int(args[0]), user="bench", dbname="postgres")
    con.autocommit = True  # read-only queries: no transaction to hold open between them
    cur = con.cursor()

    def run_one(q):
        tsquery = " | ".join(q.split())  # alphabetic words: never tsquery operators
        cur.execute(PG_PAGE, (tsquery,))
        cur.fetchall()
        cur.execute(PG_FACETS, (tsquery,))
        cur.fetchall()

    return time_warm(read_queries(args[1]), run_one)


def mode_docket(args):
    searcher, db, queries, run, extra = args[0], args[1], args[2], args[3], args[4:]
    help_text = subprocess.run([searcher, "--help"], capture_output=True, text=True).stdout
    if "--batch" not in help_text:
        return "n/a searcher has no --batch"
    p = subprocess.run([searcher, "--db", db, "--batch", queries, "--run", run, "--limit", "10", *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"batch: (\d+) queries.*?latency ms p50 ([\d.]+) p95 ([\d.]+) p99 ([\d.]+)", p.stderr)
    if p.returncode not in (0, 1) or not m:
        sys.exit(f"latency: searcher --batch failed (exit {p.returncode}): {p.stderr.strip()[-500:]}")
    n, p50, p95, p99 = m.groups()
    return f"{float(p50):.2f} {float(p95):.2f} {float(p99):.2f} {n}"


def main():
    modes = {"proc": mode_proc, "fts5": mode_fts5, "xapian": mode_xapian, "docket": mode_docket,
             "sphinx": mode_sphinx, "pg": mode_pg}
    if len(sys.argv) < 3 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    print(modes[sys.argv[1]](sys.argv[2:]))


if __name__ == "__main__":
    main()
