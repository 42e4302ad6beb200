#!/usr/bin/env python3
"""PostgreSQL full-text anchor of the benchmark suite (tests/bench/suite.sh): loads the feed of
anchor_feed.py into a fresh database and builds its indexes; the suite times the whole run.

Usage: pg_index.py PORT FEED_DIR       (server on 127.0.0.1:PORT, user "bench", trust auth)

articles holds the stories with a stored tsvector (title weight A, body D, English stemming) and
a GIN index on it; article_entities (article id, kind, entity id) holds Docket's entities for the
facets, names their names. Tables are created and filled in one transaction, so that with
wal_level=minimal the bulk load writes no WAL; the indexes follow the load, as a bulk load does.
Prints the size in kB of the three tables with their indexes and TOAST.
"""
import os
import sys

import psycopg2

SCHEMA = """
CREATE TABLE articles (
    id integer NOT NULL, title text NOT NULL, body text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS
        (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')) STORED);
CREATE TABLE article_entities (article_id integer NOT NULL, kind "char" NOT NULL, entity_id integer NOT NULL);
CREATE TABLE names (id integer NOT NULL, kind "char" NOT NULL, name text NOT NULL);
"""
INDEXES = """
ALTER TABLE articles ADD PRIMARY KEY (id);
CREATE INDEX articles_tsv ON articles USING gin (tsv);
CREATE INDEX article_entities_article ON article_entities (article_id);
ALTER TABLE names ADD PRIMARY KEY (id);
"""


def main():
    port, feed = sys.argv[1], sys.argv[2]
    con = psycopg2.connect(host="127.0.0.1", port=port, user="bench", dbname="postgres")
    with con, con.cursor() as cur:
        cur.execute(SCHEMA)
        for table, cols, name in (("articles", "(id, title, body)", "articles.tsv"),
                                  ("article_entities", "", "entities.tsv"), ("names", "", "names.tsv")):
            with open(os.path.join(feed, name), encoding="utf-8") as f:
                cur.copy_expert(f"COPY {table} {cols} FROM STDIN", f)
        cur.execute(INDEXES)
    con.autocommit = True  # VACUUM cannot run in a transaction
    with con.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("CHECKPOINT")  # the load is on disk, as the other systems' indexes are
        cur.execute("SELECT sum(pg_total_relation_size(t)) FROM unnest(ARRAY['articles', 'article_entities', 'names']::regclass[]) t")
        print(int(cur.fetchone()[0]) // 1024)
    con.close()


if __name__ == "__main__":
    main()
