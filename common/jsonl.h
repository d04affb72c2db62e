/*
 * jsonl.h -- the record reader and the options every filter shares
 *
 * A filter reads JSON Lines records from its file operands (or the
 * standard input when there are none; "-" is the standard input too),
 * one object per line.  The malformed-line policy (ads(7)) lives here:
 * a line that is not valid JSON, not an object, or longer than the
 * bound is reported as
 *
 *	ads-x: file:line: invalid JSON: <libjq's message>
 *
 * skipped, copied unchanged to the reject file (-r) when one is given,
 * and raises the run's level to ADS_DATA.  With -s (strict) the first
 * malformed line ends the input.  Empty lines are skipped but counted,
 * so line numbers match `sed -n Np`.
 *
 * A tool's main, in short:
 *
 *	struct ads_reader r;
 *	jv rec;
 *
 *	ads_reader_init(&r);
 *	while ((c = getopt_long(argc, argv, "k:" ADS_STD_OPTS, lopts,
 *	    NULL)) != -1) {
 *		if (ads_reader_opt(&r, c, optarg, USAGE))
 *			continue;
 *		switch (c) { ... default: ads_usage(USAGE, ADS_USAGE); }
 *	}
 *	ads_reader_open(&r, argc - optind, argv + optind);
 *	while (ads_reader_next(&r, &rec))
 *		ads_out_record(ads_out_stdout(), work(rec));
 *	return ads_reader_finish(&r);
 */
#ifndef ADS_JSONL_H
#define ADS_JSONL_H

#include <stddef.h>
#include <stdio.h>

#include <jv.h>

#include "io.h"

/* Short and long options handled by ads_reader_opt(). */
#define ADS_STD_OPTS "hr:sV"
#define ADS_STD_LONGOPTS \
	{ "help",	no_argument,		NULL,	'h' }, \
	{ "reject",	required_argument,	NULL,	'r' }, \
	{ "strict",	no_argument,		NULL,	's' }, \
	{ "version",	no_argument,		NULL,	'V' }

struct ads_reader {
	char		**files;	/* operands; NULL means stdin */
	int		  nfiles;
	int		  fi;		/* index of the open file */
	struct ads_in	 *in;
	const char	 *name;		/* display name of the open file */
	unsigned long	  lineno;	/* 1-based line of the last line read */
	char		 *line;		/* the last line read (raw) */
	size_t		  linelen;
	size_t		  maxline;
	const char	 *rejectpath;
	FILE		 *reject;
	int		  strict;
	int		  any;		/* accept any JSON value, not only objects */
	int		  stopped;	/* strict stop or fatal error */
	unsigned long	  nrecords;	/* records returned */
	unsigned long	  nbad;		/* malformed lines */
};

/* ads_reader_init -- defaults: stdin, ADS_MAXLINE, no reject file. */
void ads_reader_init(struct ads_reader *r);
/*
 * ads_reader_opt -- handle the shared options -h, -r, -s and -V for
 * option character c with argument arg; usage is the synopsis printed by
 * -h.  Returns 1 when c was one of them, 0 otherwise.
 */
int ads_reader_opt(struct ads_reader *r, int c, const char *arg,
    const char *usage);
/*
 * ads_reader_open -- take the file operands and open the reject file.
 * Every input file is opened now, so a missing one fails before any
 * record is read (exit ADS_SYSTEM).
 */
void ads_reader_open(struct ads_reader *r, int argc, char **argv);
/*
 * ads_reader_next -- the next record into *rec (a new reference the
 * caller owns).  Returns 1, or 0 at the end of all input (or after a
 * strict stop or a read error, which it reports).
 */
int ads_reader_next(struct ads_reader *r, jv *rec);
/*
 * ads_reader_nextline -- the next non-empty raw line, for tools with a
 * fast path that look at the bytes before (or instead of) parsing them.
 * *line and *len are valid until the next call; a trailing CR is not
 * counted in *len.  Over-long lines and read errors are handled as in
 * ads_reader_next.  Returns 1, or 0 at the end of all input.
 */
int ads_reader_nextline(struct ads_reader *r, char **line, size_t *len);
/*
 * ads_reader_parse -- parse a line from ads_reader_nextline into *rec (a
 * new reference) and return 1, or report it as malformed (invalid JSON,
 * not an object) exactly as ads_reader_next would and return 0.
 */
int ads_reader_parse(struct ads_reader *r, const char *line, size_t len,
    jv *rec);
/* ads_reader_count -- count a record a tool took on its fast path. */
void ads_reader_count(struct ads_reader *r);
/*
 * ads_reader_bad -- report the line just read as malformed for a reason
 * of the tool's own ("missing text field"): located message, reject
 * file, ADS_DATA, strict stop.
 */
void ads_reader_bad(struct ads_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * ads_reader_finish -- close everything, flush the standard output, and
 * return the run's exit level for main to return.
 */
int ads_reader_finish(struct ads_reader *r);

/*
 * ads_usage -- print "usage: " and the synopsis lines (separated by
 * '\n' in usage; continuation lines are indented to align) and exit
 * with code: on stdout for 0 (-h), on stderr otherwise.
 */
void ads_usage(const char *usage, int code) __attribute__((noreturn));

#endif
