#!/usr/bin/env python3
"""`searcher serve` against the CLI on one index, measured side by side in one run.

  serve_bench.py SEARCHER DB QUERIES.txt [--seconds S] [--clients N]

Prints, in milliseconds, the whole-process p50/p95 of `searcher --json QUERY` (one process per
query, as tests/bench/latency.py proc), the warm p50/p95 of GET /api/search?q=QUERY over one
keep-alive connection (top 10, snippets, exact facets: the same answer), and the throughput of
1 and N concurrent keep-alive clients for S seconds each, with the ratios the issue sets as
targets (server p50 at most half the CLI's; N clients at least 1.6x one client's throughput).
"""
import argparse
import http.client
import re
import subprocess
import sys
import threading
import time
import urllib.parse

from latency import percentiles, read_queries, WARMUP


def start_server(searcher, db):
    proc = subprocess.Popen([searcher, "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        sys.exit(f"serve_bench: the server did not start: {line!r}")
    return proc, int(m.group(1))


def path_of(query):
    return "/api/search?" + urllib.parse.urlencode({"q": query, "limit": 10})


def get(conn, query):
    conn.request("GET", path_of(query))
    res = conn.getresponse()
    body = res.read()
    if res.status != 200 or not body:
        raise RuntimeError(f"{query!r}: HTTP {res.status}")


def cli_latency(searcher, db, queries):
    def once(q):
        subprocess.run([searcher, "--db", db, "--json", "--limit", "10", q], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
    for q in queries[:WARMUP]:
        once(q)
    ms = []
    for q in queries:
        t = time.perf_counter()
        once(q)
        ms.append((time.perf_counter() - t) * 1000)
    return ms


def server_latency(port, queries):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for q in queries:  # warm: one pass untimed
        get(conn, q)
    ms = []
    for q in queries:
        t = time.perf_counter()
        get(conn, q)
        ms.append((time.perf_counter() - t) * 1000)
    conn.close()
    return ms


def throughput(port, queries, clients, seconds):
    done = [0] * clients
    errors = []
    stop = time.perf_counter() + seconds

    def client(k):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        i = k * 7
        while time.perf_counter() < stop:
            try:
                get(conn, queries[i % len(queries)])
                done[k] += 1
            except (OSError, http.client.HTTPException, RuntimeError) as e:
                errors.append(str(e))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port)
            i += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - start), len(errors)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("searcher")
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=8)
    a = ap.parse_args()
    queries = read_queries(a.queries)
    cli = cli_latency(a.searcher, a.db, queries)
    proc, port = start_server(a.searcher, a.db)
    try:
        served = server_latency(port, queries)
        one, one_errors = throughput(port, queries, 1, a.seconds)
        many, many_errors = throughput(port, queries, a.clients, a.seconds)
    finally:
        proc.terminate()
        proc.wait()
    p50 = lambda ms: sorted(ms)[max(0, (len(ms) + 1) // 2 - 1)]
    print(f"cli process   p50 p95 p99 n: {percentiles(cli)}")
    print(f"serve warm    p50 p95 p99 n: {percentiles(served)}")
    print(f"serve/cli p50: {p50(served) / p50(cli):.2f} (target <= 0.50: {'PASS' if p50(served) <= 0.5 * p50(cli) else 'FAIL'})")
    print(f"throughput: 1 client {one:.0f}/s, {a.clients} clients {many:.0f}/s, ratio {many / one:.2f} "
          f"(target >= 1.6: {'PASS' if many >= 1.6 * one else 'FAIL'}); errors {one_errors + many_errors}")


if __name__ == "__main__":
    main()
