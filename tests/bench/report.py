#!/usr/bin/env python3
"""Table, targets and chart data of the benchmark suite (tests/bench/suite.sh).

Usage: report.py RESULTS.tsv OUT_DIR

RESULTS.tsv has lines "scale<TAB>system<TAB>metric<TAB>value" (scale 0 = the whole run). Writes
OUT_DIR/report.txt (tables with ratios against each anchor, then the targets and whether they
hold) and OUT_DIR/chart.dat (one row per scale, for chart.gp); prints the report. Exits 0 even
when a target fails: the suite measures, it does not gate.
"""
import collections
import os
import sys

INDEXERS = [("docket", "docket"), ("omindex", "omindex"), ("fts5", "fts5"), ("sphinx", "sphinx"),
            ("pg", "postgres")]
# Query rows: key in results.tsv and the label shown. Anchors: quest on omindex's index, FTS5,
# and the two servers, whose "batch" figures are one client's persistent connection.
SEARCHERS = [("docket", "docket"), ("docket-nofacets", "docket --no-facets"),
             ("docket-company", "docket --company"), ("omindex", "quest/xapian"), ("fts5", "sqlite3/fts5"),
             ("sphinx", "sphinx (sphinxql)"), ("pg", "postgres")]
# The server anchors: same job as Docket's with facets (top 10, snippets, exact count and facets).
SERVERS = [("sphinx", "Sphinx 2.2"), ("pg", "PostgreSQL 15")]


def load(path):
    """results[scale][system][metric] = value (float when it is a number)."""
    r = collections.defaultdict(lambda: collections.defaultdict(dict))
    with open(path) as f:
        for line in f:
            scale, system, metric, value = line.rstrip("\n").split("\t", 3)
            try:
                value = float(value)
            except ValueError:
                pass
            r[int(scale)][system][metric] = value
    return r


def num(v):
    return v if isinstance(v, float) else None


def ratio(a, b):
    a, b = num(a), num(b)
    return a / b if a is not None and b else None


def fmt(v, spec):
    return format(v, spec) if v is not None else format("n/a", spec.split(".")[0].rstrip("f"))


def ran(m):
    """Did this system run at this scale (a skipped anchor has no figures)?"""
    return any(k in m for k in ("index_s", "proc_p50", "batch_p50"))


def index_table(r, scales):
    out = ["Indexing (same files, warm page cache)",
           f"{'size':>5} {'files':>7} {'MB':>5}  {'system':<8} {'wall s':>8} {'docs/s':>8} {'MB/s':>6} "
           f"{'RSS MB':>7} {'index MB':>9} {'t/omindex':>9} {'t/fts5':>7} {'sz/omindex':>10} {'sz/fts5':>8}"]
    for s in scales:
        c, sys_ = r[s]["corpus"], r[s]
        for key, label in INDEXERS:
            m = sys_[key]
            if not ran(m):
                continue
            wall, kb = num(m.get("index_s")), num(m.get("index_kb"))
            out.append(
                f"{'x' + str(s):>5} {c['files']:>7.0f} {c['mb']:>5.0f}  {label:<8} {fmt(wall, '8.2f')} "
                f"{fmt(ratio(c['files'], wall), '8.0f')} {fmt(ratio(c['mb'], wall), '6.1f')} "
                f"{fmt(ratio(m.get('rss_kb'), 1024.0), '7.0f')} {fmt(ratio(kb, 1024.0), '9.0f')} "
                f"{fmt(ratio(wall, sys_['omindex'].get('index_s')), '9.2f')} {fmt(ratio(wall, sys_['fts5'].get('index_s')), '7.2f')} "
                f"{fmt(ratio(kb, sys_['omindex'].get('index_kb')), '10.2f')} {fmt(ratio(kb, sys_['fts5'].get('index_kb')), '8.2f')}")
    return out


def query_table(r, scales):
    out = ["Query latency in ms, top 10 (proc: one process per query, searcher/quest/sqlite3; "
           "batch: all queries in one process)",
           f"{'size':>5}  {'system':<19} {'proc p50':>8} {'p95':>7} {'p99':>7}  {'batch p50':>9} {'p95':>7} {'p99':>7}"
           f"  {'p50/quest':>9} {'p50/sqlite3':>11}  {'b50/xapian':>10} {'b50/fts5':>8}"]
    for s in scales:
        for key, label in SEARCHERS:
            m, a = r[s][key], r[s]
            if not ran(m):
                continue
            out.append(
                f"{'x' + str(s):>5}  {label:<19} {fmt(num(m.get('proc_p50')), '8.2f')} {fmt(num(m.get('proc_p95')), '7.2f')} "
                f"{fmt(num(m.get('proc_p99')), '7.2f')}  {fmt(num(m.get('batch_p50')), '9.2f')} "
                f"{fmt(num(m.get('batch_p95')), '7.2f')} {fmt(num(m.get('batch_p99')), '7.2f')}  "
                f"{fmt(ratio(m.get('proc_p50'), a['omindex'].get('proc_p50')), '9.2f')} "
                f"{fmt(ratio(m.get('proc_p50'), a['fts5'].get('proc_p50')), '11.2f')}  "
                f"{fmt(ratio(m.get('batch_p50'), a['omindex'].get('batch_p50')), '10.2f')} "
                f"{fmt(ratio(m.get('batch_p50'), a['fts5'].get('batch_p50')), '8.2f')}")
    return out


def server_table(r, scales):
    """Docket against the server anchors, with ratios Docket/anchor (below 1: Docket costs less)."""
    out = ["Server anchors: index, and query latency in ms from one client over one persistent connection",
           "(warm; top 10 with snippets, exact count, company and case facets from Docket's entities).",
           "Docket's query figures are searcher --batch (in-process, with facets, ids without snippets)",
           "and the whole process (proc, with snippets); ratios are Docket's over the anchor's.",
           f"{'size':>5}  {'system':<14} {'index s':>8} {'index MB':>9} {'p50':>7} {'p95':>7}"
           f"  {'t ratio':>7} {'sz ratio':>8} {'batch p50':>9} {'batch p95':>9} {'proc p50':>8}"]
    for s in scales:
        d = r[s]["docket"]
        out.append(f"{'x' + str(s):>5}  {'docket':<14} {fmt(num(d.get('index_s')), '8.2f')} "
                   f"{fmt(ratio(d.get('index_kb'), 1024.0), '9.0f')} {fmt(num(d.get('batch_p50')), '7.2f')} "
                   f"{fmt(num(d.get('batch_p95')), '7.2f')}   (proc p50 {fmt(num(d.get('proc_p50')), '.2f')}, "
                   f"p95 {fmt(num(d.get('proc_p95')), '.2f')})")
        for key, label in SERVERS:
            m = r[s][key]
            if not ran(m):
                continue
            out.append(
                f"{'':>5}  {label:<14} {fmt(num(m.get('index_s')), '8.2f')} {fmt(ratio(m.get('index_kb'), 1024.0), '9.0f')} "
                f"{fmt(num(m.get('batch_p50')), '7.2f')} {fmt(num(m.get('batch_p95')), '7.2f')}  "
                f"{fmt(ratio(d.get('index_s'), m.get('index_s')), '7.2f')} {fmt(ratio(d.get('index_kb'), m.get('index_kb')), '8.2f')} "
                f"{fmt(ratio(d.get('batch_p50'), m.get('batch_p50')), '9.2f')} {fmt(ratio(d.get('batch_p95'), m.get('batch_p95')), '9.2f')} "
                f"{fmt(ratio(d.get('proc_p50'), m.get('batch_p50')), '8.2f')}")
    return out


def check(name, value, limit, detail):
    """One target line: PASS/FAIL (or n/a when a figure is missing)."""
    if value is None:
        return f"  n/a   {name}: {detail}"
    return f"  {'PASS' if value <= limit else 'FAIL'}  {name}: {detail}"


def targets(r, scales):
    out = ["Targets"]
    lo, hi = scales[0], scales[-1]
    for s in scales:
        d, q = r[s]["docket"].get("proc_p50"), r[s]["omindex"].get("proc_p50")
        x = ratio(d, q)
        out.append(check(f"x{s} query p50, whole process, top 10 with snippets <= quest", x, 1.0,
                         f"docket {fmt(num(d), '.2f')} ms vs quest {fmt(num(q), '.2f')} ms (x{fmt(x, '.2f')})"))
    # Facet overhead, in both modes: batch shows the counting itself, proc what a user waits.
    for mode in ("batch", "proc"):
        on = {s: num(r[s]["docket"].get(f"{mode}_p50")) for s in scales}
        off = {s: num(r[s]["docket-nofacets"].get(f"{mode}_p50")) for s in scales}
        f = {s: ratio(on[s], off[s]) for s in scales}
        if 1 in scales:
            out.append(check(f"x1 facet counts add <= 50% to p50 ({mode})", f[1], 1.5,
                             f"{fmt(on[1], '.2f')} ms with vs {fmt(off[1], '.2f')} ms without (x{fmt(f[1], '.2f')})"))
        if 1 in scales and 16 in scales:
            g = ratio(f[16], f[1])
            out.append(check(f"facet ratio grows <= 2x from x1 to x16 ({mode})", g, 2.0,
                             f"x{fmt(f[1], '.2f')} at x1, x{fmt(f[16], '.2f')} at x16 (grew x{fmt(g, '.2f')})"))
    for s in scales:
        d, o = r[s]["docket"].get("index_kb"), r[s]["omindex"].get("index_kb")
        x = ratio(d, o)
        out.append(check(f"x{s} index size <= omindex's", x, 1.0,
                         f"{fmt(ratio(d, 1024.0), '.0f')} MB vs {fmt(ratio(o, 1024.0), '.0f')} MB (x{fmt(x, '.2f')})"))
    if 1 in scales and 16 in scales:
        t1, t16 = r[1]["docket"].get("index_s"), r[16]["docket"].get("index_s")
        g = ratio(t16, t1)
        out.append(check("index time x16 <= 20x the x1 time", g, 20.0,
                         f"{fmt(num(t1), '.1f')} s -> {fmt(num(t16), '.1f')} s (x{fmt(g, '.1f')})"))
        for mode in ("proc", "batch"):
            p1, p16 = r[1]["docket"].get(f"{mode}_p95"), r[16]["docket"].get(f"{mode}_p95")
            g = ratio(p16, p1)
            out.append(check(f"query p95 at x16 within 4x of x1 ({mode})", g, 4.0,
                             f"{fmt(num(p1), '.2f')} ms -> {fmt(num(p16), '.2f')} ms (x{fmt(g, '.2f')})"))
    else:
        out.append(f"  n/a   growth targets (index time, p95): need sizes 1 and 16, ran {','.join(map(str, scales))}")
    return out


CHART_COLUMNS = [  # chart.dat columns after the scale; chart.gp plots them by number (2..)
    ("docket", "index_s"), ("omindex", "index_s"), ("fts5", "index_s"),
    ("docket", "index_kb"), ("omindex", "index_kb"), ("fts5", "index_kb"),
    ("docket", "proc_p50"), ("omindex", "proc_p50"), ("fts5", "proc_p50"),
    ("docket", "batch_p95"), ("omindex", "batch_p95"), ("fts5", "batch_p95"),
    ("docket-nofacets", "batch_p95"), ("docket-nofacets", "proc_p50"),
    ("sphinx", "index_s"), ("pg", "index_s"), ("sphinx", "index_kb"), ("pg", "index_kb"),
    ("sphinx", "batch_p95"), ("pg", "batch_p95"),
]


def chart_data(r, scales, path):
    with open(path, "w") as f:
        f.write("# scale " + " ".join(f"{s}:{m}" for s, m in CHART_COLUMNS) + "\n")
        for s in scales:
            vals = [num(r[s][sys_].get(m)) for sys_, m in CHART_COLUMNS]
            vals = [("?" if v is None else f"{v / 1024 if m == 'index_kb' else v:.3f}")
                    for v, (_, m) in zip(vals, CHART_COLUMNS)]
            f.write(f"{s} " + " ".join(vals) + "\n")


def main():
    results, out_dir = sys.argv[1], sys.argv[2]
    r = load(results)
    scales = sorted(s for s in r if s > 0)
    meta = r[0]["meta"]
    head = [f"Docket benchmark suite: Reuters-21578 at {', '.join('x' + str(s) for s in scales)}; "
            f"{meta.get('queries', 0):.0f} queries of 2-3 title words (OR); company filter: {meta.get('company')}; "
            f"anchors: {meta.get('anchors', 'quest,fts5')}",
            f"{meta.get('machine', '')}", ""]
    text = (head + index_table(r, scales) + [""] + query_table(r, scales) + [""] + server_table(r, scales)
            + [""] + targets(r, scales))
    with open(os.path.join(out_dir, "report.txt"), "w") as f:
        f.write("\n".join(text) + "\n")
    chart_data(r, scales, os.path.join(out_dir, "chart.dat"))
    print("\n".join(text))


if __name__ == "__main__":
    main()
