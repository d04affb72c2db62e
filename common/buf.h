/*
 * buf.h -- a growable byte buffer (git's strbuf, curl's dynbuf)
 *
 * The buffer owns p; p is always NUL-terminated after the first write
 * so it can be used as a C string when no NUL was added.  A zeroed
 * struct (ADS_BUF_INIT) is an empty buffer.
 */
#ifndef ADS_BUF_H
#define ADS_BUF_H

#include <stddef.h>
#include <string.h>

struct ads_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

#define ADS_BUF_INIT { NULL, 0, 0 }

/* Make room for n more bytes (plus the NUL); exits on out of memory. */
void ads_buf_grow(struct ads_buf *b, size_t n);
/* Append n bytes, a string, one byte, or printf output. */
void ads_buf_add(struct ads_buf *b, const void *p, size_t n);
void ads_buf_adds(struct ads_buf *b, const char *s);
void ads_buf_addf(struct ads_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Empty the buffer, keeping its memory. */
void ads_buf_reset(struct ads_buf *b);
/* Free the memory; the buffer is empty and usable again. */
void ads_buf_free(struct ads_buf *b);
/*
 * ads_buf_addsh -- s (n bytes) as one word of sh(1): in single quotes,
 * each ' as '\'' (close, a quoted quote, open again), so that the shell
 * reads back s byte for byte and expands nothing in it.  With bare set,
 * a word that is not empty and has only the bytes A-Za-z0-9_./=:,+@%-
 * goes in as it is, for a command line a person reads.  s must not hold
 * a NUL byte: no shell word can.
 */
void ads_buf_addsh(struct ads_buf *b, const char *s, size_t n, int bare);
/* Give the caller ownership of the string (never NULL); b is reset. */
char *ads_buf_detach(struct ads_buf *b, size_t *len);

static inline void
ads_buf_addc(struct ads_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		ads_buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

#endif
