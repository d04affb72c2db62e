#!/bin/sh
# t4010-export-tasks -- ads-export writes task rows with the Hub's
# conventions: "translation" a struct and "messages" a list of structs
# in Parquet (read back by DuckDB and hyparquet), the other task columns
# strings, and the card's task_categories and task_ids from the plan.
. "$(dirname "$0")/lib.sh"
checks 20

if ! have_tool ads-export; then
	skip "ads-export" "not built"
	exit 0
fi
R=$TOP/tests/readers
# shellcheck source=tests/readers/have.sh
. "$R/have.sh"

cat >"$T/tr.jsonl" <<'X'
{"id":"w:1#tr-it-0","source":"wikipedia","text":"An espresso machine brews coffee.","lang":"en","translation":{"en":"An espresso machine brews coffee.","it":"La macchina prepara il caffè."},"context_id":"w:1","meta":{"alignment":"comparable"},"split":"train"}
{"id":"w:1#tr-it-1","source":"wikipedia","text":"History of the machine.","lang":"en","translation":{"en":"History of the machine.","it":"Storia della macchina."},"context_id":"w:1","meta":{"alignment":"comparable"},"split":"train"}
{"id":"w:2#tr-de-0","source":"wikipedia","text":"Milk foam.","lang":"en","translation":{"en":"Milk foam.","de":"Milchschaum."},"context_id":"w:2","split":"test"}
X
cat >"$T/chat.jsonl" <<'X'
{"id":"r:1#chat","source":"reddit","text":"user: Is it dead?\n\nassistant: No, feed it.","messages":[{"role":"user","content":"Is it dead?"},{"role":"assistant","content":"No, feed it."}],"context_id":"r:1","split":"train"}
{"id":"r:2#chat","source":"reddit","text":"user: a\n\nassistant: b\n\nuser: c","messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"}],"context_id":"r:2","split":"train"}
X
cat >"$T/odd.jsonl" <<'X'
{"id":"o:1","source":"t","text":"x","translation":{"en":"x","n":1},"messages":"not a list","split":"train"}
X

# plan TASK [TASK_ID] -- a version 2 plan.
plan() {
	jq -n --arg t "$1" --arg i "${2:-}" '{version: 2, task: $t,
	    task_id: (if $i == "" then null else $i end),
	    languages: ["en", "it"], sources: {}}' >"$T/plan"
}

plan translation
expect_code 0 "translation rows exported" ads-export -p "$T/plan" \
    -o "$T/tr" "$T/tr.jsonl"
plan conversational dialogue-modeling
expect_code 0 "conversational rows exported" ads-export -p "$T/plan" \
    -o "$T/chat" "$T/chat.jsonl"
expect_code 0 "other shapes exported" ads-export -o "$T/odd" "$T/odd.jsonl"
if test "$readers" -eq 1; then
	for reader in duckdb hyparquet $more; do
		node "$R/$reader-rows.mjs" "$T/tr/data/train-00000-of-00001.parquet" \
		    >"$T/rows" 2>"$T/rerr"
		if jq -e -s '.[0].translation == {"en": "An espresso machine brews coffee.",
		    "it": "La macchina prepara il caffè.", "de": null} and
		    .[1].translation.it == "Storia della macchina." and
		    (.[0].meta | if type == "string" then fromjson else . end) ==
		    {"alignment": "comparable"}' "$T/rows" >/dev/null; then
			ok "translation: a struct of languages ($reader)"
		else
			not_ok "translation: a struct of languages ($reader)" \
			    "$(cat "$T/rows" "$T/rerr")"
		fi
		node "$R/$reader-rows.mjs" "$T/chat/data/train-00000-of-00001.parquet" \
		    >"$T/rows" 2>"$T/rerr"
		if jq -e -s '.[0].messages == [{"role": "user", "content": "Is it dead?"},
		    {"role": "assistant", "content": "No, feed it."}] and
		    (.[1].messages | length) == 3 and .[1].messages[2].content == "c"' \
		    "$T/rows" >/dev/null; then
			ok "messages: a list of {role, content} structs ($reader)"
		else
			not_ok "messages: a list of {role, content} structs ($reader)" \
			    "$(cat "$T/rows" "$T/rerr")"
		fi
		node "$R/$reader-rows.mjs" "$T/odd/data/train-00000-of-00001.parquet" \
		    >"$T/rows" 2>"$T/rerr"
		if jq -e -s '(.[0].translation | if type == "string" then
		    fromjson else . end) == {"en": "x", "n": 1} and
		    .[0].messages == "not a list"' "$T/rows" >/dev/null; then
			ok "other shapes keep their JSON text ($reader)"
		else
			not_ok "other shapes keep their JSON text ($reader)" \
			    "$(cat "$T/rows" "$T/rerr")"
		fi
	done
	node "$R/hyparquet-rows.mjs" "$T/tr/data/train-00000-of-00001.parquet" \
	    meta >"$T/meta"
	jq -e '.columns | map(.name) | index("translation") as $i |
	    .[$i + 1:$i + 4] == ["en", "it", "de"]' "$T/meta" >/dev/null &&
	    ok "translation: one field a language, in order of appearance" ||
	    not_ok "translation: one field a language, in order of appearance" \
	    "$(cat "$T/meta")"
else
	skip "task columns read back" "node_modules missing (npm ci)" some
fi
grep -q '^task_categories:$' "$T/tr/README.md" &&
    sed -n '/^task_categories:/{n;p;}' "$T/tr/README.md" | grep -qx -- '- translation' &&
    ok "card: task_categories translation" ||
    not_ok "card: task_categories translation" "$(head -n 30 "$T/tr/README.md")"
if sed -n '/^task_categories:/{n;p;}' "$T/chat/README.md" | grep -qx -- '- text-generation' &&
    sed -n '/^task_ids:/{n;p;}' "$T/chat/README.md" | grep -qx -- '- dialogue-modeling'; then
	ok "card: conversational as text-generation, dialogue-modeling"
else
	not_ok "card: conversational as text-generation, dialogue-modeling" \
	    "$(head -n 30 "$T/chat/README.md")"
fi
plan question-answering extractive-qa
ads-export -p "$T/plan" -o "$T/qa" "$T/chat.jsonl" 2>/dev/null
sed -n '/^task_ids:/{n;p;}' "$T/qa/README.md" | grep -qx -- '- extractive-qa' &&
    ok "card: the plan's task_id" ||
    not_ok "card: the plan's task_id" "$(head -n 30 "$T/qa/README.md")"
# CSV keeps JSON text for both.
ads-export -f csv -o "$T/csv" "$T/tr.jsonl" 2>/dev/null
python3 -c 'import csv, json, sys
r = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert json.loads(r[0]["translation"])["it"] == "La macchina prepara il caffè."
' "$T/csv/data/train-00000-of-00001.csv" && ok "csv: translation as JSON text" ||
    not_ok "csv: translation as JSON text"
