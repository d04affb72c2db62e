// duckdb-rows -- print the rows of a Parquet file as JSON lines, read
// by DuckDB (@duckdb/node-api), in file order.
// usage: node tests/readers/duckdb-rows.mjs file.parquet
import { DuckDBInstance } from '@duckdb/node-api';

// BigInt values print as exact JSON numbers: marked, then unquoted.
function plain(v) {
	if (typeof v === 'bigint')
		return '\u0000big' + v.toString();
	return v;
}

function line(r) {
	return JSON.stringify(r, (k, v) => plain(v))
	    .replace(/"\\u0000big(-?[0-9]+)"/g, '$1');
}

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const path = process.argv[2].replaceAll("'", "''");
const reader = await con.runAndReadAll(
    `SELECT * FROM read_parquet('${path}')`);
const rows = reader.getRowObjectsJS();
const out = [];
for (const r of rows)
	out.push(line(r));
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
