#!/bin/sh
# t0050-malformed -- every refine tool (ads-scrub, ads-dedup, ads-score,
# ads-split, ads-export) reports records that lack a string "id",
# "source" or "text" (ads-record(5)) and lines with invalid UTF-8 or a
# lone surrogate escape, in values and keys: a located message, exit 1,
# the line kept unchanged with -r, the good records still written; -U
# lets invalid UTF-8 through as U+FFFD.  On the fast paths and the
# libjq paths alike.
. "$(dirname "$0")/lib.sh"
checks 79

for t in ads-scrub ads-dedup ads-score ads-split ads-export; do
	if ! have_tool "$t"; then
		skip "malformed records" "$t is not built"
		exit 0
	fi
done

# The input: good records (a, h, k, p) among malformed lines of every
# kind.  Line numbers matter: the messages below name them.
python3 - >"$T/in.jsonl" <<'EOF'
import sys
sys.stdout.buffer.write(rb"""{"id":"a","source":"s","text":"the first good record is here"}
{"id":"b","source":"s"}
{"id":"c","source":5,"text":"a source that is a number"}
{"source":"s","text":"a record without any id"}
{"id":"e","source":"s","text":"caf\xe9 in Latin-1"}
{"id":"f","source":"s","te\xffxt":"a key with a bad byte"}
{"id":"g","source":"s","text":"a lone \udc00 surrogate"}
{"id":"h","source":"s","text":"the second good record, \u00e9t\u00e9"}
{"id":"i","source":"s","text":null}
{"id":"j","source":"s","text":"overlong \xc0\xaf slash"}
{}
{"id":"k","source":"s","text":1,"text":"the last of two texts counts"}
{"id":"l","source":"s","text":"the last of two texts counts","text":[1]}
{"id":"m","source":"s","text":"nested","meta":{"k":"v\xff"}}
{"id":"n","source":"s","text":"nested too","meta":{"k\u0041":"v\xff"}}
{ "id": "o", "source": "s", "text": "not compact but bad \xff" }
{"id":"p","source":"s","text":"the third good record, a pair \ud83d\ude00"}
""".replace(rb"\xe9", b"\xe9").replace(rb"\xff", b"\xff")
    .replace(rb"\xc0\xaf", b"\xc0\xaf"))
EOF
# The malformed lines, as the reject file must hold them.
sed -n '2,7p;9,11p;13,16p' "$T/in.jsonl" >"$T/want-rej"
# The messages, in order.
cat >"$T/want-msg" <<EOF
2: missing string "text"
3: missing string "source"
4: missing string "id"
5: invalid UTF-8 at byte 35
6: invalid UTF-8 at byte 27
7: lone surrogate escape at byte 39
9: missing string "text"
10: invalid UTF-8 at byte 41
11: missing string "id"
13: missing string "text"
14: invalid UTF-8 at byte 54
15: invalid UTF-8 at byte 64
16: invalid UTF-8 at byte 58
EOF
printf '%s\n' a h k p >"$T/want-ids"

# run TOOL [ARGS...] -- TOOL on in.jsonl: stdout in out (for ads-export,
# the JSON Lines it wrote), stderr in err, exit status in rc, sorted ids
# in ids.
run() {
	rt=$1
	shift
	if test "$rt" = ads-export; then
		rm -rf "$T/x"
		ads-export -f jsonl -o "$T/x" "$@" "$T/in.jsonl" >/dev/null \
		    2>"$T/err"
		echo $? >"$T/rc"
		cat "$T"/x/data/*.jsonl >"$T/out" 2>/dev/null
	else
		"$rt" "$@" "$T/in.jsonl" >"$T/out" 2>"$T/err"
		echo $? >"$T/rc"
	fi
	jq -r .id "$T/out" 2>/dev/null | sort >"$T/ids"
}

# msgs TOOL -- the located messages of err, less the tool and file name.
msgs() {
	sed -n "s|^$1: $T/in.jsonl:||p" "$T/err"
}

for tool in ads-scrub ads-dedup ads-score ads-split ads-export; do
	case $tool in
	ads-score) a="-k" ;;	# keep what the filters would drop
	ads-split) a="-p 100/0" ;;
	*) a="" ;;
	esac
	for path in fast slow; do
		if test $path = slow; then
			ADS_NO_FASTPATH=1
			export ADS_NO_FASTPATH
		fi
		# shellcheck disable=SC2086 # $a is words on purpose
		run "$tool" $a -r "$T/rej"
		unset ADS_NO_FASTPATH
		n="$tool ($path path)"
		test "$(cat "$T/rc")" -eq 1 && ok "$n: exit 1" ||
		    not_ok "$n: exit 1" "exit $(cat "$T/rc")" "$(cat "$T/err")"
		cmp_out "$n: good records still flow" "$T/want-ids" "$T/ids"
		msgs "$tool" >"$T/msg"
		cmp_out "$n: one located message per malformed line" \
		    "$T/want-msg" "$T/msg"
		cmp_out "$n: -r keeps the malformed lines unchanged" \
		    "$T/want-rej" "$T/rej"
		rm -f "$T/rej"
	done

	# -U: invalid UTF-8 in values flows, repaired; a repaired key is
	# still not "text"; the missing members are still reported.
	# shellcheck disable=SC2086
	run "$tool" $a -U
	printf '%s\n' a e g h j k m n o p >"$T/want"
	cmp_out "$tool -U: invalid UTF-8 repaired and kept" "$T/want" "$T/ids"
	if test "$(cat "$T/rc")" -eq 1 &&
	    msgs "$tool" | grep -q '^6: missing string "text"$' &&
	    ! msgs "$tool" | grep -q 'UTF-8\|surrogate'; then
		ok "$tool -U: exit 1 for the other lines, none for UTF-8"
	else
		not_ok "$tool -U: messages" "exit $(cat "$T/rc")" "$(cat "$T/err")"
	fi
	jq -r 'select(.id == "e" or .id == "g") | .text' "$T/out" >"$T/u"
	printf 'caf\357\277\275 in Latin-1\na lone \357\277\275 surrogate\n' \
	    >"$T/want"
	cmp_out "$tool -U: U+FFFD in place of the bad bytes" "$T/want" "$T/u"

	# -s: the first malformed line ends the input, after the first
	# record was written.
	# shellcheck disable=SC2086
	run "$tool" $a -s
	printf 'a\n' >"$T/want"
	if test "$(cat "$T/rc")" -eq 1 && cmp -s "$T/want" "$T/ids"; then
		ok "$tool -s: stops at line 2, exit 1"
	else
		not_ok "$tool -s" "exit $(cat "$T/rc")" "$(cat "$T/ids")"
	fi
done

# Lines that are only bad UTF-8: with -U nothing is malformed (exit 0).
sed -n '5p;7p;10p' "$T/in.jsonl" >"$T/u8.jsonl"
for tool in ads-scrub ads-dedup ads-score ads-split; do
	expect_code 0 "$tool -U: only invalid UTF-8 is exit 0" \
	    "$tool" -U "$T/u8.jsonl"
	expect_code 1 "$tool: only invalid UTF-8 is exit 1" \
	    "$tool" "$T/u8.jsonl"
done
expect_code 0 "ads-export -U: only invalid UTF-8 is exit 0" \
    ads-export -U -f jsonl -o "$T/u8" "$T/u8.jsonl"

# ads-export's CSV and Parquet read lines through its own scanner.
for f in csv parquet; do
	rm -rf "$T/x" "$T/rej"
	ads-export -f $f -r "$T/rej" -o "$T/x" "$T/in.jsonl" >/dev/null \
	    2>"$T/err"
	rc=$?
	msgs ads-export >"$T/msg"
	if test $rc -eq 1 && cmp -s "$T/want-msg" "$T/msg" &&
	    cmp -s "$T/want-rej" "$T/rej"; then
		ok "ads-export -f $f: the same messages and rejects"
	else
		not_ok "ads-export -f $f" "exit $rc" \
		    "$(diff "$T/want-msg" "$T/msg")"
	fi
done
rm -rf "$T/x"
ads-export -f csv -o "$T/x" "$T/in.jsonl" 2>/dev/null
python3 - "$T/x/data/train-00000-of-00001.csv" >"$T/ids" 2>&1 <<'EOF'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
print("\n".join(sorted(r["id"] for r in rows)))
EOF
cmp_out "ads-export -f csv: good records still flow" "$T/want-ids" "$T/ids"
rm -rf "$T/x"
ads-export -U -f csv -o "$T/x" "$T/in.jsonl" 2>/dev/null
python3 - "$T/x/data/train-00000-of-00001.csv" >"$T/ids" 2>&1 <<'EOF'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
print("\n".join(sorted(r["id"] + " " + r["text"] for r in rows
                     if r["id"] in ("e", "g"))))
EOF
printf 'e caf\357\277\275 in Latin-1\ng a lone \357\277\275 surrogate\n' >"$T/want"
cmp_out "ads-export -U -f csv: repaired text in the cells" "$T/want" "$T/ids"

# ads-dedup reads --against data with the same checks.
printf '%s\n' '{"id":"old","text":"no source here"}' >"$T/old.jsonl"
ads-dedup -a "$T/old.jsonl" "$T/u8.jsonl" -U >/dev/null 2>"$T/err"
rc=$?
if test $rc -eq 1 &&
    grep -q "^ads-dedup: $T/old.jsonl:1: missing string \"source\"$" \
    "$T/err"; then
	ok "ads-dedup -a: a malformed line of the data against is reported"
else
	not_ok "ads-dedup -a: malformed against data" "exit $rc" "$(cat "$T/err")"
fi

# The usage of every tool names -U.
for tool in ads-scrub ads-dedup ads-score ads-split ads-export; do
	"$tool" -h | grep -q -- '-[a-zA-Z]*U' && ok "$tool -h shows -U" ||
	    not_ok "$tool -h shows -U" "$("$tool" -h)"
done
