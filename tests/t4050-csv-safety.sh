#!/bin/sh
# t4050-csv-safety -- ads-export -f csv neutralises cells that a
# spreadsheet would run as formulas (OWASP, "CSV Injection"): a string
# cell or column name beginning with = + - @ TAB or CR is quoted and
# prefixed with a single quote; numbers, booleans and JSON text are not
# touched; -R writes the cells as they are; other formats never change.
. "$(dirname "$0")/lib.sh"
checks 19

if ! have_tool ads-export; then
	skip "csv safety" "ads-export is not built"
	exit 0
fi

# Titles and text as a hostile page could give them.
python3 - >"$T/in.jsonl" <<'EOF'
import json
rows = [
    ("eq", "=1+2"),
    ("plus", "+1+2"),
    ("minus", "-1+2"),
    ("at", "@SUM(A1:A2)"),
    ("tab", "\t=cmd"),
    ("cr", "\r=cmd"),
    ("link", '=HYPERLINK("http://x.example/?a,b","y")'),
    ("plain", "plain text, = inside"),
    ("empty", ""),
]
for i, (name, text) in enumerate(rows):
    print(json.dumps({"id": name, "source": "s", "text": text,
                      "title": text, "n": -5 - i, "x": -0.5,
                      "ok": i % 2 == 0, "meta": {"k": "=v"},
                      "@col": "=x"}, separators=(",", ":")))
EOF

# cells CSV -- the id, text, title, n, x, ok, meta and @col cells of
# every row as Python's csv module reads them, one JSON array a line.
cells() {
	python3 - "$1" <<'EOF'
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    print(json.dumps(next(r)))
    for row in r:
        print(json.dumps(row))
EOF
}

expect_code 0 "csv: export" ads-export -f csv -o "$T/c" "$T/in.jsonl"
C=$T/c/data/train-00000-of-00001.csv
cells "$C" >"$T/got"
python3 - "$T/in.jsonl" >"$T/want" <<'EOF'
import json, sys
bad = ("=", "+", "-", "@", "\t", "\r")
def safe(s):
    return "'" + s if s[:1] in bad else s
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(json.dumps([safe(k) for k in recs[0]]))
for r in recs:
    print(json.dumps([safe(r["id"]), "s", safe(r["text"]), safe(r["title"]),
                      str(r["n"]), "-0.5", "true" if r["ok"] else "false",
                      '{"k":"=v"}', safe(r["@col"])]))
EOF
cmp_out "csv: formula cells and names prefixed with a quote, the rest as is" \
    "$T/want" "$T/got"

# The bytes: quoted, the quote inside the quotes, quotes doubled.
for want in '"'"'"'=1+2"' '"'"'"'-1+2"' '"'"'"'@SUM(A1:A2)"' \
    '"'"'"'=HYPERLINK(""http://x.example/?a,b"",""y"")"' \
    '"'"'"'@col"' ',-5,' ',-0.5,'; do
	if grep -qF -- "$want" "$C"; then
		ok "csv bytes: $want"
	else
		not_ok "csv bytes: $want" "$(head -c 600 "$C")"
	fi
done
# A formula never starts a cell unquoted.
if grep -q '\(^\|,\)[=+@]' "$C"; then
	not_ok "csv: no cell starts with = + or @" "$(grep '\(^\|,\)[=+@]' "$C")"
else
	ok "csv: no cell starts with = + or @"
fi

# -R: the cells as they are.
expect_code 0 "csv -R: export" ads-export -R -f csv -o "$T/r" "$T/in.jsonl"
R=$T/r/data/train-00000-of-00001.csv
cells "$R" >"$T/got"
python3 - "$T/in.jsonl" >"$T/want" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(json.dumps(list(recs[0])))
for r in recs:
    print(json.dumps([r["id"], "s", r["text"], r["title"], str(r["n"]),
                      "-0.5", "true" if r["ok"] else "false",
                      '{"k":"=v"}', r["@col"]]))
EOF
cmp_out "csv -R: every cell as it is" "$T/want" "$T/got"
grep -q '^eq,s,=1+2,=1+2,' "$R" && ok "csv -R: =1+2 unquoted" ||
    not_ok "csv -R: =1+2 unquoted" "$(head -c 400 "$R")"
ads-export --raw-csv -f csv -o "$T/r2" "$T/in.jsonl" 2>/dev/null
cmp -s "$R" "$T/r2/data/train-00000-of-00001.csv" &&
    ok "csv --raw-csv is -R" || not_ok "csv --raw-csv is -R"

# The card says which.
jq -e '.csv_formula_cells == "quote-prefixed"' "$T/c/dataset_card.json" \
    >/dev/null && grep -q "start with an added \`'\`" "$T/c/README.md" &&
    ok "card: CSV formula cells quote-prefixed" ||
    not_ok "card: CSV formula cells quote-prefixed" "$(cat "$T/c/README.md")"
jq -e '.csv_formula_cells == "raw"' "$T/r/dataset_card.json" >/dev/null &&
    grep -q 'may run as a formula' "$T/r/README.md" &&
    ok "card: CSV formula cells raw with -R" ||
    not_ok "card: CSV formula cells raw with -R"

# JSON Lines and Parquet keep the text unchanged, with or without -R.
expect_code 0 "jsonl: export" ads-export -f jsonl -o "$T/j" "$T/in.jsonl"
cmp_out "jsonl: records unchanged" "$T/in.jsonl" \
    "$T/j/data/train-00000-of-00001.jsonl"
jq -e 'has("csv_formula_cells") | not' "$T/j/dataset_card.json" >/dev/null &&
    ok "card: nothing about formulas for JSON Lines" ||
    not_ok "card: nothing about formulas for JSON Lines"
