#!/usr/bin/env python3
"""Timelines and summaries against facet counting alone, on the broadest query of a query set.

  views_bench.py SEARCHER DB QUERIES.txt [--runs N]

Finds the query of QUERIES.txt with the most matches, then times (whole process, median of N
runs taken in turns, page cache warm) the same query with exact facets (no hits shown), with --timeline month
and with --summary company (both without facets), and prints each view's time as a ratio to the
facet counting run: the issue's target is at most 1.5.
"""
import argparse
import json
import statistics
import subprocess
import time

from latency import read_queries


def total(searcher, db, query):
    out = subprocess.run([searcher, "--db", db, "--json", "--limit", "0", "--no-facets", "--no-snippets", query],
                         capture_output=True, text=True, check=False).stdout
    return json.loads(out)["total"] if out else 0


def medians_ms(cmds, runs):
    """Median wall time of each command, run in turns (A B C A B C ...) so that a machine
    getting slower or faster meanwhile weighs on every command alike."""
    for cmd in cmds:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)  # warm
    times = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, ts in zip(cmds, times):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
            ts.append((time.perf_counter() - t) * 1000)
    return [statistics.median(ts) for ts in times]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("searcher")
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    queries = read_queries(a.queries)
    broadest = max(queries, key=lambda q: total(a.searcher, a.db, q))
    base = [a.searcher, "--db", a.db, "--limit", "0", "--no-snippets"]
    views = (("timeline month", ["--no-facets", "--timeline", "month"]),
             ("summary company", ["--no-facets", "--summary", "company"]))
    facets, *view_ms = medians_ms([base + [broadest]] + [base + extra + [broadest] for _, extra in views], a.runs)
    print(f"broadest query: {broadest!r} ({total(a.searcher, a.db, broadest)} matches)")
    print(f"facet counting alone: {facets:.1f} ms")
    for (name, _), ms in zip(views, view_ms):
        ratio = ms / facets
        print(f"{name}: {ms:.1f} ms, {ratio:.2f}x facet counting (target <= 1.5: {'PASS' if ratio <= 1.5 else 'FAIL'})")

if __name__ == "__main__":
    main()
