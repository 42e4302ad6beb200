#!/usr/bin/env python3
"""Feeds for the Sphinx and PostgreSQL anchors of the benchmark suite (tests/bench/suite.sh),
from the same story files Docket indexes and the entities Docket extracted from them.

Usage: anchor_feed.py DOCS_DIR ENTITIES.jsonl OUT_DIR

ENTITIES.jsonl is `indexer --extract DOCS_DIR` (one JSON object per article: path, companies,
cases, ...). Stories are split as fts5_index.py splits them (title, date line, body) and numbered
1.. in sorted file order. Each distinct (kind, canonical name) gets one integer id, the same in
both anchors, so their facet counts are over the same values as Docket's. Writes into OUT_DIR:
  sphinx.xml      xmlpipe2: title and body as fields, also stored (the page shows titles, SNIPPET() reads bodies),
                  companies and cases as multi-value attributes of entity ids
  articles.tsv    COPY text format: id, title, body
  entities.tsv    COPY text format: article id, kind ('c' company, 'k' case), entity id
  names.tsv       COPY text format: entity id, kind, name (the clients name facet values by it)
Amount buckets, Docket's third facet, are left out: they need Docket's currency conversion.
"""
import json
import os
import re
import sys
from xml.sax.saxutils import escape

KINDS = (("companies", "c"), ("cases", "k"))
# Characters XML 1.0 forbids (a few Reuters stories hold control bytes): xmlpipe2 would stop.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def copy_field(s):
    """One value in PostgreSQL's COPY text format."""
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def read_story(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    title, _, rest = text.partition("\n")
    _, _, body = rest.partition("\n")
    return NOT_XML.sub(" ", title), NOT_XML.sub(" ", body)


def main():
    docs, entities_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    docs = os.path.realpath(docs)
    by_path = {}
    with open(entities_path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            by_path[os.path.realpath(a["path"])] = {k: [e["name"] for e in a.get(key, [])] for key, k in KINDS}
    ids = {}  # (kind, name) -> entity id
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sphinx.xml"), "w", encoding="utf-8") as xml, \
         open(os.path.join(out, "articles.tsv"), "w", encoding="utf-8") as arts, \
         open(os.path.join(out, "entities.tsv"), "w", encoding="utf-8") as ents:
        xml.write('<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n<sphinx:schema>\n'
                  '<sphinx:field name="title" attr="string"/>\n<sphinx:field name="body" attr="string"/>\n'
                  '<sphinx:attr name="companies" type="multi"/>\n<sphinx:attr name="cases" type="multi"/>\n'
                  '</sphinx:schema>\n')
        names = sorted(n for n in os.listdir(docs) if n.endswith(".txt"))
        missing = 0
        for doc_id, name in enumerate(names, 1):
            path = os.path.join(docs, name)
            title, body = read_story(path)
            found = by_path.get(path)
            missing += found is None
            codes = {}
            for _, k in KINDS:
                codes[k] = sorted({ids.setdefault((k, n), len(ids) + 1) for n in (found or {}).get(k, [])})
                for e in codes[k]:
                    ents.write(f"{doc_id}\t{k}\t{e}\n")
            xml.write(f'<sphinx:document id="{doc_id}">\n<title>{escape(title)}</title>\n'
                      f'<body>{escape(body)}</body>\n'
                      f'<companies>{",".join(map(str, codes["c"]))}</companies>\n'
                      f'<cases>{",".join(map(str, codes["k"]))}</cases>\n</sphinx:document>\n')
            arts.write(f"{doc_id}\t{copy_field(title)}\t{copy_field(body)}\n")
        xml.write("</sphinx:docset>\n")
    with open(os.path.join(out, "names.tsv"), "w", encoding="utf-8") as f:
        for (k, n), e in ids.items():
            f.write(f"{e}\t{k}\t{copy_field(n)}\n")
    if missing:  # Docket skipped them (empty or unreadable): indexed here without entities
        print(f"anchor_feed: {missing} of {len(names)} stories have no extracted entities", file=sys.stderr)


if __name__ == "__main__":
    main()
