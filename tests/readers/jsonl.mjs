// jsonl -- what the row readers share: a value as one JSON line, BigInt
// values as exact JSON numbers, and the lines written out.

// plain -- v, a BigInt marked to be printed unquoted by line().
export function plain(v) {
	if (typeof v === 'bigint')
		return '\u0000big' + v.toString();
	return v;
}

// line -- r as one line of JSON.
export function line(r) {
	return JSON.stringify(r, (k, v) => plain(v))
	    .replace(/"\\u0000big(-?[0-9]+)"/g, '$1');
}

// print -- the strings of out on stdout, each ended by a newline.
export function print(out) {
	process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}
