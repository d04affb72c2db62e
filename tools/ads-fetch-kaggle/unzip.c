/*
 * unzip.c -- one file out of a zip archive held in memory (kaggle.h,
 * kaggle_unzip): the central directory is read from the end of the
 * archive, the first member a table can be read from is chosen, and it
 * is stored or deflated; its size is checked against a cap before and
 * while it is inflated, so a small archive cannot grow past the cap.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "../../common/util.h"
#include "kaggle.h"

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
u32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* inflated -- the raw deflate stream p (n bytes) into out, at most max. */
static int
inflated(const unsigned char *p, size_t n, size_t max, char **out,
    size_t *outlen, char *why, size_t len)
{
	z_stream z;
	char *b;
	size_t cap = n * 4 + 4096;
	int rc;

	if (cap > max + 1)
		cap = max + 1;
	b = xmalloc(cap + 1);
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		free(b);
		snprintf(why, len, "zlib cannot start");
		return -1;
	}
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = n > 0x7fffffff ? 0x7fffffff : (unsigned)n;
	for (;;) {
		z.next_out = (unsigned char *)b + z.total_out;
		z.avail_out = (unsigned)(cap - z.total_out);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			break;
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			snprintf(why, len, "a damaged zip member");
			goto fail;
		}
		if (z.avail_out == 0) {
			if (cap > max) {
				snprintf(why, len, "the zip member is over the "
				    "-M cap of %zu bytes", max);
				goto fail;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			b = xrealloc(b, cap + 1);
		} else if (rc == Z_BUF_ERROR || z.avail_in == 0) {
			snprintf(why, len, "a zip member cut short");
			goto fail;
		}
	}
	if (z.total_out > max) {
		snprintf(why, len, "the zip member is over the -M cap of %zu "
		    "bytes", max);
		goto fail;
	}
	b[z.total_out] = '\0';
	*out = b;
	*outlen = z.total_out;
	inflateEnd(&z);
	return 0;
fail:
	inflateEnd(&z);
	free(b);
	return -1;
}

int
kaggle_unzip(const char *body, size_t n, size_t max, char **name,
    char **out, size_t *outlen, char *why, size_t len)
{
	const unsigned char *p = (const unsigned char *)body, *e = NULL, *c;
	unsigned long cdoff, csize, usize, loff;
	unsigned method, nl, xl, cl, count, i;
	size_t k, at;
	char *nm;

	*name = *out = NULL;
	*outlen = 0;
	/* The end of central directory record, comment and all. */
	for (k = n >= 22 ? n - 22 : 0; n >= 22; k--) {
		if (memcmp(p + k, "PK\005\006", 4) == 0) {
			e = p + k;
			break;
		}
		if (k == 0 || n - k > 22 + 65535)
			break;
	}
	if (e == NULL) {
		snprintf(why, len, "not a zip archive");
		return -1;
	}
	count = u16(e + 10);
	cdoff = u32(e + 16);
	at = cdoff;
	for (i = 0; i < count; i++) {
		if (at > n || n - at < 46 || memcmp(p + at, "PK\001\002", 4) !=
		    0) {
			snprintf(why, len, "a damaged zip directory");
			return -1;
		}
		c = p + at;
		method = u16(c + 10);
		csize = u32(c + 20);
		usize = u32(c + 24);
		nl = u16(c + 28);
		xl = u16(c + 30);
		cl = u16(c + 32);
		loff = u32(c + 42);
		if (n - at - 46 < nl) {
			snprintf(why, len, "a damaged zip directory");
			return -1;
		}
		nm = xstrndup((const char *)c + 46, nl);
		at += 46 + (size_t)nl + xl + cl;
		if (!kaggle_readable(nm)) {
			free(nm);
			continue;
		}
		if (usize > max) {
			snprintf(why, len, "%s: %lu bytes, over the -M cap of "
			    "%zu", nm, usize, max);
			free(nm);
			return -1;
		}
		if (loff > n || n - loff < 30 ||
		    memcmp(p + loff, "PK\003\004", 4) != 0 ||
		    n - loff - 30 < (size_t)u16(p + loff + 26) +
		    u16(p + loff + 28)) {
			snprintf(why, len, "%s: a damaged zip member", nm);
			free(nm);
			return -1;
		}
		k = loff + 30 + u16(p + loff + 26) + u16(p + loff + 28);
		if (csize > n - k) {
			snprintf(why, len, "%s: a zip member cut short", nm);
			free(nm);
			return -1;
		}
		if (method == 0) {
			*out = xmalloc(csize + 1);
			memcpy(*out, p + k, csize);
			(*out)[csize] = '\0';
			*outlen = csize;
		} else if (method == 8) {
			if (inflated(p + k, csize, max, out, outlen, why,
			    len) != 0) {
				free(nm);
				return -1;
			}
		} else {
			snprintf(why, len, "%s: zip method %u is not read", nm,
			    method);
			free(nm);
			return -1;
		}
		*name = nm;
		return 0;
	}
	snprintf(why, len, "no CSV or JSON file in the zip archive");
	return -1;
}
