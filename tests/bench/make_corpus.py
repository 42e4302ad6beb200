#!/usr/bin/env python3
"""Scaled copy of a folder of .txt stories, for the benchmark suite (tests/bench/suite.sh).

Usage: make_corpus.py SRC_DIR OUT_DIR SCALE
       make_corpus.py SRC_DIR OUT_DIR --articles COUNT

Writes SCALE copies of every story of SRC_DIR into OUT_DIR (flat), copy k of NNNNN.txt as
cK-NNNNN.txt. With --articles, exactly COUNT stories: as many whole copies as fit, then a partial
last copy of the first stories in name order (tests/bench/scale.sh). Copy 0 is the story
unchanged; every other copy is varied so that the index of the scaled corpus is not a trivial
duplicate of the original:
  - a per-copy token ("ed<K>") is woven into the title and after the body's first line, so each
    copy has a term of its own and the positions of the words after it shift;
  - every digit of the body is rotated by K (7 -> 7+K mod 10), so numbers, amounts and figures
    differ between copies and the vocabulary grows with the corpus, as it does in real news.
The date line (line 2) is left alone so that every copy still parses the same way.
"""
import os
import sys

DIGIT_ROTATIONS = {k: str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10))) for k in range(10)}


def vary(text, k):
    """Return copy k of one story (title, date, blank line, body)."""
    if k == 0:
        return text
    lines = text.split("\n")
    token = f"ed{k}"
    if lines[0]:
        lines[0] = f"{lines[0]} {token.upper()}"  # titles are upper case in Reuters
    body = lines[3:] if len(lines) > 3 else []
    body = [line.translate(DIGIT_ROTATIONS[k % 10]) for line in body]
    if body:
        body[0] = f"{body[0]} {token}"
    return "\n".join(lines[:3] + body)


def main():
    src, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
    if sys.argv[3] == "--articles":
        count = int(sys.argv[4])
        scale = -(-count // len(names))  # copies begun; the last may be partial
    else:
        scale = int(sys.argv[3])
        count = len(names) * scale
    os.makedirs(out, exist_ok=True)
    for i, name in enumerate(names):
        # Read each story once and write all its copies: ~345k small files at x16.
        with open(os.path.join(src, name), encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        for k in range(scale):
            if k * len(names) + i >= count:
                break
            with open(os.path.join(out, f"c{k}-{name}"), "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(vary(text, k))
    print(f"make_corpus: {count} files in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
