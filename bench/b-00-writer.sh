#!/bin/sh
# b-00-writer -- the common record writer against jv_dump_string.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
writer "$c"
