#!/usr/bin/env python3
"""compare -- check rows read back from an exported file against the
JSON Lines records that went in.

usage: compare.py [--csv] [--columns a,b] [--schema all.jsonl] input.jsonl
    rows [rows ...]

rows are JSON lines printed by a Parquet reader (tests/readers/*.mjs),
or with --csv CSV files read here by Python's csv module; several files
(shards) are read in order.  The expected columns and their types are
inferred from the input here, independently of ads-export, by the rules
of ads-export(1): integral numbers only -> int64; numbers -> double;
booleans -> bool; strings -> string; objects and arrays -> JSON text;
any other mix -> JSON text of every value; missing fields -> null.
--schema infers them from another file (all the splits' records), since
ads-export gives every split the same columns.
Exits 0 when every row matches, 1 with the first difference otherwise.
"""
import csv
import json
import math
import sys

csv.field_size_limit(1 << 30)


def kind(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int" if abs(v) <= 2**53 else "dbl"
    if isinstance(v, float):
        return "int" if v.is_integer() and abs(v) <= 2**53 else "dbl"
    if isinstance(v, str):
        return "str"
    return "nest"


def coltype(kinds):
    if kinds <= {"str"}:
        return "string"
    if kinds == {"int"}:
        return "int64"
    if kinds <= {"int", "dbl"}:
        return "double"
    if kinds == {"bool"}:
        return "bool"
    if kinds == {"nest"}:
        return "json"
    return "mixed"


def same(a, b):
    """Structural equality, numbers by value."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def expect_parquet(t, v, got):
    if v is None:
        return got is None
    if t in ("string",):
        return got == v
    if t in ("int64", "double"):
        return isinstance(got, (int, float)) and not isinstance(got, bool) \
            and float(got) == float(v)
    if t == "bool":
        return got is v
    # json, mixed: JSON text, which a reader that knows Parquet's JSON
    # logical type (hyparquet) gives parsed.
    if isinstance(got, str):
        try:
            if same(json.loads(got), v):
                return True
        except ValueError:
            pass
    return same(got, v)


def expect_csv(t, v, got):
    if v is None:
        return got == ""
    if isinstance(v, str):
        return got == v
    if isinstance(v, bool):
        return got == ("true" if v else "false")
    if isinstance(v, (int, float)):
        return float(got) == float(v)
    return same(json.loads(got), v)


def main():
    args = sys.argv[1:]
    use_csv = False
    fixed = None
    schema = None
    while args and args[0].startswith("--"):
        if args[0] == "--csv":
            use_csv = True
            args = args[1:]
        elif args[0] == "--schema":
            schema = args[1]
            args = args[2:]
        elif args[0] == "--columns":
            fixed = args[1].split(",")
            args = args[2:]
        else:
            sys.exit("compare.py: unknown option " + args[0])
    inp, outs = args[0], args[1:]
    recs = []
    cols = {}
    if fixed:
        for c in fixed:
            cols.setdefault(c, set())
    with open(inp, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    allrecs = recs
    if schema:
        with open(schema, encoding="utf-8") as f:
            allrecs = [json.loads(x) for x in f if x.strip()]
    for r in allrecs:
        if True:
            for k, v in r.items():
                if fixed and k not in cols:
                    continue
                cols.setdefault(k, set())
                kd = kind(v)
                if kd:
                    cols[k].add(kd)
    names = list(cols)
    types = {k: coltype(v) for k, v in cols.items()}
    rows = []
    for o in outs:
        if use_csv:
            with open(o, newline="", encoding="utf-8") as f:
                rd = csv.reader(f)
                head = next(rd)
                if head != names:
                    print("%s: header %r, want %r" % (o, head, names))
                    return 1
                for cells in rd:
                    rows.append(dict(zip(head, cells)))
        else:
            with open(o, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    if list(r) != names:
                        print("%s: columns %r, want %r" % (o, list(r),
                                                           names))
                        return 1
                    rows.append(r)
    if len(rows) != len(recs):
        print("%d rows read back, %d records in" % (len(rows), len(recs)))
        return 1
    for i, (r, g) in enumerate(zip(recs, rows)):
        for c in names:
            v = r.get(c)
            ok = (expect_csv if use_csv else expect_parquet)(types[c], v,
                                                              g[c])
            if not ok:
                print("row %d column %s (%s): got %.200r, want %.200r" %
                      (i + 1, c, types[c], g[c], v))
                return 1
    print("%d rows, %d columns equal" % (len(rows), len(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
