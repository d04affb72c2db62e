/*
 * warc.c -- a streaming WARC reader (warc.h)
 *
 * The decoded bytes go into one buffer; a record's header is parsed in
 * place and its block is kept there while it is in use, so memory is
 * the largest block kept (at most maxblock) plus one read.  A gzip input
 * is inflated member after member (Common Crawl gzips each record on its
 * own, so that a range request gets one whole record).
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <zlib.h>

#include "../../common/buf.h"
#include "../../common/util.h"
#include "warc.h"

#define CHUNK		65536
#define MAXHEADER	65536

struct warc_reader {
	int		 fd;		/* or -1: mem */
	const unsigned char *mem;
	size_t		 memlen, mempos;
	int		 gz;		/* -1 not known yet, 0 plain, 1 gzip */
	z_stream	 z;
	int		 zinit;
	unsigned char	 in[CHUNK];
	int		 ineof;		/* the source is exhausted */
	int		 inmember;	/* inside a gzip member */
	struct ads_buf	 buf;		/* decoded bytes */
	size_t		 pos;		/* first byte not consumed */
	long long	 consumed;	/* decoded bytes before buf[pos] */
	size_t		 maxblock;
	int		 done;
	char		 err[160];
	char		*hdr;		/* the current record's header copy */
};

static struct warc_reader *
newreader(size_t maxblock)
{
	struct warc_reader *r = xcalloc(1, sizeof(*r));

	r->fd = -1;
	r->gz = -1;
	r->maxblock = maxblock;
	return r;
}

struct warc_reader *
warc_open_fd(int fd, size_t maxblock)
{
	struct warc_reader *r = newreader(maxblock);

	r->fd = fd;
	return r;
}

struct warc_reader *
warc_open_mem(const void *p, size_t n, size_t maxblock)
{
	struct warc_reader *r = newreader(maxblock);

	r->mem = p;
	r->memlen = n;
	return r;
}

void
warc_close(struct warc_reader *r)
{
	if (r == NULL)
		return;
	if (r->zinit)
		inflateEnd(&r->z);
	ads_buf_free(&r->buf);
	free(r->hdr);
	free(r);
}

const char *
warc_error(const struct warc_reader *r)
{
	return r->err;
}

long long
warc_bytes(const struct warc_reader *r)
{
	return r->consumed + (long long)r->pos;
}

/* readsrc -- up to n raw bytes of the source into p; 0 at its end. */
static ssize_t
readsrc(struct warc_reader *r, unsigned char *p, size_t n)
{
	ssize_t k;

	if (r->fd < 0) {
		k = (ssize_t)(r->memlen - r->mempos < n ? r->memlen - r->mempos :
		    n);
		memcpy(p, r->mem + r->mempos, (size_t)k);
		r->mempos += (size_t)k;
		return k;
	}
	do
		k = read(r->fd, p, n);
	while (k < 0 && errno == EINTR);
	return k;
}

/*
 * fill -- decode more bytes into buf; 1 when some came, 0 at the end,
 * -1 on an error.
 */
static int
fill(struct warc_reader *r)
{
	size_t before;
	ssize_t k;
	int zr;

	/* Drop what was consumed, once it is most of the buffer. */
	if (r->pos > 0 && r->pos >= r->buf.len / 2) {
		memmove(r->buf.p, r->buf.p + r->pos, r->buf.len - r->pos);
		r->buf.len -= r->pos;
		r->consumed += (long long)r->pos;
		r->pos = 0;
	}
	before = r->buf.len;
	if (r->gz < 0) {
		/* Sniff the first bytes: gzip, or plain. */
		k = readsrc(r, r->in, 2);
		if (k < 0)
			goto ioerr;
		if (k == 2 && r->in[0] == 0x1f && r->in[1] == 0x8b) {
			r->gz = 1;
			if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
				snprintf(r->err, sizeof(r->err),
				    "cannot start zlib");
				return -1;
			}
			r->zinit = 1;
			r->z.next_in = r->in;
			r->z.avail_in = 2;
		} else {
			r->gz = 0;
			ads_buf_add(&r->buf, r->in, (size_t)k);
			if (k < 2)
				r->ineof = 1;
			return k > 0;
		}
	}
	if (!r->gz) {
		if (r->ineof)
			return 0;
		ads_buf_grow(&r->buf, CHUNK);
		k = readsrc(r, (unsigned char *)r->buf.p + r->buf.len, CHUNK);
		if (k < 0)
			goto ioerr;
		if (k == 0) {
			r->ineof = 1;
			return 0;
		}
		r->buf.len += (size_t)k;
		r->buf.p[r->buf.len] = '\0';
		return 1;
	}
	while (r->buf.len == before) {
		if (r->z.avail_in == 0) {
			if (r->ineof)
				return 0;
			k = readsrc(r, r->in, sizeof(r->in));
			if (k < 0)
				goto ioerr;
			if (k == 0) {
				r->ineof = 1;
				if (r->inmember) {
					snprintf(r->err, sizeof(r->err),
					    "a gzip member is cut short");
					return -1;
				}
				return 0;
			}
			r->z.next_in = r->in;
			r->z.avail_in = (uInt)k;
		}
		ads_buf_grow(&r->buf, CHUNK);
		r->z.next_out = (unsigned char *)r->buf.p + r->buf.len;
		r->z.avail_out = CHUNK;
		r->inmember = 1;
		zr = inflate(&r->z, Z_NO_FLUSH);
		r->buf.len += CHUNK - r->z.avail_out;
		r->buf.p[r->buf.len] = '\0';
		if (zr == Z_STREAM_END) {
			/* The next member, if any. */
			inflateReset(&r->z);
			r->inmember = 0;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			snprintf(r->err, sizeof(r->err), "gzip: %s",
			    r->z.msg != NULL ? r->z.msg : "bad data");
			return -1;
		}
	}
	return 1;
ioerr:
	snprintf(r->err, sizeof(r->err), "read: %s", strerror(errno));
	return -1;
}

/* need -- make at least n unconsumed bytes available; 0, or -1 short. */
static int
need(struct warc_reader *r, size_t n)
{
	int k;

	while (r->buf.len - r->pos < n) {
		k = fill(r);
		if (k <= 0)
			return -1;
	}
	return 0;
}

/* skip -- consume n bytes, reading them as needed; 0 or -1. */
static int
skip(struct warc_reader *r, long long n)
{
	size_t have;

	while (n > 0) {
		have = r->buf.len - r->pos;
		if (have == 0) {
			if (fill(r) <= 0)
				return -1;
			continue;
		}
		if ((long long)have > n)
			have = (size_t)n;
		r->pos += have;
		n -= (long long)have;
	}
	return 0;
}

/* headerend -- the length of the header block at buf[pos], or 0. */
static size_t
headerend(const struct warc_reader *r)
{
	const char *p = r->buf.p + r->pos, *e;
	size_t n = r->buf.len - r->pos;

	e = memmem(p, n, "\r\n\r\n", 4);
	if (e != NULL)
		return (size_t)(e - p) + 4;
	e = memmem(p, n, "\n\n", 2);
	return e != NULL ? (size_t)(e - p) + 2 : 0;
}

/* field -- the value of header name in the header text h, or NULL. */
static char *
field(char *h, const char *name)
{
	size_t n = strlen(name);
	char *l;

	for (l = h; l != NULL && *l != '\0'; l = strchr(l, '\n'), l = l ?
	    l + 1 : NULL) {
		if (strncasecmp(l, name, n) == 0 && l[n] == ':') {
			char *v = l + n + 1, *e;

			while (*v == ' ' || *v == '\t')
				v++;
			e = v + strcspn(v, "\r\n");
			return xstrndup(v, (size_t)(e - v));
		}
	}
	return NULL;
}

static void
clearrec(struct warc_record *rec)
{
	free(rec->uri);
	free(rec->date);
	free(rec->id);
	free(rec->digest);
	free(rec->ptype);
	memset(rec, 0, sizeof(*rec));
}

int
warc_next(struct warc_reader *r, struct warc_record *rec)
{
	size_t hl;
	char *v;
	long long len;

	clearrec(rec);
	if (r->done)
		return r->err[0] != '\0' ? -1 : 0;
	/* The blank lines between records. */
	for (;;) {
		if (r->buf.len - r->pos == 0) {
			int k = fill(r);

			if (k == 0) {
				r->done = 1;
				return 0;
			}
			if (k < 0)
				goto fail;
			continue;
		}
		if (r->buf.p[r->pos] != '\r' && r->buf.p[r->pos] != '\n')
			break;
		r->pos++;
	}
	rec->offset = warc_bytes(r);
	while ((hl = headerend(r)) == 0) {
		if (r->buf.len - r->pos > MAXHEADER) {
			snprintf(r->err, sizeof(r->err), "a record header of "
			    "over %d bytes", MAXHEADER);
			goto fail;
		}
		if (fill(r) <= 0) {
			if (r->err[0] == '\0')
				snprintf(r->err, sizeof(r->err),
				    "the input ends inside a record header");
			goto fail;
		}
	}
	if (hl < 6 || strncmp(r->buf.p + r->pos, "WARC/", 5) != 0) {
		snprintf(r->err, sizeof(r->err), "not a WARC record at byte "
		    "%lld", rec->offset);
		goto fail;
	}
	free(r->hdr);
	r->hdr = xstrndup(r->buf.p + r->pos, hl);
	r->pos += hl;
	v = field(r->hdr, "Content-Length");
	len = -1;
	if (v != NULL) {
		char *end;

		errno = 0;
		len = strtoll(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || len < 0)
			len = -1;
		free(v);
	}
	if (len < 0) {
		snprintf(r->err, sizeof(r->err), "a record without a valid "
		    "Content-Length at byte %lld", rec->offset);
		goto fail;
	}
	rec->length = len;
	v = field(r->hdr, "WARC-Type");
	snprintf(rec->type, sizeof(rec->type), "%s", v != NULL ? v : "");
	free(v);
	rec->uri = field(r->hdr, "WARC-Target-URI");
	rec->date = field(r->hdr, "WARC-Date");
	rec->id = field(r->hdr, "WARC-Record-ID");
	rec->digest = field(r->hdr, "WARC-Payload-Digest");
	if (rec->digest == NULL)
		rec->digest = field(r->hdr, "WARC-Block-Digest");
	rec->ptype = field(r->hdr, "WARC-Identified-Payload-Type");
	v = field(r->hdr, "WARC-Truncated");
	rec->truncated = v != NULL;
	free(v);
	if ((unsigned long long)len > r->maxblock) {
		rec->truncated = 1;
		if (skip(r, len) != 0)
			goto short_;
		return 1;
	}
	if (need(r, (size_t)len) != 0)
		goto short_;
	rec->block = r->buf.p + r->pos;
	rec->blocklen = (size_t)len;
	r->pos += (size_t)len;
	return 1;
short_:
	if (r->err[0] == '\0')
		snprintf(r->err, sizeof(r->err), "the input ends inside the "
		    "block of the record at byte %lld", rec->offset);
fail:
	r->done = 1;
	clearrec(rec);
	return -1;
}

int
warc_http(const char *block, size_t n, int *status, char *ctype,
    size_t len, const char **body, size_t *bodylen)
{
	const char *end, *l, *e, *next;
	size_t hl;

	*status = 0;
	if (len > 0)
		ctype[0] = '\0';
	if (n < 12 || strncmp(block, "HTTP/", 5) != 0)
		return -1;
	l = memchr(block, ' ', n < 16 ? n : 16);
	if (l == NULL || (size_t)(l - block) + 4 > n)
		return -1;
	*status = atoi(l + 1);
	end = memmem(block, n, "\r\n\r\n", 4);
	hl = 4;
	if (end == NULL) {
		end = memmem(block, n, "\n\n", 2);
		hl = 2;
	}
	if (end == NULL)
		return -1;
	for (l = block; l < end; l = next) {
		e = memchr(l, '\n', (size_t)(end - l));
		next = e != NULL ? e + 1 : end;
		if (e == NULL)
			e = end;
		if ((size_t)(e - l) > 13 && strncasecmp(l, "Content-Type:",
		    13) == 0 && len > 0) {
			const char *v = l + 13;
			size_t k;

			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			k = (size_t)(e - v);
			while (k > 0 && (v[k - 1] == '\r' || v[k - 1] == ' '))
				k--;
			if (k >= len)
				k = len - 1;
			memcpy(ctype, v, k);
			ctype[k] = '\0';
		}
	}
	*body = end + hl;
	*bodylen = n - (size_t)(end + hl - block);
	return 0;
}
