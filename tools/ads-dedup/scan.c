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

static const char *const required[] = { "id", "source", "text" };

static int
scan(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc, int lazy)
{
	const struct ads_raw_member *m = NULL;
	long i;
	size_t k;
	int rc;

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
	for (k = 0; k < sizeof(required) / sizeof(required[0]); k++) {
		i = ads_raw_find(&raw, line, required[k]);
		if (i < 0 || raw.m[i].kind != '"')
			return 0;
	}
	/* A key needing no escape, as a member of -T is. */
	for (i = (long)raw.n - 1; i >= 0; i--) {
		m = &raw.m[i];
		if (m->keylen == keylen + 2 &&
		    memcmp(line + m->key + 1, key, keylen) == 0)
			break;
	}
	if (i < 0 || m->kind != '"')
		return 1;
	*val = line + m->val + 1;
	*vlen = m->vallen - 2;
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
