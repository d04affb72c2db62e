/*
 * util.h -- program name, diagnostics, exit levels and allocation for ads
 *
 * Every ads tool records its name once with ads_setprogname() and then
 * reports problems through the functions below, so that all messages share
 * one shape:
 *
 *	ads-dedup: feed.jsonl:1742: invalid JSON: Unfinished string
 *
 * The exit status of a tool is the worst level it met (ads(7), EXIT
 * STATUS): ads_level() remembers it, ads_raise() only ever increases it.
 *
 * Which calls may exit: each declaration below says "Exits:" with the
 * status, or "Never exits."  A call that may exit never returns an error
 * for that case, so callers do not check it.
 */
#ifndef ADS_UTIL_H
#define ADS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The version: VERSION in config.mk, the one place it is written; the
 * Makefile passes it as ADS_VERSION (and into the scripts it installs).
 */
#ifndef ADS_VERSION
#error "ADS_VERSION is not defined: build with make (config.mk sets it)"
#endif
#define ADS_VERSION_STRING ADS_VERSION

/* Exit levels, in increasing order of severity (ads(7)). */
enum ads_level {
	ADS_OK = 0,		/* everything read was processed */
	ADS_DATA = 1,		/* malformed input lines were skipped */
	ADS_USAGE = 2,		/* bad option or value; nothing was read */
	ADS_SYSTEM = 3,		/* I/O error, out of memory, cannot open */
	ADS_REMOTE = 4		/* fetchers: some requests failed for good */
};

#if defined(__GNUC__)
#define ADS_NORETURN __attribute__((noreturn))
#define ADS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ADS_NORETURN
#define ADS_PRINTF(a, b)
#endif

/* Set the program name from argv[0] (its basename). Call first in main.
 * Never exits. */
void ads_setprogname(const char *argv0);
/* The program name, "ads" before ads_setprogname().  Never exits. */
const char *ads_progname(void);

/*
 * ads_raise -- record that something of severity lvl happened.
 * The run's level only grows; ads_level() returns it, for main's return.
 * Never exit.
 */
void ads_raise(enum ads_level lvl);
int ads_level(void);

/* "prog: message\n" on stderr.  The warnings never exit. */
void ads_warn(const char *fmt, ...) ADS_PRINTF(1, 2);
/* "prog: message: strerror(errno)\n" on stderr. */
void ads_warn_errno(const char *fmt, ...) ADS_PRINTF(1, 2);
/* "prog: file:line: message\n" on stderr; line 0 omits the line part. */
void ads_locwarn(const char *file, unsigned long line, const char *fmt, ...)
    ADS_PRINTF(3, 4);
void ads_vlocwarn(const char *file, unsigned long line, const char *fmt,
    va_list ap);
/* Print "prog: message" and exit with status code.  Exits: code. */
void ads_die(int code, const char *fmt, ...) ADS_NORETURN ADS_PRINTF(2, 3);
/* Like ads_die() with ": strerror(errno)" appended.  Exits: code. */
void ads_die_errno(int code, const char *fmt, ...) ADS_NORETURN
    ADS_PRINTF(2, 3);

/*
 * Allocation wrappers: on failure they print "out of memory" and exit
 * with ADS_SYSTEM, so callers never check.  The caller owns (and frees)
 * what they return.  Exits: ADS_SYSTEM (out of memory; xreallocarray
 * also on an overflowing product, xasprintf on a format error).
 */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray -- realloc for nmemb * size, checking the product. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/*
 * xgrowarray -- the array p of *cap elements of size bytes, with room for
 * element n: its capacity doubled (from first) when n reaches it.
 * Inline: it is on per-word paths.
 */
static inline void *
xgrowarray(void *p, size_t n, size_t *cap, size_t first, size_t size)
{
	if (n == *cap) {
		*cap = *cap ? *cap * 2 : first;
		p = xreallocarray(p, *cap, size);
	}
	return p;
}
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) ADS_PRINTF(1, 2);

/*
 * ads_strtonum -- OpenBSD strtonum(3): parse a decimal integer within
 * [minval, maxval].  On failure returns 0 and sets *errstr to "invalid",
 * "too small" or "too large"; on success *errstr is NULL.  Never exits.
 */
long long ads_strtonum(const char *s, long long minval, long long maxval,
    const char **errstr);
/*
 * ads_optnum -- parse the value of option opt (e.g. "-n") within bounds,
 * or print "prog: -n is too large: 99999" and exit ADS_USAGE.
 * Exits: ADS_USAGE.
 */
long long ads_optnum(const char *opt, const char *s, long long minval,
    long long maxval);
/*
 * ads_optsize -- like ads_optnum for byte sizes with an optional K, M or
 * G suffix (powers of 1024): "64M".  Exits: ADS_USAGE.
 */
long long ads_optsize(const char *opt, const char *s, long long minval,
    long long maxval);
/*
 * ads_optdouble -- parse a floating value within [minval, maxval] or exit
 * ADS_USAGE with a message naming opt.  Exits: ADS_USAGE.
 */
double ads_optdouble(const char *opt, const char *s, double minval,
    double maxval);

/* Print "prog (ads) VERSION\n" on stdout and exit 0.  Exits: 0, or
 * ADS_SYSTEM when stdout cannot be written. */
void ads_version(void) ADS_NORETURN;

/*
 * ads_now_rfc3339 -- the current time as "2026-11-25T17:00:00Z" into buf
 * (at least 21 bytes).  SOURCE_DATE_EPOCH, when set to an integer, is
 * used instead of the clock, so that builds are reproducible.  Never
 * exits.
 */
void ads_now_rfc3339(char *buf, size_t len);

/* ads_getenv_nonempty -- getenv(name), or NULL when unset or empty.
 * Never exits. */
const char *ads_getenv_nonempty(const char *name);

/* ads_hexval -- the value of the hex digit c, or -1.  Never exits. */
int ads_hexval(int c);

/*
 * ads_xml_entities -- 1 when the XML text p (n bytes) has a document
 * type declaration that declares entities (<!DOCTYPE ... [<!ENTITY ...),
 * which no feed the fetchers read uses and which can expand a small
 * answer into gigabytes; 0 otherwise.  Never exits.
 */
int ads_xml_entities(const char *p, size_t n);

/*
 * ads_utf8_cut -- the length of the longest prefix of s (n bytes) that
 * is at most max bytes and does not end inside a UTF-8 sequence.
 * Never exits.
 */
size_t ads_utf8_cut(const char *s, size_t n, size_t max);

/* ads_monotime -- seconds on the monotonic clock.  Never exits. */
double ads_monotime(void);

/*
 * ads_words -- the words of s (n bytes): runs of bytes other than ASCII
 * white space (isspace(3) in the C locale).  Never exits.
 */
size_t ads_words(const char *s, size_t n);

#endif
