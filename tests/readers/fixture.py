#!/usr/bin/env python3
"""fixture -- test data for tests/t4000-export.sh.

usage: fixture.py big ROWS > big.jsonl
       fixture.py bysplit in.jsonl DIR

big: ROWS deterministic records of every column type, with nulls,
missing fields, empty strings, Unicode, and three strings over 1 MB,
in splits train, validation and test.
bysplit: write DIR/SPLIT.jsonl, the records of each split ("train" when
the field is missing) in input order, as ads-export files them.
"""
import json
import random
import sys


def big(rows):
    rnd = random.Random(42)
    words = ["naïve", "café", "日本語", "😀", "data", "", "a,b", 'q"uote',
             "line\nbreak", "tab\t", "Ünïcödé", "עברית", "x"]
    out = sys.stdout
    for i in range(rows):
        r = {"id": "big:%d" % i}
        r["source"] = rnd.choice(["wikipedia", "reddit", "arxiv"])
        # A column some records lack.
        if i % 7:
            r["topic"] = rnd.choice(["sport", "music", "law"])
        n = rnd.randrange(0, 12)
        r["text"] = " ".join(rnd.choice(words) for _ in range(n))
        if i in (10, 50000 % max(rows, 1), rows - 1):
            r["text"] = ("long ünïcode text " * 70000)[:1100000] + str(i)
        r["n"] = rnd.randrange(-10**12, 10**12) if i % 5 else None
        r["x"] = rnd.choice([0, 1, 2.5, -0.125, 1e-9, 3e20, i])
        if i % 3:
            r["ok"] = bool(i % 2)
        r["meta"] = {"i": i, "tags": ["a"] * (i % 3)} if i % 4 else []
        r["mix"] = rnd.choice(["s", 1, 2.5, True, None, {"k": i}, ""])
        r["split"] = ["train", "train", "train", "validation", "test"][i % 5]
        out.write(json.dumps(r, ensure_ascii=False,
                             separators=(",", ":")) + "\n")


def bysplit(path, d):
    files = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            s = json.loads(line).get("split", "train")
            if s not in files:
                files[s] = open("%s/%s.jsonl" % (d, s), "w",
                                encoding="utf-8")
            files[s].write(line)
    for f in files.values():
        f.close()


if __name__ == "__main__":
    if sys.argv[1] == "big":
        big(int(sys.argv[2]))
    elif sys.argv[1] == "bysplit":
        bysplit(sys.argv[2], sys.argv[3])
    else:
        sys.exit("fixture.py: big ROWS | bysplit in.jsonl DIR")
