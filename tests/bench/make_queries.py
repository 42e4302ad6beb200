#!/usr/bin/env python3
"""Fixed query set for the benchmark suite, drawn from the stories' titles.

Usage: make_queries.py DOCS_DIR COUNT OUT_PREFIX [SEED]

Writes OUT_PREFIX.jsonl ({"_id": "q001", "text": "..."} per line, for searcher --batch) and
OUT_PREFIX.txt (one query per line). Each query is 2 or 3 distinct words that stand next to each
other (stop words aside) in one title, lower-cased. Words are alphabetic, at least 3 letters, and
never stop words or query-syntax words, so every system reads the same plain OR of the same words.
The same DOCS_DIR, COUNT and SEED always give the same queries.
"""
import json
import os
import random
import re
import sys

# Docket's query stop list plus common English function words and title fillers, so no system
# drops a word that another keeps; "and"/"or"/"not"/"near" are also operators in some syntaxes.
STOP = set("""
a about above after again against all also am an and any are as at be been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my near
no nor not now of off on once only or other our out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours
says said say sees see set sets plan plans new unit units reuter reuters inc corp ltd plc co
""".split())
WORD = re.compile(r"[a-z]+")


def title_words(title):
    """Content words of one title, in order, without repeats."""
    seen, words = set(), []
    for w in WORD.findall(title.lower()):
        if len(w) >= 3 and w not in STOP and w not in seen:
            seen.add(w)
            words.append(w)
    return words


def main():
    docs, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1987)
    titles = []
    for name in sorted(os.listdir(docs)):
        with open(os.path.join(docs, name), encoding="utf-8", errors="replace") as f:
            words = title_words(f.readline())
        if len(words) >= 2:
            titles.append(words)
    queries, seen = [], set()
    while len(queries) < count:
        words = rng.choice(titles)
        n = min(rng.choice((2, 3)), len(words))
        start = rng.randrange(len(words) - n + 1)
        text = " ".join(words[start:start + n])
        if text not in seen:
            seen.add(text)
            queries.append(text)
    with open(prefix + ".jsonl", "w") as jl, open(prefix + ".txt", "w") as txt:
        for i, text in enumerate(queries, 1):
            jl.write(json.dumps({"_id": f"q{i:03d}", "text": text}) + "\n")
            txt.write(text + "\n")


if __name__ == "__main__":
    main()
