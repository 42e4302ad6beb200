#!/usr/bin/env python3
"""Anchor for the indexing benchmark: SQLite FTS5 (porter tokenizer), one INSERT
per story, all in one transaction. Usage: fts5_index.py DB DOCS_DIR"""
import os
import sqlite3
import sys

db_path, docs = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db_path)
con.execute("CREATE VIRTUAL TABLE stories USING fts5(path UNINDEXED, title, body, tokenize='porter')")
with con:
    for name in sorted(os.listdir(docs)):
        with open(os.path.join(docs, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        title, _, rest = text.partition("\n")
        _, _, body = rest.partition("\n")
        con.execute("INSERT INTO stories VALUES (?, ?, ?)", (name, title, body))
con.close()
