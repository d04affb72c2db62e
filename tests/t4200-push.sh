#!/bin/sh
# t4200-push -- ads-push against a stand-in for the Hugging Face Hub
# (tests/fixtures/hub/fakehub.py, on 127.0.0.1, answering with the
# recorded answers' shapes): a dataset folder is created, uploaded and
# committed with its Parquet files through LFS; the token goes only to
# the Hub's origin; a rerun uploads nothing again; a push that failed
# half-way resumes with only what is missing; bad input is refused.
. "$(dirname "$0")/lib.sh"
checks 12

if ! have_tool ads-push || ! have_tool ads-export || ! have_tool ads-split; then
	skip "ads-push" "ads-push, ads-export or ads-split is not built"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	skip "ads-push" "python3 is not installed"
	exit 0
fi
SOURCE_DATE_EPOCH=1764028800
ADS_HTTP_RETRIES=2
ADS_HTTP_BACKOFF=0.05
ADS_ALLOW_PRIVATE=127.0.0.1
HF_TOKEN=hf_test_token
export SOURCE_DATE_EPOCH ADS_HTTP_RETRIES ADS_HTTP_BACKOFF ADS_ALLOW_PRIVATE \
    HF_TOKEN
unset HF_HOME HF_TOKEN_PATH

ads-split "$FIXTURES/records.jsonl" 2>/dev/null |
    ads-export -o "$T/ds" 2>/dev/null
if ! test -s "$T/ds/data/train-00000-of-00001.parquet"; then
	not_ok "a dataset folder to push" "ads-export made none"
	exit 0
fi

srv=
# hub ARGS... -- start a fresh stand-in; sets ADS_HF_URL and $HLOG.
hub() {
	stop
	HLOG=$T/hub.$$.$(date +%s%N).log
	: >"$HLOG"
	rm -f "$T/port"
	python3 "$TOP/tests/fixtures/hub/fakehub.py" -p "$T/port" -l "$HLOG" \
	    "$@" 2>"$T/hub.err" &
	srv=$!
	i=0
	while ! test -s "$T/port" && test $i -lt 100; do
		sleep 0.05
		i=$((i + 1))
	done
	ADS_HF_URL=http://127.0.0.1:$(cat "$T/port")
	export ADS_HF_URL
}
stop() {
	if test -n "$srv"; then
		kill "$srv" 2>/dev/null
		wait "$srv" 2>/dev/null
	fi
	srv=
}
trap 'stop; rm -rf "$T"' EXIT
# count PATTERN -- requests in the log matching PATTERN.
count() {
	grep -c "$1" "$HLOG"
}

# A first push: created, three Parquet files through LFS, one commit
# with the card inline.
hub
ads-push -m "first" user/reviews "$T/ds" >"$T/out" 2>"$T/err"
rc=$?
commits=$HLOG.commits
if test $rc -eq 0 && test "$(count '"PUT"')" -eq 3 &&
    grep -q '^http://127.0.0.1:[0-9]*/datasets/user/reviews/commit/' "$T/out" &&
    test -s "$commits" &&
    test "$(jq -r '.[0].files | keys | join(",")' "$commits")" = \
    "LICENSE.md,README.md,data/test-00000-of-00001.parquet,data/train-00000-of-00001.parquet,data/validation-00000-of-00001.parquet,dataset_card.json" &&
    test "$(jq -r '.[0].summary' "$commits")" = first &&
    test "$(jq -r '.[0].files["data/train-00000-of-00001.parquet"].oid' "$commits")" = \
    "$(sha256sum <"$T/ds/data/train-00000-of-00001.parquet" | cut -d' ' -f1)" &&
    jq -r '.[0].files["README.md"].content' "$commits" | base64 -d |
    cmp -s - "$T/ds/README.md"; then
	ok "a dataset folder pushed: repo created, Parquet through LFS, the card inline, one commit"
else
	not_ok "first push" "exit $rc" "$(cat "$T/err")" "$(cat "$HLOG")"
fi
# The token: on every Hub route, never on the upload URLs (another
# origin's), which get the header the batch answer named.
if test "$(grep '"PUT"' "$HLOG" | grep -c '"auth": false')" -eq 3 &&
    test "$(grep '"PUT"' "$HLOG" | grep -c '"upload_token": true')" -eq 3 &&
    test "$(grep -v '"PUT"' "$HLOG" | grep -c '"auth": false')" -eq 0 &&
    ! grep -q hf_test_token "$T/out" "$T/err" "$HLOG"; then
	ok "the token goes to the Hub's routes only, and is never printed"
else
	not_ok "token scope" "$(cat "$HLOG")"
fi

# The same push again: the repository exists, the objects are there,
# nothing is uploaded again.
: >"$HLOG"
ads-push user/reviews "$T/ds" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(count '"PUT"')" -eq 0 &&
    grep -q 'exists; pushing to it' "$T/err" &&
    grep -q '3 through LFS (0 uploaded, 3 already on the Hub)' "$T/err"; then
	ok "pushed again: nothing uploaded twice"
else
	not_ok "second push" "exit $rc" "$(cat "$T/err")"
fi

# A push that fails half-way (the second upload answers 500 through
# every retry), then resumes: only the missing objects are uploaded.
hub --fail-puts 3
ads-push user/resume "$T/ds" >"$T/out" 2>"$T/err"
rc1=$?
puts1=$(count '"PUT"')
ok1=$(grep '"PUT"' "$HLOG" | head -n 1 | sed 's/.*"oid": "\([0-9a-f]*\)".*/\1/')
ads-push user/resume "$T/ds" >"$T/out2" 2>"$T/err2"
rc2=$?
again=$(grep '"PUT"' "$HLOG" | grep -c "$ok1")
if test $rc1 -eq 4 && grep -q 'failed to upload.*nothing was committed' "$T/err" &&
    test "$puts1" -ge 4 && test $rc2 -eq 0 && test "$again" -eq 1 &&
    test "$(jq length "$HLOG.commits")" -eq 1 &&
    grep -q '(1 uploaded, 2 already on the Hub)' "$T/err2"; then
	ok "a failed push resumes: exit 4 and no commit, then only the missing files"
else
	not_ok "resume" "exits $rc1 $rc2, $puts1 uploads, first object uploaded $again times" \
	    "$(cat "$T/err" "$T/err2")"
fi

# An upload URL on a private address not allowed is refused before any
# connection; nothing is committed.
hub --upload-host 127.0.0.2
ads-push user/private "$T/ds" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(count '"PUT"')" -eq 0 &&
    ! test -s "$HLOG.commits" && ! grep -q 'Signature=abc' "$T/err"; then
	ok "an upload URL on a private address is refused, its signature never printed"
else
	not_ok "private upload URL" "exit $rc" "$(cat "$T/err")"
fi

# A card with license other: its license_link, LICENSE.md, goes too.
hub
ads-export -o "$T/lic" "$FIXTURES/export/hub.jsonl" 2>/dev/null
ads-push user/lic "$T/lic" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(jq -r '.[0].files | keys | join(",")' \
    "$HLOG.commits")" = \
    "LICENSE.md,README.md,data/test-00000-of-00001.parquet,data/train-00000-of-00001.parquet,dataset_card.json" &&
    jq -r '.[0].files["LICENSE.md"].content' "$HLOG.commits" | base64 -d |
    cmp -s - "$T/lic/LICENSE.md"; then
	ok "LICENSE.md, the card's license_link, is pushed with the card"
else
	not_ok "LICENSE.md pushed" "exit $rc" "$(cat "$T/err")" \
	    "$(cat "$HLOG.commits")"
fi

# Bad input.
hub
expect_code 2 "a repository id that is a path" ads-push ../x "$T/ds"
expect_code 2 "a folder without README.md" ads-push user/x "$T/ds/data"
mkdir -p "$T/linked"
cp "$T/ds/README.md" "$T/linked/"
ln -s "$T/ds/data" "$T/linked/data"
expect_code 2 "a data folder that is a link" ads-push user/x "$T/linked"
(
	unset HF_TOKEN
	HOME=$T/home
	export HOME
	expect_code 2 "no token" ads-push user/x "$T/ds"
	mkdir -p "$T/home/.cache/huggingface"
	printf 'hf_test_token\n' >"$T/home/.cache/huggingface/token"
	: >"$HLOG"
	if ads-push user/fromfile "$T/ds" >"$T/out" 2>"$T/err"; then
		ok "the token from huggingface-cli login's file"
	else
		not_ok "token file" "$(cat "$T/err")"
	fi
)
# A dry run lists the files with their digests and asks nothing.
: >"$HLOG"
if ads-push -n user/x "$T/ds" >"$T/out" 2>"$T/err" &&
    test "$(wc -l <"$T/out")" -eq 6 && ! test -s "$HLOG" &&
    grep -q "^README.md	[0-9]*	[0-9a-f]\{64\}$" "$T/out"; then
	ok "-n lists the files and sends nothing"
else
	not_ok "-n" "$(cat "$T/out" "$T/err")"
fi
