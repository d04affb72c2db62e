/*
 * scan.c -- ads-dedup's fast check of one record and lookup of one
 * top-level string member, on the shared scanner (common/rawjson.c)
 *
 * Parsing every record with libjq costs more than everything else
 * ads-dedup does; most records need only one field read.  A line is
 * taken as it is when ads_raw_scan() finds it canonical (what libjq and
 * ads_json_emit() would write anyway) but for the string value of the
 * key, which need only be one libjq reads without repair, and it has
 * the string members "id", "source" and "text" that ads-record(5)
 * requires, so that the reader's checks (ads_record_check) would pass.
 * Anything else goes to libjq and those checks, which give the error
 * message or the value.
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
	int rc, have = 0;

	*val = NULL;
	*vlen = 0;
	*esc = 0;
	/* The key's string is checked below, or by the caller. */
	raw.lazy = key;
	raw.lazylen = keylen;
	rc = ads_raw_scan(&raw, line, n);
	raw.lazy = NULL;
	if (rc != ADS_RAW_CANONICAL)
		return 0;
	/* A canonical line has no two equal keys. */
	for (i = 0; i < raw.n; i++) {
		m = &raw.m[i];
		if (m->kind == '"')
			have |= required(line + m->key, m->keylen);
		if (m->lazy)
			found = m;
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

int
scan_string(const char *str, size_t n, int *esc)
{
	/* The quotes around the body are there, in the line. */
	return ads_raw_check_string(str - 1, n + 2, esc) != ADS_RAW_INVALID;
}

void
scan_unescape(const char *s, size_t n, struct ads_buf *out)
{
	/* A body scan_string accepted, the quotes around it. */
	if (ads_raw_canon_string(s - 1, n + 2, out) == -1)
		(void)ads_raw_string(s - 1, n + 2, out);
}
