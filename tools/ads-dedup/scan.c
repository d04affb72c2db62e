/*
 * scan.c -- ads-dedup's fast check of one record and lookup of one
 * top-level string member, on the shared scanner (common/rawjson.c)
 *
 * Parsing every record with libjq costs more than everything else
 * ads-dedup does; most records need only one field read.  A line is
 * taken, and written as it was read, when ads_raw_scan() finds it valid
 * and compact: no white space outside strings, no string libjq would
 * reject or repair, no surrogate pair escape (libjq writes the
 * character), no escaped top-level key, and the string members
 * "id", "source" and "text" that ads-record(5) requires (the last of
 * repeated keys counting, as in libjq), so that the reader's checks
 * (ads_record_check) would pass.  Anything else goes to libjq and those
 * checks, which give the error message or the value, and is written as
 * libjq read it.
 */
#include <stddef.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/rawjson.h"
#include "dedup.h"

static struct ads_raw raw = ADS_RAW_INIT;

/*
 * required -- the bit of a top-level key (quotes included) among the
 * members every record must have as strings (common/jsonl.c's
 * ads_record_required), or 0.
 */
static int
required(const char *k, size_t n)
{
	switch (n) {
	case 4:
		return memcmp(k, "\"id\"", 4) == 0 ? 1 : 0;
	case 6:
		return memcmp(k, "\"text\"", 6) == 0 ? 2 : 0;
	case 8:
		return memcmp(k, "\"source\"", 8) == 0 ? 4 : 0;
	default:
		return 0;
	}
}

#define REQUIRED	7	/* all three bits */

static int
scan(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc, int lazy)
{
	const struct ads_raw_member *m, *found = NULL;
	size_t i;
	int rc, req, have = 0, e;

	*val = NULL;
	*vlen = 0;
	*esc = 0;
	/* The key's string is checked below, or by the caller. */
	raw.lazy = key;
	raw.lazylen = keylen;
	rc = ads_raw_scan(&raw, line, n);
	raw.lazy = NULL;
	if (rc == ADS_RAW_INVALID || raw.repair || raw.ctrl || raw.space ||
	    raw.pair)
		return 0;
	for (i = 0; i < raw.n; i++) {
		m = &raw.m[i];
		if (rc != ADS_RAW_CANONICAL &&
		    memchr(line + m->key, '\\', m->keylen) != NULL)
			return 0;
		req = required(line + m->key, m->keylen);
		have = m->kind == '"' ? have | req : have & ~req;
		if (m->lazy) {
			/* A value a later one replaces is checked here. */
			if (found != NULL && !scan_string(line + found->val +
			    1, found->vallen - 2, &e))
				return 0;
			found = m;
		} else if (m->keylen == keylen + 2 &&
		    memcmp(line + m->key + 1, key, keylen) == 0)
			found = NULL;	/* replaced by a value not a string */
	}
	if (have != REQUIRED)
		return 0;
	if (found == NULL)
		return 1;
	*val = line + found->val + 1;
	*vlen = found->vallen - 2;
	return lazy || scan_string(*val, *vlen, esc);
}

int
scan_record(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc)
{
	return scan(line, n, key, keylen, val, vlen, esc, 0);
}

int
scan_record_lazy(const char *line, size_t n, const char *key,
    size_t keylen, const char **val, size_t *vlen)
{
	int esc;

	return scan(line, n, key, keylen, val, vlen, &esc, 1);
}

/* haspair -- 1 when the valid string body s (n bytes) escapes a pair. */
static int
haspair(const char *s, size_t n)
{
	const char *q, *e = s + n;

	for (q = memchr(s, '\\', n); q != NULL;
	    q = memchr(q, '\\', (size_t)(e - q))) {
		if (q[1] == 'u' && (q[2] == 'd' || q[2] == 'D') &&
		    memchr("89abAB", q[3], 6) != NULL)
			return 1;
		q += 2;
	}
	return 0;
}

int
scan_string(const char *str, size_t n, int *esc)
{
	/* The quotes around the body are there, in the line. */
	return ads_raw_check_string(str - 1, n + 2, esc) != ADS_RAW_INVALID &&
	    !(*esc && haspair(str, n));
}

void
scan_unescape(const char *s, size_t n, struct ads_buf *out)
{
	/* A body scan_string accepted, the quotes around it. */
	if (ads_raw_canon_string(s - 1, n + 2, out) == -1)
		(void)ads_raw_string(s - 1, n + 2, out);
}
