#!/bin/sh
# examples/engines.sh -- the refine stages of ads over shards, on each
# engine of -E (ads(1), Engines), and ads-dedup's phases by hand
# (ads-dedup(1), Phases).  Pick one with the first operand:
#
#	sh examples/engines.sh local	"heat pump field trials"
#	sh examples/engines.sh parallel	"heat pump field trials"
#	sh examples/engines.sh slurm	"heat pump field trials"
#	sh examples/engines.sh phases	crawl.jsonl
#
# OUT (default dataset) must be on a path every worker sees for slurm;
# parallel sends each task's files to hosts that do not see it
# (ADS_TRANSFER=1 says so without asking them).
set -eu
what=${1:?usage: engines.sh local|parallel|slurm|phases prompt-or-file}
shift
OUT=${OUT:-dataset}
SHARDS=${SHARDS:-8}

# shellcheck disable=SC2016 # the $ in quotes are the inner shell's
case $what in
local)
	# xargs -P on this machine: 8 shards, 8 tasks at a time.
	ads -E local -j "$SHARDS" -o "$OUT" "$@"
	;;
parallel)
	# GNU parallel: this machine (-S :) unless ADS_SSHLOGINFILE names
	# hosts, one "N/user@host" a line, e.g.
	#	4/worker1
	#	4/worker2
	# The driver's part of it, ads-engine(1), can also run alone on the
	# gathered records of a run: ads-engine -E parallel -j 8 OUT/.ads
	ads -E parallel -j "$SHARDS" -o "$OUT" "$@"
	;;
slurm)
	# One job array per phase, chained with afterok; failed array
	# tasks are reported with their logs and resubmitted once.
	ADS_SBATCH_ARGS=${ADS_SBATCH_ARGS:-'--time=60 --mem=2G'} \
	    ads -E slurm -j "$SHARDS" -o "$OUT" "$@"
	;;
phases)
	# ads-dedup's four phases by hand, 4 workers with xargs -P: the
	# records kept are those of `ads-dedup FILE`, in the same bytes.
	in=${1:?a JSON Lines file}
	w=$(mktemp -d "${TMPDIR:-/tmp}/dedup.XXXXXX")
	ads-shard -n "$SHARDS" -o "$w/in" "$in"
	mkdir "$w/work"
	seq 0 $((SHARDS - 1)) | xargs -P 4 -I{} sh -c \
	    'ads-dedup -P sign -d "$1/work" -N "$2" -M "$3" "$1/in/shard.$(printf %06d "$2").jsonl"' \
	    sh "$w" {} "$SHARDS"
	seq 0 $((SHARDS - 1)) | xargs -P 4 -I{} \
	    ads-dedup -P bucket -d "$w/work" -M "$SHARDS" -N {}
	ads-dedup -P cluster -d "$w/work"
	seq 0 $((SHARDS - 1)) | xargs -P 4 -I{} sh -c \
	    'ads-dedup -P apply -d "$1/work" -N "$2" "$1/in/shard.$(printf %06d "$2").jsonl" >"$1/out.$(printf %06d "$2").jsonl"' \
	    sh "$w" {}
	cat "$w"/out.*.jsonl
	rm -rf "$w"
	;;
*)
	echo "engines.sh: local, parallel, slurm or phases" >&2
	exit 2
	;;
esac
