// arrow-rows -- print the rows of a Parquet file as JSON lines, read
// by arrow-rs (the parquet-wasm build) into Arrow, then by Apache
// Arrow's JavaScript library (tableFromIPC), in file order.
// usage: node tests/readers/arrow-rows.mjs file.parquet [schema | us COLUMN]
// With "schema", print one JSON object instead: "columns", each
// column's Arrow type, and "metadata", the schema's key-value metadata.
// With "us COLUMN", print that timestamp column's stored values (its
// unit: microseconds for ads-export), one a line.
// Timestamps print as RFC 3339 with milliseconds, as JavaScript dates.
import { readFileSync } from 'node:fs';
import { tableFromIPC, Type } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { line, print } from './jsonl.mjs';

// value -- a cell as plain JavaScript: structs and lists unwrapped.
function value(v, type) {
	if (v === null || v === undefined)
		return null;
	switch (type.typeId) {
	case Type.Timestamp:
		return new Date(Number(v)).toISOString();
	case Type.Struct: {
		const o = {};
		for (const f of type.children)
			o[f.name] = value(v[f.name], f.type);
		return o;
	}
	case Type.List:
		return [...v].map((x) => value(x, type.children[0].type));
	default:
		return v;
	}
}

const buf = new Uint8Array(readFileSync(process.argv[2]));
const t = tableFromIPC(readParquet(buf).intoIPCStream());
const fields = t.schema.fields;
if (process.argv[3] === 'schema') {
	const columns = {};
	for (const f of fields)
		columns[f.name] = String(f.type);
	process.stdout.write(line({ columns,
	    metadata: Object.fromEntries(t.schema.metadata) }) + '\n');
} else if (process.argv[3] === 'us') {
	const out = [];
	for (const d of t.getChild(process.argv[4]).data)
		for (let i = 0; i < d.length; i++)
			out.push(d.getValid(i) ? String(d.values[i]) : 'null');
	print(out);
} else {
	const out = [];
	for (let i = 0; i < t.numRows; i++) {
		const r = t.get(i), o = {};
		for (const f of fields)
			o[f.name] = value(r[f.name], f.type);
		out.push(line(o));
	}
	print(out);
}
