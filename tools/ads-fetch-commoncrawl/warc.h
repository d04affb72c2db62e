/*
 * warc.h -- reading WARC files (ISO 28500; WARC 1.0 and 1.1) for
 * ads-fetch-commoncrawl (warc.c): plain or gzip (one member per record,
 * as Common Crawl writes them, or one for the whole file), from a file
 * descriptor or from memory, one record at a time in bounded memory;
 * and the HTTP response inside a response record.
 */
#ifndef ADS_WARC_H
#define ADS_WARC_H

#include <stddef.h>

struct warc_reader;

struct warc_record {
	char		 type[32];	/* WARC-Type: response, conversion ... */
	char		*uri;		/* WARC-Target-URI, or NULL */
	char		*date;		/* WARC-Date, or NULL */
	char		*id;		/* WARC-Record-ID, or NULL */
	char		*digest;	/* WARC-Payload-Digest, else Block, or NULL */
	char		*ptype;		/* WARC-Identified-Payload-Type, or NULL */
	long long	 length;	/* Content-Length */
	long long	 offset;	/* where the record starts, in decoded bytes */
	const char	*block;		/* the block, NULL when over the cap */
	size_t		 blocklen;
	int		 truncated;	/* WARC-Truncated, or over the cap */
};

/*
 * warc_open_fd, warc_open_mem -- a reader of fd (not closed by
 * warc_close) or of n bytes at p (borrowed); maxblock caps the block
 * kept in memory: a larger one is skipped, with block NULL.
 */
struct warc_reader *warc_open_fd(int fd, size_t maxblock);
struct warc_reader *warc_open_mem(const void *p, size_t n, size_t maxblock);
void warc_close(struct warc_reader *r);

/*
 * warc_next -- the next record into rec (its pointers valid until the
 * next call).  Returns 1, 0 at the end, or -1 when the input is not WARC
 * or is cut short (warc_error() says why; the reader is then done).
 */
int warc_next(struct warc_reader *r, struct warc_record *rec);
const char *warc_error(const struct warc_reader *r);
/* warc_bytes -- decoded bytes read so far. */
long long warc_bytes(const struct warc_reader *r);

/*
 * warc_http -- split an HTTP response block: its status, the value of
 * its Content-Type (into ctype, cut to len) and its body.  Returns 0, or
 * -1 when the block is not an HTTP response.
 */
int warc_http(const char *block, size_t n, int *status, char *ctype,
    size_t len, const char **body, size_t *bodylen);

#endif
