/*
 * buf.c -- growable byte buffer
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void
ads_buf_grow(struct ads_buf *b, size_t n)
{
	size_t need, cap;

	if (n > (size_t)-1 / 2 - b->len)
		ads_die(ADS_SYSTEM, "out of memory");
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	if (b->len == 0)
		b->p[0] = '\0';
}

void
ads_buf_add(struct ads_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		ads_buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
ads_buf_adds(struct ads_buf *b, const char *s)
{
	ads_buf_add(b, s, strlen(s));
}

void
ads_buf_addsh(struct ads_buf *b, const char *s, size_t n, int bare)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_./=:,+@%-";
	const char *q;
	size_t i;

	if (bare && n > 0) {
		for (i = 0; i < n && s[i] != '\0' &&
		    strchr(safe, s[i]) != NULL; i++)
			;
		if (i == n) {
			ads_buf_add(b, s, n);
			return;
		}
	}
	ads_buf_addc(b, '\'');
	while ((q = memchr(s, '\'', n)) != NULL) {
		ads_buf_add(b, s, (size_t)(q - s));
		ads_buf_add(b, "'\\''", 4);
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	ads_buf_add(b, s, n);
	ads_buf_addc(b, '\'');
}

void
ads_buf_addf(struct ads_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ads_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
ads_buf_reset(struct ads_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
ads_buf_free(struct ads_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *
ads_buf_detach(struct ads_buf *b, size_t *len)
{
	char *p;

	if (b->p == NULL)
		ads_buf_grow(b, 0);
	p = b->p;
	if (len != NULL)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}
