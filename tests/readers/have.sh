# tests/readers/have.sh -- which Parquet readers of package.json work
# here; sourced by the t40 tests after tests/lib.sh.
# Sets readers=1 when DuckDB and hyparquet are installed (else 0), and
# more to those of "polars arrow" that load on this Node.js, with a
# skip line for each that does not (nodejs-polars needs its native
# package for this platform, parquet-wasm WebAssembly).
# shellcheck shell=sh
readers=1
more=""
if ! command -v node >/dev/null ||
    ! test -d "$TOP/node_modules/@duckdb/node-api" ||
    ! test -d "$TOP/node_modules/hyparquet-compressors"; then
	readers=0
fi
if test "$readers" -eq 1; then
	if (cd "$TOP" && node -e 'require("nodejs-polars")') >/dev/null 2>&1
	then
		more="polars"
	else
		skip "Polars reader" "nodejs-polars does not load on Node.js \
$(node --version) (npm ci)" some
	fi
	if (cd "$TOP" && node -e 'require("apache-arrow");
	    import("parquet-wasm").catch(() => process.exit(1))') \
	    >/dev/null 2>&1; then
		more="$more arrow"
	else
		skip "arrow-rs reader" "parquet-wasm or apache-arrow does not \
load on Node.js $(node --version) (npm ci)" some
	fi
fi
