#!/bin/sh
# t4020-hub-ready -- ads-export for the Hugging Face Hub: times as
# Parquet TIMESTAMP and uniform RFC 3339, JSON columns with the JSON
# logical type, labels as ClassLabel integers with the "huggingface"
# features in the footer, and the card's license_name, license_link and
# dataset_info checked against the dataset card specification.
. "$(dirname "$0")/lib.sh"
checks 33

if ! have_tool ads-export; then
	skip "ads-export" "not built"
	exit 0
fi
R=$TOP/tests/readers
X=$FIXTURES/export
# shellcheck source=tests/readers/have.sh
. "$R/have.sh"

P=$X/hub-plan.json
expect_code 0 "parquet with a plan's label set" \
    ads-export -p "$P" -o "$T/p" "$X/hub.jsonl"
expect_code 0 "csv with a plan's label set" \
    ads-export -f csv -p "$P" -o "$T/c" "$X/hub.jsonl"
expect_code 0 "jsonl with a plan's label set" \
    ads-export -f jsonl -p "$P" -o "$T/j" "$X/hub.jsonl"
expect_code 0 "parquet without a plan" ads-export -o "$T/n" "$X/hub.jsonl"

train=$T/p/data/train-00000-of-00001.parquet
test_=$T/p/data/test-00000-of-00001.parquet
if test "$readers" -eq 1; then
	node "$R/parquet-schema.mjs" "$train" >"$T/s-train" 2>"$T/err" &&
	node "$R/parquet-schema.mjs" "$test_" >"$T/s-test" 2>>"$T/err" ||
	    not_ok "schema read" "$(cat "$T/err")"
	if jq -e '.hyparquet.columns | map(select(.name == "created" or
	    .name == "retrieved")) | length == 2 and all(.type == "INT64" and
	    .converted_type == "TIMESTAMP_MICROS" and
	    .logical_type == {"type": "TIMESTAMP", "isAdjustedToUTC": true,
	    "unit": "MICROS"})' "$T/s-train" >/dev/null; then
		ok "times: INT64 TIMESTAMP(UTC, MICROS)"
	else
		not_ok "times: INT64 TIMESTAMP(UTC, MICROS)" "$(cat "$T/s-train")"
	fi
	jq -e '.duckdb.created == "TIMESTAMP WITH TIME ZONE" and
	    .duckdb.retrieved == "TIMESTAMP WITH TIME ZONE" and
	    .duckdb.label == "BIGINT" and .duckdb.meta == "JSON" and
	    .duckdb.text == "VARCHAR"' "$T/s-train" >/dev/null &&
	    ok "DuckDB: timestamp with time zone, label BIGINT, meta JSON" ||
	    not_ok "DuckDB: timestamp with time zone, label BIGINT, meta JSON" \
	    "$(jq -c .duckdb "$T/s-train")"
	jq -e '.hyparquet.columns[] | select(.name == "meta") |
	    .converted_type == "JSON" and .logical_type == {"type": "JSON"}' \
	    "$T/s-train" >/dev/null &&
	    ok "JSON column: JSON logical type" ||
	    not_ok "JSON column: JSON logical type" "$(cat "$T/s-train")"
	if jq -e '.hyparquet.metadata.huggingface | fromjson | .info.features |
	    .label == {"names": ["negative", "neutral", "positive"],
	    "_type": "ClassLabel"} and
	    .created == {"dtype": "timestamp[us, tz=UTC]", "_type": "Value"} and
	    .text == {"dtype": "string", "_type": "Value"} and
	    .meta == {"dtype": "string", "_type": "Value"} and
	    keys_unsorted == ["id", "source", "text", "split", "license",
	    "created", "retrieved", "label", "meta"]' "$T/s-train" >/dev/null
	then
		ok "footer: huggingface features, label a ClassLabel"
	else
		not_ok "footer: huggingface features, label a ClassLabel" \
		    "$(jq -r .hyparquet.metadata.huggingface "$T/s-train")"
	fi
	for reader in duckdb hyparquet $more; do
		{ node "$R/$reader-rows.mjs" "$train" &&
		    node "$R/$reader-rows.mjs" "$test_"; } >"$T/rows" 2>"$T/err"
		# JavaScript's dates have milliseconds.
		if jq -e -s 'map({"id": .id, "created": .created,
		    "retrieved": .retrieved, "label": .label}) == [
		    {"id": "h:1", "created": "2026-12-04T18:00:00.000Z",
		     "retrieved": "2026-12-04T17:00:00.500Z", "label": 2},
		    {"id": "h:2", "created": "2026-12-04T00:00:00.000Z",
		     "retrieved": "2026-12-04T17:00:00.123Z", "label": 0},
		    {"id": "h:3", "created": "2025-06-01T00:00:00.000Z",
		     "retrieved": "2026-12-04T17:00:00.000Z", "label": -1},
		    {"id": "h:4", "created": "2026-03-01T00:30:00.000Z",
		     "retrieved": "2026-12-04T17:00:00.000Z", "label": 1}]' \
		    "$T/rows" >/dev/null; then
			ok "$reader: times in UTC, labels as ClassLabel integers"
		else
			not_ok "$reader: times in UTC, labels as ClassLabel integers" \
			    "$(cat "$T/rows" "$T/err")"
		fi
	done
	# Microseconds, exactly: DuckDB's epoch_us.
	node -e '
	    import("@duckdb/node-api").then(async ({ DuckDBInstance }) => {
		const db = await DuckDBInstance.create(":memory:");
		const con = await db.connect();
		const r = await con.runAndReadAll("SELECT epoch_us(retrieved) " +
		    "AS us FROM read_parquet(\x27" + process.argv[1] + "\x27)");
		for (const x of r.getRowObjectsJS())
			console.log(String(x.us));
	    });' "$train" >"$T/us" 2>"$T/err"
	printf '%s\n' 1796403600500000 1796403600123456 >"$T/want"
	cmp -s "$T/us" "$T/want" && ok "DuckDB: microseconds kept" ||
	    not_ok "DuckDB: microseconds kept" "$(cat "$T/us" "$T/err")"
	# Polars and arrow-rs: the same types, microseconds exact.
	case " $more " in *" polars "*)
		node "$R/polars-rows.mjs" "$train" schema >"$T/pl" 2>"$T/err"
		# Polars reads the JSON logical type as Binary.
		jq -e '.created == "Datetime(us,UTC)" and
		    .retrieved == "Datetime(us,UTC)" and .label == "Int64" and
		    .text == "String" and (.meta == "Binary" or
		    .meta == "String")' "$T/pl" >/dev/null &&
		    ok "Polars: Datetime(us, UTC), label Int64" ||
		    not_ok "Polars: Datetime(us, UTC), label Int64" \
		    "$(cat "$T/pl" "$T/err")"
		node "$R/polars-rows.mjs" "$train" us retrieved >"$T/us" \
		    2>"$T/err"
		cmp -s "$T/us" "$T/want" && ok "Polars: microseconds kept" ||
		    not_ok "Polars: microseconds kept" "$(cat "$T/us" "$T/err")"
		;;
	esac
	case " $more " in *" arrow "*)
		node "$R/arrow-rows.mjs" "$train" schema >"$T/ar" 2>"$T/err"
		if jq -e '.columns.created == "Timestamp<MICROSECOND, UTC>" and
		    .columns.retrieved == "Timestamp<MICROSECOND, UTC>" and
		    .columns.label == "Int64" and .columns.meta == "Utf8" and
		    (.metadata.huggingface | fromjson | .info.features.label) ==
		    {"names": ["negative", "neutral", "positive"],
		    "_type": "ClassLabel"}' "$T/ar" >/dev/null; then
			ok "arrow-rs: Timestamp(us, UTC), label Int64 with its ClassLabel names"
		else
			not_ok "arrow-rs: Timestamp(us, UTC), label Int64 with its ClassLabel names" \
			    "$(cat "$T/ar" "$T/err")"
		fi
		node "$R/arrow-rows.mjs" "$train" us retrieved >"$T/us" \
		    2>"$T/err"
		cmp -s "$T/us" "$T/want" && ok "arrow-rs: microseconds kept" ||
		    not_ok "arrow-rs: microseconds kept" "$(cat "$T/us" "$T/err")"
		;;
	esac
	node "$R/parquet-schema.mjs" "$T/n/data/train-00000-of-00001.parquet" \
	    >"$T/s-n" 2>"$T/err"
	jq -e '.duckdb.label == "VARCHAR" and (.hyparquet.metadata.huggingface |
	    fromjson | .info.features.label) == {"dtype": "string",
	    "_type": "Value"}' "$T/s-n" >/dev/null &&
	    ok "no plan: label stays a string" ||
	    not_ok "no plan: label stays a string" "$(cat "$T/s-n" "$T/err")"
	check "card: the specification's fields, dataset_info, features" \
	    python3 "$R/hubcard.py" "$T/p" -f "$T/s-train" "$T/s-test"
	cat "$T/.out"
else
	skip "parquet readers" "node_modules missing (npm ci)" some
fi

# A label outside the plan's set: the column keeps its strings.
jq -c 'if .id == "h:4" then .label = "sarcastic" else . end' \
    "$X/hub.jsonl" >"$T/odd.jsonl"
expect_code 0 "a label outside the set" \
    ads-export -p "$P" -o "$T/o" "$T/odd.jsonl"
jq -e '.columns[] | select(.name == "label") | .type == "string"' \
    "$T/o/dataset_card.json" >/dev/null &&
    jq -e '.features.label == {"dtype": "string", "_type": "Value"}' \
    "$T/o/dataset_card.json" >/dev/null &&
    ok "a label outside the set: no ClassLabel" ||
    not_ok "a label outside the set: no ClassLabel" \
    "$(jq -c '.columns, .features' "$T/o/dataset_card.json")"
# A time that is no time: the column keeps its strings.
jq -c 'if .id == "h:4" then .created = "last week" else . end' \
    "$X/hub.jsonl" >"$T/odd.jsonl"
ads-export -p "$P" -o "$T/o2" "$T/odd.jsonl" 2>/dev/null
jq -e '[.columns[] | select(.name == "created" or .name == "retrieved") |
    .type] == ["string", "timestamp"]' "$T/o2/dataset_card.json" \
    >/dev/null && ok "a time that is no time: a string column" ||
    not_ok "a time that is no time: a string column" \
    "$(jq -c .columns "$T/o2/dataset_card.json")"

# JSON Lines and CSV: uniform RFC 3339, labels by name.
cat "$T"/j/data/*.jsonl | jq -c '[.id, .created, .retrieved, .label]' \
    | sort >"$T/got"
cat >"$T/want" <<'W'
["h:1","2026-12-04T18:00:00.000000Z","2026-12-04T17:00:00.500000Z","positive"]
["h:2","2026-12-04T00:00:00.000000Z","2026-12-04T17:00:00.123456Z","negative"]
["h:3","2025-06-01T00:00:00.000000Z","2026-12-04T17:00:00.000000Z",null]
["h:4","2026-03-01T00:30:00.000000Z","2026-12-04T17:00:00.000000Z","neutral"]
W
cmp -s "$T/got" "$T/want" && ok "jsonl: times as uniform RFC 3339" ||
    not_ok "jsonl: times as uniform RFC 3339" "$(cat "$T/got")"
python3 -c 'import csv, sys
for p in sys.argv[1:]:
    for r in csv.DictReader(open(p, newline="", encoding="utf-8")):
        print(r["id"], r["created"], r["retrieved"], r["label"])' \
    "$T"/c/data/*.csv | sort >"$T/got"
cat >"$T/want" <<'W'
h:1 2026-12-04T18:00:00.000000Z 2026-12-04T17:00:00.500000Z positive
h:2 2026-12-04T00:00:00.000000Z 2026-12-04T17:00:00.123456Z negative
h:3 2025-06-01T00:00:00.000000Z 2026-12-04T17:00:00.000000Z 
h:4 2026-03-01T00:30:00.000000Z 2026-12-04T17:00:00.000000Z neutral
W
cmp -s "$T/got" "$T/want" && ok "csv: times as uniform RFC 3339" ||
    not_ok "csv: times as uniform RFC 3339" "$(cat "$T/got")"
check "csv card: dataset_info" python3 "$R/hubcard.py" "$T/c" -f
check "jsonl card: dataset_info without features" \
    python3 "$R/hubcard.py" "$T/j"

# The card: license other with its name and link.
if sed -n '/^license:/,/^[a-z]/p' "$T/p/README.md" | grep -qx -- '- other' &&
    grep -qx 'license_name: example-terms-of-use' "$T/p/README.md" &&
    grep -qx 'license_link: LICENSE.md' "$T/p/README.md" &&
    grep -q '^| Example-Terms of Use | 2 | s2 |$' "$T/p/LICENSE.md"; then
	ok "card: license other, license_name, license_link to LICENSE.md"
else
	not_ok "card: license other, license_name, license_link to LICENSE.md" \
	    "$(head -n 12 "$T/p/README.md")" "$(cat "$T/p/LICENSE.md")"
fi
jq -c 'select(.id != "h:2" and .id != "h:3")' "$X/hub.jsonl" >"$T/cc.jsonl"
ads-export -p "$P" -o "$T/cc" "$T/cc.jsonl" 2>/dev/null
! grep -q '^license_' "$T/cc/README.md" && ! test -e "$T/cc/LICENSE.md" &&
    ok "card: no license_name nor LICENSE.md when every license has an id" ||
    not_ok "card: no license_name nor LICENSE.md when every license has an id" \
    "$(head -n 12 "$T/cc/README.md")"
sed -n '/^dataset_info:/,/^  splits:/p' "$T/p/README.md" >"$T/got"
cat >"$T/want" <<'W'
dataset_info:
  features:
  - name: "id"
    dtype: "string"
  - name: "source"
    dtype: "string"
  - name: "text"
    dtype: "string"
  - name: "split"
    dtype: "string"
  - name: "license"
    dtype: "string"
  - name: "created"
    dtype: "timestamp[us, tz=UTC]"
  - name: "retrieved"
    dtype: "timestamp[us, tz=UTC]"
  - name: "label"
    dtype:
      class_label:
        names:
          '0': "negative"
          '1': "neutral"
          '2': "positive"
  - name: "meta"
    dtype: "string"
  splits:
W
cmp -s "$T/got" "$T/want" && ok "card: dataset_info features" ||
    not_ok "card: dataset_info features" "$(cat "$T/got")"

# Times: precisions, offsets, and what is no time (kept as it is).
i=0
for t in 2024-02-29T23:59:59.9999999-00:30 2024-02-29 2023-02-29 \
    2026-13-01 "2026-12-04 18:00" 2026-12-04T18:00:60Z 1999 2026-1 \
    2026-12-04T18:00:00+24:00 0000-01-01T00:30:00+01:00 \
    9999-12-31T23:59:59.999999Z 2026-12-04T18:00:00.Z; do
	i=$((i + 1))
	jq -nc --arg t "$t" --arg i "t:$i" \
	    '{id: $i, source: "s", text: "x", created: $t}'
done >"$T/times.jsonl"
ads-export -f jsonl -o "$T/t" "$T/times.jsonl" 2>/dev/null
jq -r .created "$T"/t/data/*.jsonl >"$T/got"
cat >"$T/want" <<'W'
2024-03-01T00:29:59.999999Z
2024-02-29T00:00:00.000000Z
2023-02-29
2026-13-01
2026-12-04T18:00:00.000000Z
2026-12-04T18:01:00.000000Z
1999-01-01T00:00:00.000000Z
2026-1
2026-12-04T18:00:00+24:00
0000-01-01T00:30:00+01:00
9999-12-31T23:59:59.999999Z
2026-12-04T18:00:00.Z
W
cmp -s "$T/got" "$T/want" && ok "times: precisions, offsets, no times" ||
    not_ok "times: precisions, offsets, no times" "$(diff "$T/want" "$T/got")"

# LICENSE.md: one ads-export wrote goes when the new card needs none; a
# user's own is never replaced nor removed.
ads-export -o "$T/l" "$X/hub.jsonl" 2>/dev/null
ads-export -o "$T/l" "$T/cc.jsonl" 2>/dev/null
! test -e "$T/l/LICENSE.md" && ok "LICENSE.md of an earlier export removed" ||
    not_ok "LICENSE.md of an earlier export removed" "$(ls "$T/l")"
printf 'My terms.\n' >"$T/l/LICENSE.md"
ads-export -o "$T/l" "$X/hub.jsonl" 2>/dev/null
ads-export -o "$T/l" "$T/cc.jsonl" 2>/dev/null
test "$(cat "$T/l/LICENSE.md")" = "My terms." &&
    ok "a LICENSE.md ads-export did not write is kept" ||
    not_ok "a LICENSE.md ads-export did not write is kept" \
    "$(cat "$T/l/LICENSE.md")"

# A plan that names a label twice: once in the ClassLabel.
jq -c '.labels = [{"name": "negative"}, "negative", {"name": ""},
    {"name": "neutral"}, {"name": "positive"}]' "$P" >"$T/plan2"
ads-export -p "$T/plan2" -o "$T/d" "$X/hub.jsonl" 2>/dev/null
jq -e '.features.label == {"names": ["negative", "neutral", "positive"],
    "_type": "ClassLabel"}' "$T/d/dataset_card.json" >/dev/null &&
    ok "a label named twice counts once" ||
    not_ok "a label named twice counts once" \
    "$(jq -c .features.label "$T/d/dataset_card.json")"
