#!/bin/sh
# t8100-driver-safety -- the driver as an attacker and an unlucky user
# would try it, on the stand-in tools of t8000: hostile -o names and plan
# values run no command, a folder ads did not write is refused, planted
# links under OUT/.ads are not followed, the dry run's temporary plan is
# not predictable, invalid plans stop with exit 3, the progress monitor
# never outlives the driver, two runs on one folder do not interleave,
# and a full disk is named.
. "$(dirname "$0")/lib.sh"
checks 51

if ! have_tool ads; then
	skip "driver safety" "ads is not built"
	exit 0
fi
D=$FIXTURES/driver
PLAN=$D/plan.json
FB=$T/fb
mkdir -p "$FB"
cp "$BIN/ads" "$BIN/ads-args" "$BIN/ads-progress" "$BIN/ads-plan" "$BIN/ads-engine" "$FB/"
cp "$BIN/ads-plan" "$FB/ads-plan.real"
for s in wikipedia reddit youtube kaggle huggingface arxiv news github; do
	cp "$D/fake/ads-fetch" "$FB/ads-fetch-$s"
done
for g in scrub dedup label score fit split; do
	cp "$D/fake/ads-stage" "$FB/ads-$g"
done
cp "$D/fake/ads-export" "$D/fake/ads-plan" "$FB/"
chmod 755 "$FB"/*
PATH=$FB:/usr/local/bin:/usr/bin:/bin
export PATH
unset FAKE_DRY FAKE_FAIL FAKE_NOKEY FAKE_CRASH FAKE_SLOW FAKE_DUPS
FAKE_LOG=$T/calls
FAKE_PLAN=$PLAN
export FAKE_LOG FAKE_PLAN
cd "$T" || exit 1
nl='
'

# lines FILE -- its number of lines.
lines() {
	wc -l <"$1" | tr -d ' '
}

# pwned -- true when any command smuggled in by a test ran.
pwned() {
	ls "$T"/pwn* >/dev/null 2>&1
}

# Hostile -o names: the dataset lands in the folder named, byte for
# byte, and no command in the name runs (the monitor used to build an
# awk system() from it).
# shellcheck disable=SC2016
for o in 'x$(touch pwn1)' 'x`touch pwn2`' 'x;touch pwn3' "q'uote\"d" \
    "-dash" "new${nl}line" 'back\nslash' 'sp  ace' '*' "tail$nl"; do
	: >"$FAKE_LOG"
	ads -P json -p "$PLAN" -f jsonl -w wikipedia,arxiv -o "$o" \
	    >"$T/out" 2>"$T/err"
	rc=$?
	shown=$(printf '%s' "$o" | od -An -c | tr -s ' ')
	if test $rc -eq 0 && ! pwned && test -d "./$o/.ads" &&
	    test "$(lines "./$o/data/train.jsonl")" -eq 40 &&
	    grep -q '^@@PROGRESS@@ .*"phase":"done"' "$T/out"; then
		ok "-o $shown: the dataset is there and nothing ran"
	else
		not_ok "-o $shown" "exit $rc" "$(ls "$T")" "$(cat "$T/err")"
		rm -f "$T"/pwn*
	fi
done
if ! test -e tail && ! test -e new && ! test -e x; then
	ok "hostile names are not cut short"
else
	not_ok "hostile names cut short" "$(ls "$T")"
fi
# The dry run prints commands a shell can run as shown: the output
# folder comes back the same.
# shellcheck disable=SC2016
ads -d -p "$PLAN" -w arxiv -o 'd$(touch pwn5)'"'"'`x`' >"$T/out" 2>"$T/err"
rc=$?
cmdl=$(grep '^ads-fetch-arxiv ' "$T/out")
# shellcheck disable=SC2016
if test $rc -eq 0 && ! pwned &&
    test "$(eval "set -- ${cmdl%% -n *}"; printf '%s' "$4")" = \
    'd$(touch pwn5)'"'"'`x`/.ads/plan.json'; then
	ok "the dry run quotes hostile paths in its commands"
else
	not_ok "dry run quoting" "exit $rc" "$cmdl" "$(cat "$T/err")"
fi

# A newline in a path stays inside its quotes in the dry run's output,
# which a user may run as a script: running it runs no smuggled
# command (the folder does not exist, so every command fails).
ads -d -p "$PLAN" -w arxiv -o "x${nl}touch pwn15 #" >"$T/out" 2>"$T/err"
rc=$?
mkdir sh0
sed -n '/^# environment/,$p' "$T/out" >sh0/script
(cd sh0 && sh script >/dev/null 2>&1)
if test $rc -eq 0 && ! ls sh0/pwn* >/dev/null 2>&1 &&
    grep -q '^ads-fetch-arxiv ' "$T/out"; then
	ok "the dry run keeps a newline in a path inside its quotes"
else
	not_ok "dry run newline" "exit $rc" "$(cat "$T/out")"
fi

# A path that begins with - reaches no command as an option.
cp "$PLAN" ./-plan.json
ads -p -plan.json -f jsonl -w arxiv -o -o2 >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test -f ./-o2/data/train.jsonl &&
    cmp -s ./-plan.json ./-o2/.ads/plan.src.json; then
	ok "a plan and an output folder named -x are files, not options"
else
	not_ok "leading dash" "exit $rc" "$(cat "$T/err")"
fi

# Hostile plan values and prompts: queries, keywords and the prompt with
# $(...), backquotes, quotes and newlines reach the fetchers' plan
# intact, and nothing runs.
# shellcheck disable=SC2016
jq -c --arg nl "$nl" '
    .prompt = "p $(touch pwn6) `touch pwn7` \u0027;touch pwn8;\u0027"
    | .keywords = ["k $(touch pwn9)", "k\($nl)`touch pwn10`", "\"q\" \u0027"]
    | .sources.wikipedia.queries = ["w $(touch pwn11)", "w`touch pwn12`\($nl)x"]
    | .sources.arxiv.queries = ["%s%n\\c", "-n 5", "--help"]' "$PLAN" \
    >hostile.json
ads -P json -p hostile.json -f jsonl -w wikipedia,arxiv,news -o hp \
    >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! pwned &&
    jq -e --slurpfile h hostile.json '.sources.wikipedia.queries ==
        $h[0].sources.wikipedia.queries and .prompt == $h[0].prompt and
        .sources.arxiv.queries == $h[0].sources.arxiv.queries and
        .sources.news.queries == ($h[0].keywords + [$h[0].prompt])[:3]' \
    hp/.ads/plan.json >/dev/null; then
	ok "hostile plan values reach the fetchers intact and run nothing"
else
	not_ok "hostile plan" "exit $rc" "$(cat "$T/err")" \
	    "$(cat hp/.ads/plan.json)"
fi
# The same prompt given on the command line goes through ads-plan.
# shellcheck disable=SC2016
hp='a $(touch pwn13) `touch pwn14` '"'"'"'"$nl"'\ end'
ads -P json -f jsonl -w wikipedia -o hq "$hp" >"$T/out" 2>"$T/err"
rc=$?
# shellcheck disable=SC2016
if test $rc -eq 0 && ! pwned && test -f hq/data/train.jsonl &&
    test "$(cat hq/.ads/plan.src.stamp)" = "ads-plan 'a \$(touch pwn13) \`touch pwn14\` '\\''\"$nl\\ end'"; then
	ok "a hostile prompt runs nothing"
else
	not_ok "hostile prompt" "exit $rc" "$(cat "$T/err")" \
	    "$(cat hq/.ads/plan.src.stamp)"
fi

# Reasons and log lines quote the web: no control character of theirs
# reaches the terminal.
cat >"$FB/ads-fetch-news" <<'EOF'
#!/bin/sh
printf '{"tool":"ads-fetch-news","source":"news","phase":"skipped","done":0,"reason":"no \\u001b]52;c;eA==\\u0007key"}\n' >>"$ADS_PROGRESS"
exit 0
EOF
cat >"$FB/ads-fetch-reddit" <<'EOF'
#!/bin/sh
printf 'ads-fetch-reddit: 500 \033[2J\033]0;title\007 from the server\n' >&2
exit 3
EOF
ads -p "$PLAN" -f jsonl -w wikipedia,reddit,news -o esc >"$T/out" 2>"$T/err"
rc=$?
cp "$D/fake/ads-fetch" "$FB/ads-fetch-news"
cp "$D/fake/ads-fetch" "$FB/ads-fetch-reddit"
if test $rc -eq 4 && ! grep -q "$(printf '\033')" "$T/out" "$T/err" &&
    ! grep -q "$(printf '\007')" "$T/out" "$T/err" &&
    grep -q '^  news  *skipped: no ]52;c;eA==key' "$T/out" &&
    grep -q '^      ads-fetch-reddit: 500 \[2J\]0;title from the server' "$T/out"
then
	ok "control characters from logs and reasons never reach the terminal"
else
	not_ok "control characters" "exit $rc" "$(cat -v "$T/out" "$T/err")"
fi

# A folder that holds files ads did not write is refused without
# --force; its files are never touched.
mkdir -p mine/data
echo precious >mine/data/thesis.txt
echo mine >mine/README.md
: >"$FAKE_LOG"
ads -p "$PLAN" -f jsonl -o mine >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 2 && ! test -s "$FAKE_LOG" && ! test -e mine/.ads &&
    test "$(cat mine/data/thesis.txt)" = precious &&
    test "$(cat mine/README.md)" = mine &&
    grep -q 'ads: -o: mine holds files ads did not write.*--force' "$T/err"
then
	ok "a folder with files ads did not write is refused (exit 2)"
else
	not_ok "foreign folder" "exit $rc" "$(cat "$T/err")" "$(ls -a mine)"
fi
ads -d -p "$PLAN" -o mine >"$T/out" 2>&1
expect_code 2 "the dry run refuses it too" ads -d -p "$PLAN" -o mine
ads --force -p "$PLAN" -f jsonl -o mine >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test -f mine/data/train.jsonl &&
    test -f mine/dataset_card.json &&
    grep -q -- "--command 'ads -p [^ ]* -f jsonl -o mine' " \
    mine/.ads/stage/export.done.stamp; then
	ok "--force writes into it (and is not part of the recorded command)"
else
	not_ok "--force" "exit $rc" "$(cat "$T/err")"
fi
# Folders ads knows: empty, with a card of an earlier run, or its own.
mkdir empty card
echo '{}' >card/dataset_card.json
echo old >card/README.md
for o in empty card mine; do
	expect_code 0 "-o $o (empty, an earlier card, an earlier run) is used" \
	    ads -p "$PLAN" -f jsonl -w arxiv -o "$o"
done
echo x >afile
expect_code 2 "-o naming a file is a usage error" ads -p "$PLAN" -o afile

# The dry run's plan: a mktemp name, not /tmp/ads-plan.PID, so a link
# planted there is not followed; nothing stays behind.
mkdir tmpd
echo keep >victim0
# shellcheck disable=SC2016
TMPDIR=$T/tmpd sh -c 'ln -s "$1" "$TMPDIR/ads-plan.$$"; exec ads -d -o "$2" "$3"' \
    sh "$T/victim0" dd 'a prompt' >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(cat victim0)" = keep &&
    test "$(find tmpd -mindepth 1 | wc -l)" -eq 1 && grep -q '^ads-fetch-arxiv ' "$T/out"
then
	ok "the dry run's temporary plan is unpredictable and removed"
else
	not_ok "dry run temporary plan" "exit $rc" "$(cat victim0)" \
	    "$(ls -l tmpd)" "$(cat "$T/err")"
fi
ads -d -p - -w arxiv -o dd <"$PLAN" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && grep -q '^ads-fetch-arxiv -u -p dd/.ads/plan.json' "$T/out"
then
	ok "the dry run reads a plan on the standard input once"
else
	not_ok "dry run -p -" "exit $rc" "$(cat "$T/out" "$T/err")"
fi

# Planted links under OUT/.ads (an unpacked archive): writes never go
# through them, whatever they point at outside OUT.
for v in 1 2 3 4 5 6; do
	echo keep >"victim$v"
done
mkdir -p vdir vcache pl/.ads/raw pl/.ads/log pl/.ads/progress pl/.ads/stage
ln -s "$T/victim1" pl/.ads/log/wikipedia.log
ln -s "$T/victim2" pl/.ads/raw/wikipedia.jsonl.part
ln -s "$T/victim3" pl/.ads/progress/arxiv.jsonl
ln -s "$T/victim4" pl/.ads/lock
ln -s "$T/victim5" pl/.ads/stage/all.jsonl.part
ln -s "$T/victim6" pl/.ads/plan.json
ln -s "$T/vdir" pl/.ads/run
ln -s "$T/vcache" pl/.ads/cache
mkfifo pl/.ads/stage/scrub.jsonl.part
chmod 755 pl/.ads
ads -p "$PLAN" -f jsonl -w wikipedia,arxiv -o pl >"$T/out" 2>"$T/err"
rc=$?
same=yes
for v in 1 2 3 4 5 6; do
	test "$(cat "victim$v")" = keep || same="no: victim$v"
done
if test $rc -eq 0 && test "$same" = yes && ! test -s vdir/x &&
    test -z "$(ls -A vdir)" && test -z "$(ls -A vcache)" &&
    test -z "$(find pl/.ads -type l)" &&
    test "$(lines pl/data/train.jsonl)" -eq 40 &&
    ! test -p pl/.ads/stage/scrub.jsonl.part &&
    grep -q 'removed 9 symbolic links or special files that ads did not make' "$T/err"; then
	ok "planted links and pipes under OUT/.ads are removed, never used"
else
	not_ok "planted links" "exit $rc, $same" "$(cat "$T/err")" \
	    "$(ls -la vdir vcache)"
fi
if test "$(stat -c %a pl/.ads)" = 700 && test "$(stat -c %a hp/.ads)" = 700
then
	ok "OUT/.ads is mode 0700"
else
	not_ok "mode of .ads" "$(stat -c %a pl/.ads hp/.ads)"
fi
# A .ads that is a link, or not the user's, is refused.
mkdir -p lk elsewhere
ln -s ../elsewhere lk/.ads
: >"$FAKE_LOG"
ads -p "$PLAN" -f jsonl -o lk >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 3 && test -z "$(ls -A elsewhere)" && ! test -s "$FAKE_LOG" &&
    grep -q 'lk/.ads is a symbolic link' "$T/err"; then
	ok "a .ads that is a link is refused (exit 3)"
else
	not_ok ".ads link" "exit $rc" "$(cat "$T/err")"
fi
if test "$(id -u)" -eq 0 && id nobody >/dev/null 2>&1; then
	mkdir -p theirs/.ads
	chown nobody theirs/.ads
	ads -p "$PLAN" -f jsonl -o theirs >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 3 && test -z "$(ls -A theirs/.ads)" &&
	    grep -q 'belongs to another user' "$T/err"; then
		ok "a .ads owned by another user is refused (exit 3)"
	else
		not_ok ".ads of another user" "exit $rc" "$(cat "$T/err")"
	fi
else
	skip "a .ads owned by another user" "needs root to make one" some
fi

# Invalid plans stop before anything is fetched, with exit 3 and a
# message naming the fault.
n=0
while IFS='|' read -r want plan; do
	n=$((n + 1))
	printf '%s' "$plan" >bad$n.json
	: >"$FAKE_LOG"
	ads -P json -p bad$n.json -o badp$n >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 3 && ! test -s "$FAKE_LOG" &&
	    grep -q "^ads: bad$n.json: invalid plan: $want" "$T/err"; then
		ok "invalid plan: $want"
	else
		not_ok "invalid plan $n: $want" "exit $rc" "$(cat "$T/err")"
	fi
done <<'EOF'
sources.arxiv.limit: must be a number|{"version":1,"sources":{"arxiv":{"queries":["q"],"limit":"10"}}}
sources.arxiv.limit: must be a number|{"sources":{"arxiv":{"queries":["q"],"limit":0}}}
version: must be 1 or 2|{"version":"1","sources":{"arxiv":{"queries":["q"]}}}
version: must be 1 or 2|{"version":3,"sources":{"arxiv":{"queries":["q"]}}}
sources.wikipedia.queries: must be an array of strings|{"sources":{"wikipedia":{"queries":"q"}}}
sources.wikipedia.queries: must be an array of strings|{"sources":{"wikipedia":{"queries":[1]}}}
sources: must be an object|{"sources":["arxiv"]}
sources.news: must be an object|{"sources":{"news":"q"}}
target_rows: must be a number|{"target_rows":"many","sources":{"news":{}}}
keywords: must be an array of strings|{"keywords":"a b","sources":{"news":{}}}
prompt: must be a string|{"prompt":["a"],"sources":{"news":{}}}
labels: must be an array of objects|{"version":2,"labels":["pos"],"sources":{"news":{}}}
not a JSON object|["sources"]
not one JSON value|{"sources":{}}{"sources":{}}
not JSON|{"sources":
EOF

# The monitor never outlives the driver.  The repro: a plan whose limit
# is a string, with a job worker reading the progress through a pipe;
# the pipe must close when the driver ends.
# shellcheck disable=SC2016
timeout 20 sh -c 'ads -P json -p "$1" -o mon1 | cat >/dev/null' sh bad1.json \
    2>"$T/err"
rc=$?
if test $rc -eq 0 && grep -q 'invalid plan' "$T/err"; then
	ok "an invalid plan under -P json ends the driver and closes its pipe"
else
	not_ok "monitor on an invalid plan" "exit $rc" "$(cat "$T/err")"
fi
# A driver killed outright: its monitor notices and ends.
FAKE_SLOW="arxiv:0.05 wikipedia:0.05" ads -P json -p "$PLAN" -f jsonl \
    -w wikipedia,arxiv -o mon2 >"$T/out" 2>&1 &
pid=$!
i=0
mon=
# The monitor: ads-progress, a child of the driver.
while test -z "$mon" && test $i -lt 100; do
	mon=$(pgrep -P $pid -x ads-progress | head -n 1)
	i=$((i + 1))
	sleep 0.05
done
kids=$(pgrep -P $pid | tr '\n' ' ')
kill -KILL $pid
wait $pid 2>/dev/null
sleep 1.5
# Gone, or a zombie waiting for a reaper.
if test -n "$mon" && ! ps -o stat= -p "$mon" | grep -qv Z; then
	ok "the monitor ends when the driver is killed"
else
	not_ok "monitor after SIGKILL" "monitor '$mon' still runs or not found" \
	    "$(ps -o pid,ppid,args -p "$mon" 2>&1)"
	test -n "$mon" && kill "$mon" 2>/dev/null
fi
# The fetchers it started run in their own sessions; stop them.
for k in $kids; do
	test "$k" = "$mon" || kill -TERM -- "-$k" 2>/dev/null
done

# Two runs on one folder: the second says the folder is busy, exits 3
# and changes nothing; the first finishes as if alone.
: >"$FAKE_LOG"
FAKE_SLOW="arxiv:0.3" ads -p "$PLAN" -f jsonl -o busy >"$T/sum1" \
    2>"$T/err1" &
pid=$!
i=0
while ! test -s busy/.ads/raw/arxiv.jsonl.part && test $i -lt 200; do
	i=$((i + 1))
	sleep 0.05
done
FAKE_LOG=$T/calls2 ads -p "$PLAN" -f jsonl -S 9 -o busy >"$T/sum2" \
    2>"$T/err2"
rc2=$?
wait $pid
rc1=$?
if test $rc2 -eq 3 && test $rc1 -eq 0 && ! test -s "$T/calls2" &&
    grep -q '^ads: busy is busy: another ads run is writing it' "$T/err2" &&
    test "$(lines busy/data/train.jsonl)" -eq 40 &&
    grep -q -- '--seed 1 ' busy/.ads/stage/split.jsonl.stamp; then
	ok "a second run on a busy folder exits 3 and changes nothing"
else
	not_ok "lock" "first exit $rc1, second $rc2" "$(cat "$T/err2")" \
	    "$(cat "$T/calls2" 2>/dev/null)"
fi

# A full disk: a small tmpfs in a mount namespace of our own.
mkdir small
# shellcheck disable=SC2016
if unshare -r -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh small \
    2>/dev/null; then
	# shellcheck disable=SC2016
	timeout 60 unshare -r -m sh -c '
	    mount -t tmpfs -o size=256k tmpfs small || exit 99
	    # Full from the start: the first write fails.
	    mkdir small/o1
	    dd if=/dev/zero of=small/fill bs=4k 2>/dev/null
	    ads -P json -p "$1" -f jsonl -w wikipedia -o small/o1 \
	        >"$2/full1.out" 2>"$2/full1.err"
	    echo $? >"$2/full1.rc"
	    rm -f small/fill
	    # Full in the middle: a fetcher fills the disk.  The
	    # progress goes through a pipe that a monitor left running
	    # would hold open.
	    printf "%s\n" "#!/bin/sh" "sleep 1" \
	        "head -c 400000 /dev/zero | tr \"\\\\0\" x" >"$3/ads-fetch-news"
	    { ads -P json -p "$1" -f jsonl -w news -o small/o2 \
	        2>"$2/full2.err"; echo $? >"$2/full2.rc"; } |
	        cat >"$2/full2.out"
	' sh "$PLAN" "$T" "$FB" 2>"$T/unshare.err"
	urc=$?
	cp "$D/fake/ads-fetch" "$FB/ads-fetch-news"
	if test $urc -ne 124 && grep -q '^@@PROGRESS@@ .*"source":"news"' full2.out
	then
		ok "the monitor ran and did not outlive a driver stopped by a full disk"
	else
		not_ok "monitor on a full disk" "exit $urc" "$(cat full2.out)"
	fi
	for k in 1 2; do
		rc=$(cat "full$k.rc" 2>/dev/null)
		if test "$rc" = 3 && test $urc -ne 124 &&
		    grep -qx 'ads: no space left on small/o'$k "full$k.err" &&
		    ! grep -q 'write error' "full$k.err" &&
		    test "$(grep -c 'no space left' "full$k.err")" -eq 1; then
			ok "a full disk says: no space left on OUT ($k)"
		else
			not_ok "full disk $k" "exit $rc ($urc)" "$(cat "full$k.err")" \
			    "$(cat "$T/unshare.err")"
		fi
	done
else
	skip "a full disk" "cannot mount a small tmpfs (unshare -r -m mount)" some
fi
