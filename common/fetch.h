/*
 * fetch.h -- the skeleton every ads-fetch-SOURCE shares
 *
 * The fetcher contract (ads(7), FETCHERS): the common options
 * -h -l -n -p -q -u -V, the plan section sources.<source>, records
 * written as soon as they are complete with no duplicate id, `source`,
 * `retrieved` and `query` filled in, progress lines, the "skipped" path
 * for a source that is not planned or lacks a key, and the closing
 * summary and exit level.  A fetcher's main, in short:
 *
 *	struct ads_fetch f;
 *
 *	ads_setprogname(argv[0]);
 *	ads_fetch_init(&f, "arxiv", USAGE);
 *	while ((c = ads_fetch_getopt(&f, argc, argv, "c:" ADS_FETCH_OPTS,
 *	    lopts)) != -1)
 *		switch (c) { case 'c': ... }
 *	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
 *		return ads_fetch_skip(&f, NULL);	(not planned)
 *	(ads_fetch_args() in place of both for only the common options)
 *	ads_fetch_httpopts(&o, "arxiv", 1, 3.0, "ADS_ARXIV_INTERVAL", 60);
 *	h = ads_http_new(&o);
 *	for (i = 0; i < f.nqueries && !ads_fetch_full(&f); i++) {
 *		f.query = f.queries[i];
 *		... ads_fetch_emit(&f, rec); ...
 *	}
 *	return ads_fetch_finish(&f, h);
 */
#ifndef ADS_FETCH_H
#define ADS_FETCH_H

#include <getopt.h>
#include <stddef.h>

#include <jv.h>

#include "http.h"
#include "util.h"

/* Short and long options handled by ads_fetch_opt(). */
#define ADS_FETCH_OPTS "hl:n:p:q:uV"
#define ADS_FETCH_LONGOPTS \
	{ "help",	no_argument,		NULL,	'h' }, \
	{ "lang",	required_argument,	NULL,	'l' }, \
	{ "limit",	required_argument,	NULL,	'n' }, \
	{ "plan",	required_argument,	NULL,	'p' }, \
	{ "query",	required_argument,	NULL,	'q' }, \
	{ "unbuffered",	no_argument,		NULL,	'u' }, \
	{ "version",	no_argument,		NULL,	'V' }

/* Default record limit without -n or a plan limit. */
#define ADS_FETCH_LIMIT_DEFAULT	100
/* Share of items (percent) a source may lose before it exits 4. */
#define ADS_FETCH_MAX_LOSS	25
/* Largest -n accepted. */
#define ADS_FETCH_LIMIT_MAX	10000000

struct ads_fetch {
	const char	 *source;	/* "arxiv" */
	const char	 *usage;	/* synopsis for ads_usage() */
	const char	 *planpath;	/* -p, or NULL */
	const char	 *qopt;		/* -q, or NULL */
	const char	 *lopt;		/* -l, or NULL */
	long long	  limit;	/* records to write at most */
	int		  nset;		/* -n was given */
	jv		  plan;		/* the whole plan, or jv_null() */
	jv		  section;	/* plan's sources.<source>, or jv_null() */
	char		**queries;	/* -q, or the plan's queries */
	size_t		  nqueries;
	char		**langs;	/* -l, the section's lang, the plan's languages, or "en" */
	size_t		  nlangs;
	const char	 *query;	/* the query the records being emitted answer */
	long long	  nout;		/* records written */
	long long	  ndup;		/* duplicates dropped */
	long long	  nfail;	/* failures reported by ads_fetch_fail() */
	char		  retrieved[32];	/* ads_now_rfc3339() at start */
	/* The set of ids written (64-bit hashes, open addressing). */
	unsigned long long *ids;
	size_t		  idcap;
	size_t		  idlen;
	jv		  dropped;	/* reason -> count, by ads_fetch_drop() */
	jv		  lost;		/* reason -> count, by ads_fetch_lost() */
	long long	  nlost;	/* items lost, all reasons */
};

/* ads_fetch_init -- defaults for source; usage is the -h synopsis. */
void ads_fetch_init(struct ads_fetch *f, const char *source,
    const char *usage);

/*
 * ads_fetch_opt -- handle the common option c with argument arg (from
 * ADS_FETCH_OPTS).  Returns 1 when c was one, 0 otherwise.  -h and -V
 * exit; a bad value exits ADS_USAGE.
 */
int ads_fetch_opt(struct ads_fetch *f, int c, const char *arg);

/*
 * ads_fetch_getopt -- getopt_long() over argv with opts (the fetcher's
 * own letters and ADS_FETCH_OPTS) and lopts, handling the common
 * options with ads_fetch_opt(): returns the next of the fetcher's own
 * options, or -1 at the end.  An unknown option or a missing argument
 * exits ADS_USAGE.
 */
int ads_fetch_getopt(struct ads_fetch *f, int argc, char **argv,
    const char *opts, const struct option *lopts);

/*
 * ads_fetch_start -- check the operands (none allowed), read the plan
 * (-p; "-" is the standard input), and settle queries, langs and limit.
 * Exactly one of -p and -q is required (usage error otherwise).  A plan
 * that cannot be opened exits ADS_SYSTEM; one that is not a JSON object
 * exits ADS_USAGE with a located message.  Starts progress.  Returns 0
 * to go on, or 1 when the plan has no section for this source (the
 * caller then returns ads_fetch_skip(f, NULL)).  Queries fall back to
 * the plan's keywords, langs to the plan's languages and then "en".
 */
int ads_fetch_start(struct ads_fetch *f, int argc, char **argv);
/*
 * ads_fetch_args -- for a fetcher with the common options only: read
 * them (any other is a usage error), then ads_fetch_start().
 */
int ads_fetch_args(struct ads_fetch *f, int argc, char **argv);

/*
 * ads_fetch_get -- the plan section's key as a new reference, or
 * jv_null() (for source-specific keys such as "categories").
 */
jv ads_fetch_get(const struct ads_fetch *f, const char *key);

/*
 * ads_fetch_strv -- the plan section's key as a string vector (a string
 * alone counts as one), copied; NULL when absent.  Free with
 * ads_strv_free().
 */
char **ads_fetch_strv(const struct ads_fetch *f, const char *key, size_t *n);

/*
 * ads_fetch_langq -- the queries to run in language lang: the plan
 * section's queries_by_lang[lang] (a list, or a string alone; the key
 * compared without regard to case) when it holds at least one query,
 * f->queries otherwise.  Always f->queries with -q or when the section
 * has no queries_by_lang object.  Returns a new vector, possibly empty
 * (free with ads_strv_free()), its length in *n.
 */
char **ads_fetch_langq(const struct ads_fetch *f, const char *lang,
    size_t *n);

/*
 * ads_fetch_bylang -- 1 when ads_fetch_langq() reads queries_by_lang
 * (a plan section with that object, and no -q), 0 otherwise.
 */
int ads_fetch_bylang(const struct ads_fetch *f);

/*
 * ads_fetch_emit -- write record rec (consumed) unless its id was
 * written before or the limit is reached.  Sets "source", "retrieved"
 * and "query" (f->query) when rec lacks them, and orders the standard
 * fields as ads-record(5) lists them (id source text title url lang
 * license created retrieved query label label_source label_score, the
 * task columns, context_id, meta), other fields after.
 * Returns 1 when written, 0 when dropped (duplicate, no id, or full).
 */
int ads_fetch_emit(struct ads_fetch *f, jv rec);

/*
 * ads_fetch_emitall -- ads_fetch_emit() each record of array a
 * (consumed) until the limit is reached.  Returns the records written.
 */
long long ads_fetch_emitall(struct ads_fetch *f, jv a);

/*
 * ads_fetch_drop -- count a record not written for reason ("missing",
 * "no_text"); the counts go into the final progress line's "dropped"
 * next to "duplicate".
 */
void ads_fetch_drop(struct ads_fetch *f, const char *reason);

/*
 * ads_fetch_lost -- count an item the source offered (a repository, a
 * dataset, an article, a video ...) that could not be made a record
 * because of a fault: reason is one of "malformed" (an answer that does
 * not parse or lacks what it must hold), "failed" (its request failed
 * for good or answered an error), "too_large", "blocked" (a private
 * address or a scheme refused).  The counts go into the summary line
 * ("; skipped 16 items: malformed 16") and the progress lines'
 * "skipped"; when the items lost are more than ADS_FETCH_MAX_LOSS
 * percent (default 25) of the items lost and written, ads_fetch_finish
 * says so and exits ADS_REMOTE.
 */
void ads_fetch_lost(struct ads_fetch *f, const char *reason);

/* ads_fetch_seen -- 1 when a record with this id was written. */
int ads_fetch_seen(const struct ads_fetch *f, const char *id);

/* ads_fetch_full -- 1 when limit records were written. */
int ads_fetch_full(const struct ads_fetch *f);

/*
 * ads_fetch_fail -- report a request that failed for good in one line
 * ("prog: message") and raise the level to ADS_REMOTE.
 */
void ads_fetch_fail(struct ads_fetch *f, const char *fmt, ...)
    ADS_PRINTF(2, 3);

/*
 * ads_fetch_skip -- the source is skipped: print "prog: REASON; skipping
 * SOURCE" (reason NULL means "not in the plan"), emit the progress
 * phase "skipped" with the reason, close the standard output and return
 * ADS_OK for main to return.
 */
int ads_fetch_skip(struct ads_fetch *f, const char *reason);

/*
 * ads_fetch_finish -- print the summary ("prog: 120 records, 6 requests
 * (2 cached, 1 retried, 0 failed)", then "; skipped N items: REASON N,
 * ..." when items were lost), emit the final progress line,
 * close the standard output, free f and h (h may be NULL), and return
 * the exit level (ADS_REMOTE when a request failed for good or too many
 * items were lost).
 */
int ads_fetch_finish(struct ads_fetch *f, struct ads_http *h);

/*
 * ads_fetch_httpopts -- fill o (cleared first) for the source's
 * client: conns transfers at most, interval seconds between requests,
 * or the value of the environment variable env (0 to max seconds) when
 * env is not NULL and set.  A bad value exits ADS_USAGE.
 */
void ads_fetch_httpopts(struct ads_http_opts *o, const char *source,
    int conns, double interval, const char *env, double max);

/*
 * ads_fetch_share -- the fair share of left records for the first of n
 * queries (or languages) still to do: left / n rounded up.
 */
long long ads_fetch_share(long long left, size_t n);

/*
 * ads_fetch_count -- obj (consumed; anything but an object counts as an
 * empty one) with the number at key reason raised by one.  Returns the
 * new object.
 */
jv ads_fetch_count(jv obj, const char *reason);

/*
 * ads_fetch_counts -- the counts of obj (borrowed, reason -> number) as
 * "reason 2, other 1", or "" for none.  Caller frees.
 */
char *ads_fetch_counts(jv obj);

/*
 * ads_fetch_wipe -- overwrite the secret s (a token, a header holding
 * one) and free it; s may be NULL.
 */
void ads_fetch_wipe(char *s);

/*
 * ads_fetch_copy -- dst (consumed) with dst[dk] set to src[sk] when
 * that member is of the given kind.  Returns the new object.
 */
jv ads_fetch_copy(jv dst, const char *dk, jv src, const char *sk,
    jv_kind kind);

/*
 * ads_fetch_keep -- dst (consumed) with each string member of src named
 * in keys (NULL-terminated) copied.  Returns the new object.
 */
jv ads_fetch_keep(jv dst, jv src, const char *const *keys);

/*
 * ads_fetch_squeeze -- s (n bytes) with every run of white space
 * (including newlines) made one space and both ends trimmed, as a new
 * jv string (invalid UTF-8 replaced).  Returns a new reference.
 */
jv ads_fetch_squeeze(const char *s, size_t n);

/*
 * ads_fetch_free -- free what f holds (ads_fetch_finish and
 * ads_fetch_skip call it).
 */
void ads_fetch_free(struct ads_fetch *f);

/*
 * A search answered page by page (arXiv's start, Semantic Scholar's
 * offset or token): the fetcher says how to ask for the next page and
 * how to read one; ads_fetch_pages() does the rest.
 */
struct ads_fetch_pager {
	/*
	 * url -- the next page's URL (caller frees), or NULL when there
	 * is none to ask for.
	 */
	char	*(*url)(void *ctx);
	/*
	 * page -- read answer r: the page's records in order into
	 * *records (a new array), its items, errors included, into
	 * *nitems.  Returns 0 when more pages follow, 1 for the last one,
	 * -1 when the answer is an error (reported with ads_fetch_fail()).
	 */
	int	 (*page)(void *ctx, struct ads_fetch *f,
		    const struct ads_http_resp *r, jv *records, long *nitems);
	const char *const *secret_headers;	/* for each request, or NULL */
	int	 maxstale;	/* pages in a row with no new record: stop */
};

/*
 * ads_fetch_errtext -- the reason an error answer body (n bytes, NUL-
 * terminated) gives: its string member k1, else k2 (NULL: none), else
 * its first line; copied into buf (len bytes).  Returns buf.
 */
const char *ads_fetch_errtext(const char *body, size_t n, const char *k1,
    const char *k2, char *buf, size_t len);
/*
 * ads_fetch_errline -- "HTTP 403: why" for the answer r, with why the
 * string member k1 or else k2 of its JSON body (left out when neither
 * is); the transport error when there was no answer.
 */
void ads_fetch_errline(const struct ads_http_resp *r, const char *k1,
    const char *k2, char *buf, size_t len);

/*
 * ads_fetch_pages -- page through the search of f->query until quota
 * records were written for it, the pages end, a request or an answer
 * fails, or maxstale pages in a row brought no new record (a service
 * that repeats itself would page on forever; said on stderr).  Returns
 * the records written.
 */
long long ads_fetch_pages(struct ads_fetch *f, struct ads_http *h,
    const struct ads_fetch_pager *p, void *ctx, long long quota);

#endif
