#!/bin/sh
# t4100-export-safety -- ads-export never destroys what it did not make:
# removing the old OUT/data never follows a link, stale temporary folders
# of dead runs are swept, and TERM, INT and HUP remove the temporary
# folder and exit 128+signal.
. "$(dirname "$0")/lib.sh"
checks 7

if ! have_tool ads-export; then
	skip "ads-export safety" "not built"
	exit 0
fi
cd "$T" || exit 1
printf '{"id":"a:1","source":"a","text":"one"}\n' >recs.jsonl
printf '{"id":"a:2","source":"a","text":"two","split":"test"}\n' >>recs.jsonl

# photos -- a folder outside OUT that must survive every export.
photos() {
	rm -rf photos
	mkdir -p photos/sub
	echo keep >photos/a.jpg
	echo keep >photos/sub/b.jpg
}
intact() {
	test "$(cat photos/a.jpg 2>/dev/null)" = keep &&
	    test "$(cat photos/sub/b.jpg 2>/dev/null)" = keep
}

# The repro: OUT/data is a link to a folder of the user's.
photos
mkdir o1
ln -s ../photos o1/data
ads-export -f jsonl -o o1 recs.jsonl >out 2>err
rc=$?
if test $rc -eq 0 && intact && ! test -h o1/data && test -d o1/data &&
    test -f o1/data/train-00000-of-00001.jsonl; then
	ok "a linked OUT/data: the link is replaced, its target untouched"
else
	not_ok "linked OUT/data" "exit $rc" "$(cat err)" "$(ls -lR photos o1)"
fi

# Links anywhere inside the old data are removed, not followed; nested
# folders go too.
photos
mkdir -p o2/data/x/y/z
ln -s ../../photos o2/data/link
ln -s ../../../../photos o2/data/x/y/deep
echo old >o2/data/x/y/z/old.parquet
ln -s "$T/photos/a.jpg" o2/data/file-link
ads-export -f jsonl -o o2 recs.jsonl >out 2>err
rc=$?
if test $rc -eq 0 && intact && ! test -e o2/data/x && ! test -h o2/data/link &&
    test "$(find o2/data -mindepth 1 | sort | tr '\n' ' ')" = \
    "o2/data/test-00000-of-00001.jsonl o2/data/train-00000-of-00001.jsonl "
then
	ok "links inside the old OUT/data are removed, never followed"
else
	not_ok "links inside OUT/data" "exit $rc" "$(cat err)" \
	    "$(ls -lR photos o2)"
fi

# Stale temporary folders: those of dead processes go (a link among them
# is removed itself), those of live ones stay.
sh -c 'exit 0' &
dead=$!
wait $dead
photos
mkdir -p o3/.ads-export-$dead/data o3/.ads-export-old-$dead/sub
echo x >o3/.ads-export-$dead/data/train-00000.parquet
echo x >o3/.ads-export-old-$dead/sub/old.parquet
mkdir -p o3/.ads-export-$$/data
sh -c 'exit 0' &
dead2=$!
wait $dead2
ln -s ../photos o3/.ads-export-$dead2
ads-export -f jsonl -o o3 recs.jsonl >out 2>err
rc=$?
if test $rc -eq 0 && intact && ! test -e o3/.ads-export-$dead &&
    ! test -e o3/.ads-export-old-$dead && ! test -h o3/.ads-export-$dead2 &&
    test -d o3/.ads-export-$$/data; then
	ok "stale temporary folders of dead runs are swept, live ones kept"
else
	not_ok "sweep" "exit $rc ($dead $dead2 $$)" "$(cat err)" "$(ls -la o3)"
fi

# tmpleft DIR -- true when DIR holds a temporary folder of ads-export.
tmpleft() {
	test -n "$(find "$1" -mindepth 1 -maxdepth 1 -name '.ads-export-*')"
}

# TERM, INT and HUP: the temporary folder goes, the exit is 128+signal,
# and an earlier dataset stays as it was.
mkfifo fifo
for sig in TERM INT HUP; do
	rm -rf o4
	ads-export -f jsonl -o o4 recs.jsonl >/dev/null 2>&1
	cp o4/README.md readme.before
	# An asynchronous command starts with SIGINT ignored.
	env --default-signal=INT ads-export -f csv -o o4 <fifo >out 2>err &
	pid=$!
	{
		cat recs.jsonl
		exec sleep 10
	} >fifo &
	wp=$!
	i=0
	until tmpleft o4; do
		i=$((i + 1))
		test $i -gt 100 && break
		sleep 0.05
	done
	sleep 0.2
	kill -"$sig" $pid
	wait $pid
	rc=$?
	kill $wp 2>/dev/null
	wait $wp 2>/dev/null
	case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
	if test "$rc" -eq "$want" && test $i -le 100 && ! tmpleft o4 &&
	    cmp -s readme.before o4/README.md &&
	    test -f o4/data/train-00000-of-00001.jsonl; then
		ok "SIG$sig removes the temporary folder and exits $want"
	else
		not_ok "SIG$sig" "exit $rc, want $want; waited $i" \
		    "$(cat err)" "$(ls -la o4)"
	fi
done

# An ignored signal stays ignored (nohup).
rm -rf o5
(
	trap '' HUP
	ads-export -f csv -o o5 <fifo >out 2>err &
	pid=$!
	{
		cat recs.jsonl
		sleep 0.3
		kill -HUP $pid
		sleep 0.3
	} >fifo
	wait $pid
	echo $? >rc5
)
if test "$(cat rc5)" = 0 && test -f o5/README.md; then
	ok "an ignored SIGHUP (nohup) does not stop the export"
else
	not_ok "nohup" "exit $(cat rc5)" "$(cat err)"
fi
