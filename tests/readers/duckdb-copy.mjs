// duckdb-copy -- DuckDB's own JSON Lines to Parquet conversion, the peer
// of ads-export in bench/b-40-export.sh.
// usage: node tests/readers/duckdb-copy.mjs in.jsonl out.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const q = (s) => s.replaceAll("'", "''");
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`COPY (SELECT * FROM read_json('${q(process.argv[2])}')) ` +
    `TO '${q(process.argv[3])}' (FORMAT parquet, COMPRESSION zstd)`);
