/*
 * csv.h -- a CSV reader over a buffer: RFC 4180 quoting ("" inside a
 * quoted field, separators and newlines kept inside quotes), CRLF or
 * LF, a UTF-8 byte order mark skipped, the separator told from the
 * header (comma, semicolon or tab).  One row at a time; a row's memory
 * is bounded (CSV_MAXFIELD bytes a field, CSV_MAXCOLS fields).
 */
#ifndef KAGGLE_CSV_H
#define KAGGLE_CSV_H

#include <stddef.h>

#include <jv.h>

#define CSV_MAXFIELD	(1024 * 1024)
#define CSV_MAXCOLS	1024

struct csv {
	const char	*p;
	size_t		 n;
	size_t		 off;
	char		 sep;
	unsigned long	 line;		/* line of the row just read */
	unsigned long	 next;		/* line where the next row starts */
};

/* csv_init -- read p (n bytes); the separator is told from line one. */
void csv_init(struct csv *c, const char *p, size_t n);

/*
 * csv_row -- the next row as a new array of strings (invalid UTF-8
 * replaced).  Returns 1 with *row set, 0 at the end, or -1 for a row
 * that cannot be read (an unclosed quote at the end, a field or row
 * over the bounds) with the reason in why; reading goes on after it.
 */
int csv_row(struct csv *c, jv *row, char *why, size_t len);

#endif
