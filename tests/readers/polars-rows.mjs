// polars-rows -- print the rows of a Parquet file as JSON lines, read
// by Polars (nodejs-polars), in file order.
// usage: node tests/readers/polars-rows.mjs file.parquet [schema | us COLUMN]
// With "schema", print one JSON object instead: each column's Polars
// data type.  With "us COLUMN", print that timestamp column's values
// as integers (microseconds since the epoch), one a line.
// Polars reads a BYTE_ARRAY column of the JSON logical type as Binary,
// a type nodejs-polars cannot hand to JavaScript: such a column is
// reported as "Binary" and its rows are cast to text.
import { createRequire } from 'node:module';
import { line, print } from './jsonl.mjs';

const require = createRequire(import.meta.url);
const pl = require('nodejs-polars');

// dtype -- the column's data type as Polars names it ("Binary" when
// nodejs-polars cannot name it).
function dtype(s) {
	try {
		return String(s.dtype).replace(/^DataType\((.*)\)$/, '$1');
	} catch (e) {
		return 'Binary';
	}
}

let df = pl.readParquet(process.argv[2]);
const binary = df.columns.filter((c) => dtype(df.getColumn(c)) ===
    'Binary');
if (process.argv[3] === 'schema') {
	const out = {};
	for (const c of df.columns)
		out[c] = dtype(df.getColumn(c));
	process.stdout.write(line(out) + '\n');
} else if (process.argv[3] === 'us') {
	const us = df.select(pl.col(process.argv[4]).cast(pl.Int64));
	const out = us.getColumn(process.argv[4]).toArray().map(String);
	print(out);
} else {
	if (binary.length > 0)
		df = df.withColumns(...binary.map((c) =>
		    pl.col(c).cast(pl.Utf8)));
	const out = df.toRecords().map(line);
	print(out);
}
