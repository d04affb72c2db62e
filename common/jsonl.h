/*
 * jsonl.h -- the record reader and the options every filter shares
 *
 * A filter reads JSON Lines records from its file operands (or the
 * standard input when there are none; "-" is the standard input too),
 * one object per line.  The malformed-line policy (ads(7)) lives here:
 * a line that is not valid JSON, not an object, longer than the bound,
 * holding invalid UTF-8 (unless -U), or a record without the string
 * members ads-record(5) requires ("id", "source", "text") is reported as
 *
 *	ads-x: file:line: invalid JSON: <libjq's message>
 *	ads-x: file:line: invalid UTF-8 at byte 17
 *	ads-x: file:line: missing string "text"
 *
 * skipped, copied unchanged to the reject file (-r) when one is given,
 * and raises the run's level to ADS_DATA.  With -s (strict) the first
 * malformed line ends the input.  With -U (repair) libjq's replacement
 * of invalid UTF-8 by U+FFFD is accepted instead.  Empty lines are
 * skipped but counted, so line numbers match `sed -n Np`.
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
#include "rawjson.h"

/* Short and long options handled by ads_reader_opt(). */
#define ADS_STD_OPTS "hr:sUV"
#define ADS_STD_LONGOPTS \
	{ "help",	no_argument,		NULL,	'h' }, \
	{ "reject",	required_argument,	NULL,	'r' }, \
	{ "repair-utf8", no_argument,		NULL,	'U' }, \
	{ "strict",	no_argument,		NULL,	's' }, \
	{ "version",	no_argument,		NULL,	'V' }

/*
 * The string members every record must have (ads-record(5)), as a
 * NULL-terminated list: the default of struct ads_reader's require.
 */
extern const char *const ads_record_required[];

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
	int		  repair;	/* -U: accept libjq's U+FFFD repairs */
	int		  any;		/* accept any JSON value, not only objects */
	/* String members a record must have; NULL: any object will do. */
	const char *const *require;
	int		  stopped;	/* strict stop or fatal error */
	unsigned long	  nrecords;	/* records returned */
	unsigned long	  nbad;		/* malformed lines */
};

/*
 * ads_reader_init -- defaults: stdin, ADS_MAXLINE, no reject file,
 * records must have the members of ads_record_required.
 */
void ads_reader_init(struct ads_reader *r);
/*
 * ads_reader_opt -- handle the shared options -h, -r, -s, -U and -V for
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
 * ads_reader_files -- read the argc files of argv next (the standard
 * input when argc is 0), after closing the open one: for a tool that
 * reads other data (a reference dataset) besides its operands.  The
 * caller has checked that they exist; line numbers start again.
 */
void ads_reader_files(struct ads_reader *r, int argc, char **argv);
/*
 * ads_reader_size -- the bytes the reader's files will give, when every
 * one is a regular file that is not compressed; -1 otherwise (a pipe, a
 * .zst).  For a tool that sizes its state ahead from the records so far.
 */
long long ads_reader_size(const struct ads_reader *r);
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
 * not an object, ads_record_check) exactly as ads_reader_next would
 * and return 0.
 */
int ads_reader_parse(struct ads_reader *r, const char *line, size_t len,
    jv *rec);
/*
 * ads_reader_scan -- ads_raw_scan() for a tool's fast path, under the
 * reader's policy: a canonical line that lacks a required member comes
 * back as ADS_RAW_VALID, so that the tool gives it to ads_reader_parse,
 * which reports it.  (A canonical line is valid UTF-8 already.)
 */
int ads_reader_scan(struct ads_reader *r, struct ads_raw *raw,
    const char *line, size_t len);
/*
 * ads_record_check -- what is wrong with a record that libjq parsed
 * into rec (an object; borrowed) from line (len bytes): invalid UTF-8
 * or a lone surrogate escape when repair is 0, or a member of require
 * (a NULL-terminated list, or NULL) that is missing or not a string.
 * Returns NULL when nothing is, or the message for ads_reader_bad(),
 * valid until the next call.  For tools with a reader of their own.
 */
const char *ads_record_check(const char *line, size_t len, jv rec,
    int repair, const char *const *require);
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
 * with code: on stdout for 0 (-h), on stderr otherwise.  For 0, a blank
 * line and ads_help follow.
 */
void ads_usage(const char *usage, int code) __attribute__((noreturn));
/*
 * ads_help -- the options as the tool's man page describes them: each
 * tool's main.c includes the build/gen/TOOL-help.h that the Makefile
 * makes from man/TOOL.1 (scripts/manhelp).  Empty in other programs.
 */
extern const char ads_help[];

#endif
