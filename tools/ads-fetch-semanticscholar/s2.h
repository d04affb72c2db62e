/*
 * s2.h -- Semantic Scholar Graph API answers for
 * ads-fetch-semanticscholar (s2.c)
 */
#ifndef ADS_S2_H
#define ADS_S2_H

#include <stddef.h>

#include <jv.h>

/* One page of a paper search (relevance or bulk) or a batch answer. */
struct s2_page {
	jv		 records;	/* array of records, in the page's order */
	long		 nitems;	/* papers the page held, nulls included */
	long		 next;		/* relevance: the next offset, or -1 */
	char		*token;		/* bulk: the continuation token, or NULL */
	long long	 total;		/* the answer's total, or -1 */
	/* Papers not made records, by reason. */
	long		 nmissing;	/* null, or no paperId */
	long		 nnotext;	/* neither abstract nor title */
	long		 nonarxiv;	/* on arXiv, dropped with skiparxiv */
	long		 nmalformed;	/* not an object */
	char		*error;		/* the answer's "error" or "message" */
};

/*
 * s2_parse -- read one answer (body, n bytes).  With skiparxiv, papers
 * that have an arXiv id are left to the arXiv fetcher.  Returns 0, or -1
 * with why set when the body is not a page of papers (an error answer
 * still returns 0 with error set).  s2_free() after either.
 */
int s2_parse(const char *body, size_t n, int skiparxiv, struct s2_page *p,
    char *why, size_t whylen);
void s2_free(struct s2_page *p);

/* s2_license -- the SPDX id for an openAccessPdf license, or NULL. */
const char *s2_license(const char *s);

#endif
