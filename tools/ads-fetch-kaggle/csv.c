/*
 * csv.c -- a CSV reader over a buffer (csv.h)
 */
#include <stdio.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "csv.h"

void
csv_init(struct csv *c, const char *p, size_t n)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int q = 0;

	memset(c, 0, sizeof(*c));
	c->p = p;
	c->n = n;
	c->next = 1;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		c->off = 3;
	/* The header's separator: the most frequent outside quotes. */
	for (i = c->off; i < n && (q || (p[i] != '\n' && p[i] != '\r'));
	    i++) {
		if (p[i] == '"')
			q = !q;
		else if (!q && p[i] == ',')
			comma++;
		else if (!q && p[i] == ';')
			semi++;
		else if (!q && p[i] == '\t')
			tab++;
	}
	c->sep = tab > comma && tab >= semi ? '\t' : semi > comma ? ';' : ',';
}

/* push -- the field in b onto *row, unless the row is full. */
static int
push(jv *row, struct ads_buf *b, int *ncols)
{
	if (++*ncols > CSV_MAXCOLS)
		return -1;
	*row = jv_array_append(*row, jv_string_sized(b->len > 0 ? b->p : "",
	    (int)b->len));
	b->len = 0;
	return 0;
}

int
csv_row(struct csv *c, jv *row, char *why, size_t len)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p = c->p;
	size_t i = c->off;
	int q = 0, ncols = 0, bad = 0, atstart = 1;
	char ch;

	*row = jv_null();
	/* Blank lines between rows are nothing. */
	while (i < c->n && (p[i] == '\n' || p[i] == '\r')) {
		if (p[i] == '\n')
			c->next++;
		i++;
	}
	if (i >= c->n) {
		c->off = i;
		return 0;
	}
	c->line = c->next;
	*row = jv_array();
	for (; i < c->n; i++) {
		ch = p[i];
		if (q) {
			if (ch == '"') {
				if (i + 1 < c->n && p[i + 1] == '"') {
					i++;
				} else {
					q = 0;
					continue;
				}
			} else if (ch == '\n')
				c->next++;
		} else if (ch == '"' && atstart) {
			q = 1;
			atstart = 0;
			continue;
		} else if (ch == c->sep) {
			if (!bad && push(row, &b, &ncols) != 0) {
				bad = 1;
				snprintf(why, len, "more than %d fields",
				    CSV_MAXCOLS);
			}
			b.len = 0;
			atstart = 1;
			continue;
		} else if (ch == '\n' || ch == '\r') {
			if (ch == '\r' && i + 1 < c->n && p[i + 1] == '\n')
				i++;
			c->next++;
			i++;
			break;
		}
		atstart = 0;
		if (bad)
			continue;
		if (b.len >= CSV_MAXFIELD) {
			bad = 1;
			snprintf(why, len, "a field over %d bytes",
			    CSV_MAXFIELD);
			continue;
		}
		ads_buf_addc(&b, ch);
	}
	c->off = i;
	if (q && !bad) {
		bad = 1;
		snprintf(why, len, "a quote not closed at the end");
	}
	if (!bad && push(row, &b, &ncols) != 0) {
		bad = 1;
		snprintf(why, len, "more than %d fields", CSV_MAXCOLS);
	}
	ads_buf_free(&b);
	if (bad) {
		jv_free(*row);
		*row = jv_null();
		return -1;
	}
	return 1;
}
