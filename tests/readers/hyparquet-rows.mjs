// hyparquet-rows -- print the rows of a Parquet file as JSON lines,
// read by hyparquet (an independent reader written in JavaScript).
// usage: node tests/readers/hyparquet-rows.mjs file.parquet [meta]
// With "meta", print the file's metadata summary instead: row groups,
// rows per group, column types, encodings and codecs.
import { compressors } from 'hyparquet-compressors';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects }
    from 'hyparquet';
import { line, plain, print } from './jsonl.mjs';

const file = await asyncBufferFromFile(process.argv[2]);
if (process.argv[3] === 'meta') {
	const m = await parquetMetadataAsync(file);
	const out = {
		rows: Number(m.num_rows),
		row_groups: m.row_groups.map((g) => Number(g.num_rows)),
		columns: m.schema.slice(1).map((s) => ({ name: s.name, type: s.type,
		    repetition: s.repetition_type })),
		chunks: m.row_groups[0] ? m.row_groups[0].columns.map((c) => ({
		    codec: c.meta_data.codec,
		    encodings: c.meta_data.encodings,
		    nulls: plain(c.meta_data.statistics?.null_count),
		    min: plain(c.meta_data.statistics?.min_value),
		    max: plain(c.meta_data.statistics?.max_value) })) : [],
	};
	process.stdout.write(line(out) + '\n');
} else {
	const rows = await parquetReadObjects({ file, compressors, utf8: true });
	const chunks = [];
	for (const r of rows)
		chunks.push(line(r));
	print(chunks);
}
