#!/bin/sh
# b-40-export -- ads-export to Parquet beside DuckDB's own
# COPY (SELECT * FROM read_json(...)) TO '...parquet' (FORMAT parquet,
# COMPRESSION zstd) on the same corpus: time, file size and peak memory.
# DuckDB comes from the npm package @duckdb/node-api (npm ci).
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
bytes=$(wc -c <"$c")
o=$CORPUS_DIR/export-out
d=$CORPUS_DIR/export-duckdb.parquet
if ! command -v node >/dev/null ||
    ! test -d "$TOP/node_modules/@duckdb/node-api"; then
	echo "b-40-export: skipped: node_modules/@duckdb/node-api missing (npm ci)"
	exit 0
fi
ours=$(secs ads-export -o "$o" "$c")
peer=$(secs node "$TOP/tests/readers/duckdb-copy.mjs" "$c" "$d")
row "ads-export -f parquet" "$bytes" "$ours" "duckdb COPY parquet" "$peer"
osize=$(cat "$o"/data/*.parquet | wc -c)
dsize=$(wc -c <"$d")
awk -v o="$osize" -v d="$dsize" 'BEGIN {
	printf "%-30s %8.2f MB        %-26s %8.2f MB        ratio %.3fx\n",
	    "ads-export file size", o / 1e6, "duckdb file size", d / 1e6, o / d
}'
printf '%-30s %8s MB        %-26s %8s MB\n' "ads-export peak RSS" \
    "$(peakmb ads-export -o "$o" "$c")" "duckdb peak RSS" \
    "$(peakmb node "$TOP/tests/readers/duckdb-copy.mjs" "$c" "$d")"
for f in csv jsonl; do
	s=$(secs ads-export -f "$f" -o "$o" "$c")
	awk -v n="ads-export -f $f" -v b="$bytes" -v s="$s" 'BEGIN {
		printf "%-30s %8.1f MB/s\n", n, b / 1e6 / s }'
done
rm -rf "$o" "$d"
