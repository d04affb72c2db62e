// duckdb-rows -- print the rows of a Parquet file as JSON lines, read
// by DuckDB (@duckdb/node-api), in file order.
// usage: node tests/readers/duckdb-rows.mjs file.parquet
import { DuckDBInstance } from '@duckdb/node-api';
import { line, print } from './jsonl.mjs';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const path = process.argv[2].replaceAll("'", "''");
const reader = await con.runAndReadAll(
    `SELECT * FROM read_parquet('${path}')`);
const rows = reader.getRowObjectsJS();
const out = [];
for (const r of rows)
	out.push(line(r));
print(out);
