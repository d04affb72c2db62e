#!/bin/sh
# t8220-plan-quota -- the driver's arithmetic on a plan in ads-plan:
# -Q the records each source is asked for in a round (a table of cases
# checked against the formula of ads-plan(1)), -L the languages kept,
# -C the check of a plan and the plan the driver runs.
. "$(dirname "$0")/lib.sh"
checks 40

if ! have_tool ads-plan; then
	skip "ads-plan -Q" "ads-plan is not built"
	exit 0
fi
# Table: plan sources | -Q argument | -w | expected lines (; between).
n=0
while IFS='|' read -r srcs qa sl want; do
	n=$((n + 1))
	printf '{"sources":%s}' "$srcs" >"$T/p$n.json"
	got=$(ads-plan -Q "$qa" ${sl:+-w "$sl"} -p "$T/p$n.json" 2>&1 | tr '\n' ';')
	if test "$got" = "$want"; then
		ok "-Q $qa over $srcs: $want"
	else
		not_ok "-Q $qa over $srcs" "want $want" "got  $got"
	fi
done <<'EOT'
{"a":{"limit":100},"b":{},"c":{"limit":300}}|100|a,b,c|a 25;b 50;c 75;
{"a":{"limit":100},"b":{},"c":{"limit":300}}|100,150,20,50|a b c|a 200;b 400;c 600;
{"a":{},"b":{}}|1000|a,b|a 750;b 750;
{"a":{},"b":{}}|1000,100|b,a|b 500;a 500;
{"a":{"limit":1},"b":{"limit":999}}|10|a,b|a 1;b 15;
{"a":{"limit":1},"b":{"limit":999}}|10,150,0|a,b|a 4;b 60;
{"a":{"limit":5}}|7,150,7|a|a 22;
{"a":{"limit":5}}|7,150,6,6|a|a 44;
{"a":{"limit":5}}|7,150,1,1,1|a|a 704;
{"a":{"limit":5}}|999999999,100000,0,0|a|a 999999999;
{"a":{},"b":{"limit":2},"zz":{}}|3||a 2;b 2;zz 2;
{"x y":{},"b":{}}|10||b 15;
{"a":{}}|10|news|news 15;
EOT
check "the table of cases ran" test "$n" -eq 13

# Bad arguments are usage errors.
printf '{"sources":{"a":{}}}' >"$T/p.json"
for a in "-Q 0" "-Q x" "-Q 10,0" "-Q 10,150,-1" "-Q 10,150,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1" \
    "-Q 10 -w a/b" "-Q 10 -L" "-L -n 5" "-w a" "-Q 10 -w a x"; do
	# shellcheck disable=SC2086
	expect_code 2 "usage: $a" ads-plan $a -p "$T/p.json"
done

# -L: the language tags, sorted, once each.
printf '%s' '{"languages":["en","de","en","x y","zh_Hant","e","toolongtag-1","pt-BR",3],"sources":{}}' |
    ads-plan -L -p - >"$T/l"
check "-L: tags sorted, once each" test "$(cat "$T/l")" = "de,en,pt-BR,zh_Hant"
printf '{"sources":{}}' | ads-plan -L -p - >"$T/l"
check "-L: no languages, an empty line" test "$(cat "$T/l")" = ""

# -C: the plan the driver runs.
printf '%s' '{"prompt":"p","keywords":["a","b","c","d"],"target_rows":33.7,"sources":{"news":{"limit":3}}}' >"$T/c.json"
ads-plan -C -w 'news arxiv' -p "$T/c.json" >"$T/c" 2>"$T/err"
check "-C: target_rows, sections for sources of -w it lacks" test "$(cat "$T/c")" = \
    '{"prompt":"p","keywords":["a","b","c","d"],"target_rows":33,"sources":{"news":{"limit":3},"arxiv":{"queries":["a","b","c"]}}}'
printf '{"prompt":"q"}' | ads-plan -C -n 7 -w github -p - >"$T/c"
check "-C: -n, a sources object, the prompt as a query" test "$(cat "$T/c")" = \
    '{"prompt":"q","target_rows":7,"sources":{"github":{"queries":["q"]}}}'
printf '{"sources":{}}' | ads-plan -C -p - >"$T/c"
check "-C: 1000 rows by default" test "$(cat "$T/c")" = '{"sources":{},"target_rows":1000}'
while IFS='|' read -r want plan; do
	printf '%s' "$plan" >"$T/bad.json"
	ads-plan -C -p "$T/bad.json" >"$T/out" 2>"$T/err"
	rc=$?
	if test "$rc" -eq 2 && ! test -s "$T/out" &&
	    grep -q "^ads-plan: $T/bad.json: invalid plan: $want" "$T/err"; then
		ok "-C: $want"
	else
		not_ok "-C: $want" "exit $rc" "$(cat "$T/out" "$T/err")"
	fi
done <<'EOT'
sources.arxiv.limit: must be a number from 1 to 999999999|{"sources":{"arxiv":{"limit":0}}}
sources.arxiv.lang: must be an array of strings|{"sources":{"arxiv":{"lang":"en"}}}
version: must be 1 or 2|{"version":null,"sources":{}}
columns: must be an array of strings|{"columns":[1],"sources":{}}
task: must be a string|{"task":1,"sources":{}}
labels: must be an array of objects with a string name|{"labels":[{"name":1}]}
sources.news: must be an object|{"sources":{"news":null}}
not a JSON object|3
not one JSON value|
not JSON|{
EOT
printf '%s' '{"version":9,"prompt":1,"task":2,"keywords":3,"languages":4,"columns":5}' |
    ads-plan -C -p - >"$T/out" 2>"$T/err"
check "-C: at most 5 reasons" test "$(wc -l <"$T/err")" -eq 5
