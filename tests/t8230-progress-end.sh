#!/bin/sh
# t8230-progress-end -- ads-progress at the end of a run: -m card (the
# lines the card reads, with the driver's done line and why each source
# stopped) and -m end (the summary the run prints), from the files of a
# run made here.
. "$(dirname "$0")/lib.sh"
checks 9

A=$T/out/.ads
mkdir -p "$A/run" "$A/progress" "$A/raw" "$A/log" "$T/out"
R=$A/run
P=$A/progress
# wiki: met its quota over two rounds; arxiv: ran dry; news: its
# fetcher skipped it; kaggle: failed; hub: the driver skipped it;
# reddit: some requests failed; github: did not finish.
for s in wiki arxiv news kaggle reddit github; do echo 100 >"$R/$s.start"; done
echo 0 >"$R/wiki.rc"; echo 30 >"$R/wiki.asked"; seq 30 >"$A/raw/wiki.jsonl"
: >"$A/raw/wiki.key"
printf '%s\n' '{"phase":"fetch","done":3}' \
    '{"tool":"ads-fetch-wiki","phase":"done","out":12,"requests":3,"cached":1,"failed":0,"retries":2}' \
    '{"tool":"ads-fetch-wiki","phase":"done","out":30,"requests":2,"cached":0,"failed":1,"retries":0}' >"$P/wiki.jsonl"
echo 0 >"$R/arxiv.rc"; echo 60 >"$R/arxiv.asked"; seq 20 >"$A/raw/arxiv.jsonl"
: >"$A/raw/arxiv.key"
echo '{"phase":"done","requests":4}' >"$P/arxiv.jsonl"
echo 0 >"$R/news.rc"; echo 10 >"$R/news.asked"; : >"$A/raw/news.jsonl"
printf '%s\n' '{"phase":"skipped","reason":"no key\u001b[2J"}' >"$P/news.jsonl"
echo 3 >"$R/kaggle.rc"; echo 10 >"$R/kaggle.asked"
printf 'one\ntwo\nthree\033[31m\n' >"$A/log/kaggle.log"
rm "$R/github.start"
echo 'ads-fetch-hub is not installed' >"$R/hub.note"; echo 5 >"$R/hub.asked"
echo 4 >"$R/reddit.rc"; echo 8 >"$R/reddit.asked"; seq 2 >"$A/raw/reddit.jsonl"
: >"$A/raw/reddit.key"
echo '{"phase":"done","requests":9,"failed":7}' >"$P/reddit.jsonl"
echo '{"phase":"done","in":52,"out":50,"pii":{"email":2}}' >"$P/scrub.jsonl"
echo '{"phase":"done","in":50,"out":40,"dropped":{"near":10}}' >"$P/dedup.jsonl"
echo '{"phase":"done","in":40,"out":40,"splits":{"test":4,"extra":0,"train":32,"validation":4}}' >"$P/export.jsonl"
echo '{"counts":{"sources":{"wiki":30,"arxiv":10}}}' >"$T/out/dataset_card.json"
echo '{"phase":"done","in":1,"out":1}' >"$P/plan.jsonl"
src="wiki arxiv news kaggle hub reddit github"

ads-progress -m card -a "$A" -w "$src" -t "scrub dedup export" -n 50 -R 2 \
    -k en,de >"$T/card" 2>"$T/err"
rc=$?
cat >"$T/want" <<'EOT'
{"phase":"done","in":1,"out":1}
{"tool":"ads-fetch-wiki","phase":"done","out":12,"requests":3,"cached":1,"failed":0,"retries":2}
{"tool":"ads-fetch-wiki","phase":"done","out":30,"requests":2,"cached":0,"failed":1,"retries":0}
{"phase":"done","requests":4}
{"phase":"skipped","reason":"no key\u001b[2J"}
{"phase":"done","requests":9,"failed":7}
{"phase":"done","in":52,"out":50,"pii":{"email":2}}
{"phase":"done","in":50,"out":40,"dropped":{"near":10}}
{"tool":"ads","source":"hub","phase":"skipped","done":0,"reason":"ads-fetch-hub is not installed"}
{"tool":"ads","phase":"done","target_rows":50,"rounds":2,"languages_kept":["en","de"],"sources":{"wiki":{"asked":30,"fetched":30,"stopped":"quota met"},"arxiv":{"asked":60,"fetched":20,"stopped":"source exhausted"},"news":{"asked":10,"fetched":0,"stopped":"skipped: no key[2J"},"kaggle":{"asked":10,"fetched":0,"stopped":"failed"},"hub":{"asked":5,"fetched":0,"stopped":"skipped: ads-fetch-hub is not installed"},"reddit":{"asked":8,"fetched":2,"stopped":"failed"},"github":{"asked":0,"fetched":0,"stopped":"failed"}}}
EOT
if test "$rc" -eq 0 && diff "$T/want" "$T/card" >"$T/diff"; then
	ok "card: every tool's final lines, the skipped source, the driver's line"
else
	not_ok "card" "exit $rc" "$(cat "$T/diff" "$T/err")"
fi

ads-progress -m end -a "$A" -w "$src" -t "scrub dedup export" -n 50 \
    -R 3,2 -b 0 -c "$T/out/dataset_card.json" -D "here (jsonl)" >"$T/sum" 2>"$T/err"
rc=$?
sed 's/^  time: [0-9]*s$/  time: Ns/' "$T/sum" >"$T/sumn"
cat >"$T/want" <<EOT
ads: summary
  wiki             30 records (5 requests over 2 rounds, 1 cached, 2 retried, 1 failed) done; 30 in the dataset
  arxiv            20 records (4 requests, 0 cached, 0 retried, 0 failed) done; ran dry at 20 of 60; 10 in the dataset
  news         skipped: no key[2J
  kaggle       failed (exit 3): see $A/log/kaggle.log
      two
      three[31m
  hub          skipped: ads-fetch-hub is not installed
  reddit            2 records (9 requests, 0 cached, 0 retried, 7 failed) some requests failed; see $A/log/reddit.log; 0 in the dataset
  github       did not finish
  scrub       52 in, 50 out, replaced: 2 email
  dedup       50 in, 40 out, dropped: 10 near
  export      40 in, 40 out
  40 rows of 50 asked (32 train, 4 validation, 4 test)
  shortfall: 10 rows: ran dry: arxiv; news skipped (no key[2J); kaggle failed; hub skipped (ads-fetch-hub is not installed); reddit had failed requests; github did not finish; the stages dropped too many even after 2 more rounds of fetching, the most there are
  time: Ns
  dataset: here (jsonl)
EOT
if test "$rc" -eq 4 && diff "$T/want" "$T/sumn" >"$T/diff"; then
	ok "end: the summary, sources and stages, shortfall and why, exit 4"
else
	not_ok "end" "exit $rc" "$(cat "$T/diff" "$T/err")"
fi
# The card counts a fetcher's requests as the summary does: summed over
# the rounds, which it names.
if have_tool ads-export; then
	echo '{"id":"w:1","source":"wiki","text":"a","split":"train"}' >"$T/one.jsonl"
	ads-export -f jsonl -S "$T/card" -o "$T/cardout" "$T/one.jsonl" 2>"$T/err"
	if jq -e '.stages["ads-fetch-wiki"] | .requests == 5 and
	    .cached == 1 and .retries == 2 and .failed == 1 and .rounds == 2 and
	    .out == 30' "$T/cardout/dataset_card.json" >/dev/null &&
	    grep -q '| fetch wiki .*30 records fetched in the last of 2 rounds; 5 requests over the rounds (1 from the cache), 1 failed |' \
	    "$T/cardout/README.md"; then
		ok "card and summary: the requests of every round, 5 over 2 rounds"
	else
		not_ok "card: requests over the rounds" "$(cat "$T/err")" \
		    "$(jq -c '.stages' "$T/cardout/dataset_card.json")"
	fi
else
	skip "card and summary: requests" "ads-export not built"
fi
if ! LC_ALL=C grep -q "$(printf '\033')" "$T/sum"; then
	ok "end: no control characters from the logs and reasons"
else
	not_ok "end: control characters" "$(cat -v "$T/sum")"
fi

# Every row asked for, nothing failed: no shortfall, exit 0; no rows: no
# dataset.
rm -f "$R"/kaggle.* "$R"/news.* "$R"/reddit.* "$R"/hub.* "$R"/github.*
echo '{"phase":"done","in":50,"out":50,"splits":{"train":50}}' >"$P/export.jsonl"
ads-progress -m end -a "$A" -w wiki -t export -n 50 -R 1,2 -D there >"$T/sum"
rc=$?
if test "$rc" -eq 0 && grep -q '^  50 rows of 50 asked (50 train)$' "$T/sum" &&
    ! grep -q shortfall "$T/sum" && grep -q '^  dataset: there$' "$T/sum"; then
	ok "end: all rows, no shortfall, exit 0"
else
	not_ok "end: all rows" "exit $rc" "$(cat "$T/sum")"
fi
rm -f "$P/export.jsonl"
ads-progress -m end -a "$A" -w wiki -t export -n 50 -R 1,2 -D there >"$T/sum"
if grep -q '^  0 rows of 50 asked (no splits)$' "$T/sum" &&
    grep -q '^  no dataset: no rows to export$' "$T/sum"; then
	ok "end: no rows, no dataset"
else
	not_ok "end: no rows" "$(cat "$T/sum")"
fi
# A task of labels: the card's labelling, said after the rows.
echo '{"phase":"done","in":50,"out":50,"splits":{"train":50}}' >"$P/export.jsonl"
cat >"$T/out/dataset_card.json" <<'EOT'
{"counts":{"sources":{"wiki":50}},"labelling":{"rows":50,"labelled":8,
"by":{"source:wiki":8},"unlabelled":{"none:no-key":40,"none:x":2},
"why":["no LLM was configured (no key)","ads-label left them unlabelled (none:x)"],
"todo":"set an LLM key or ADS_LLM_URL and run again"}}
EOT
ads-progress -m end -a "$A" -w wiki -t export -n 50 -R 1,2 \
    -c "$T/out/dataset_card.json" -D there >"$T/sum"
if grep -qx '  50 rows of 50 asked (50 train)' "$T/sum" &&
    grep -qx '  8 of 50 rows labelled (source:wiki 8; unlabelled: none:no-key 40, none:x 2): no LLM was configured (no key); ads-label left them unlabelled (none:x)' "$T/sum" &&
    grep -qx '  to label them: set an LLM key or ADS_LLM_URL and run again' "$T/sum"; then
	ok "end: K of N rows labelled, by kind, why and what to do"
else
	not_ok "end: rows labelled" "$(cat "$T/sum")"
fi
rm -f "$P/export.jsonl"
expect_code 2 "card needs the run's folder" ads-progress -m card -w wiki
expect_code 2 "-R out of range" ads-progress -m end -a "$A" -R x
