/*
 * cc.h -- Common Crawl's index answers and its records as ads records,
 * for ads-fetch-commoncrawl (cc.c; the WARC reader is warc.h)
 */
#ifndef ADS_CC_H
#define ADS_CC_H

#include <stddef.h>

#include <jv.h>

#include "../../common/article.h"
#include "warc.h"

/*
 * The most HTML of one page given to the article extractor: Common Crawl
 * cuts its captures at 1 MiB, and the tree of a larger page costs ten
 * times its size.
 */
#define CC_MAXHTML	(2u << 20)

/* One capture, a line of the CDX index server's JSON output. */
struct cc_capture {
	char		*url;
	char		*filename;	/* crawl-data/CC-MAIN-.../x.warc.gz */
	char		*digest;	/* payload SHA-1, base 32 */
	char		*timestamp;	/* 20251014220259 */
	char		*mime;		/* mime-detected, else mime */
	char		*languages;	/* "eng,spa", or NULL */
	long long	 offset, length;
	int		 status;
};

/*
 * cc_capture_parse -- one CDX line (n bytes).  Returns 0, or -1 when it
 * is not a capture with a safe filename and a sane offset and length.
 */
int cc_capture_parse(const char *line, size_t n, struct cc_capture *c);
void cc_capture_free(struct cc_capture *c);
/* cc_capture_html -- 1 when c is a 200 HTML capture worth fetching. */
int cc_capture_html(const struct cc_capture *c);

/*
 * cc_crawls -- the crawl ids of a collinfo.json answer, newest first
 * (the order the index server gives), as a new array; invalid when the
 * answer is not a list of crawls.
 */
jv cc_crawls(const char *body, size_t n);

/*
 * cc_warcinfo_crawl -- the crawl a warcinfo record's block names
 * ("isPartOf: CC-MAIN-2024-22"), as a new string, or NULL.
 */
char *cc_warcinfo_crawl(const char *block, size_t n);

/*
 * cc_record -- the record for a WARC record of crawl (NULL: unknown)
 * read from file (the WARC file's name or path), at offset and length
 * in it (a capture's, as the index gives them; -1 for a local file,
 * whose record's offset in the decoded stream is kept instead): a
 * response with an
 * HTML payload becomes its main text, a WET conversion record its text.
 * Returns invalid with *reason set ("not_html", "no_text", "status",
 * "truncated", "skip" for other record types) when it is no record.
 */
jv cc_record(const struct warc_record *w, const char *crawl,
    const char *file, long long offset, long long length,
    const char **reason);

/*
 * cc_record in two steps, so that the extraction can run elsewhere:
 * cc_html says what a record needs: 1 for an HTML response, whose page
 * (*body, *bodylen, cut to CC_MAXHTML; its charset, into cs, or NULL)
 * goes to article_extract(); 0 for a WET conversion record (no
 * extraction); -1 with *reason for no record.  cc_build makes the
 * record from a successful extraction a, or from the conversion record
 * when a is NULL (invalid with *reason "no_text" when it is too short).
 */
int cc_html(const struct warc_record *w, const char **body, size_t *bodylen,
    char *cs, size_t cslen, const char **charset, const char **reason);
jv cc_build(const struct warc_record *w, const struct article *a,
    const char *crawl, const char *file, long long offset, long long length,
    const char **reason);

/*
 * cc_readfile -- write the records of the local WARC or WET file path
 * ("-": the standard input), in its order, up to f's limit (local.c).
 */
struct ads_fetch;
void cc_readfile(struct ads_fetch *f, const char *path);

#endif
