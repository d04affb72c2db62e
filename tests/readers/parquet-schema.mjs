// parquet-schema -- print a Parquet file's schema as two readers see it,
// one JSON object: "hyparquet" (each leaf's name, physical, converted
// and logical type, and the footer's key-value metadata) and "duckdb"
// (each column's SQL type, from DESCRIBE).
// usage: node tests/readers/parquet-schema.mjs file.parquet
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';

const file = await asyncBufferFromFile(process.argv[2]);
const m = await parquetMetadataAsync(file);
const kv = {};
for (const e of m.key_value_metadata || [])
	kv[e.key] = e.value;
const hyparquet = {
	columns: m.schema.slice(1).map((s) => ({ name: s.name, type: s.type,
	    converted_type: s.converted_type, logical_type: s.logical_type })),
	metadata: kv,
};
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const path = process.argv[2].replaceAll("'", "''");
const reader = await con.runAndReadAll(
    `DESCRIBE SELECT * FROM read_parquet('${path}')`);
const duckdb = {};
for (const r of reader.getRowObjectsJS())
	duckdb[r.column_name] = r.column_type;
process.stdout.write(JSON.stringify({ hyparquet, duckdb }) + '\n');
