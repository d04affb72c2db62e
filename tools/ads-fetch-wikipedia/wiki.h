/*
 * wiki.h -- MediaWiki Action API answers into titles, pages and text
 *
 * Both response shapes parse: formatversion=1 (pages keyed by page id,
 * "*" for content, "missing": "") and formatversion=2 (pages an array,
 * "content", "missing": true), and both continuation styles: the
 * current "continue" object, whose members are echoed on the next
 * request, and the pre-2015 "query-continue".
 */
#ifndef WIKI_H
#define WIKI_H

#include <stddef.h>

#include <jv.h>

struct wiki_answer {
	jv	 titles;	/* list=search: array of title strings */
	long	 totalhits;	/* searchinfo.totalhits, -1 when absent */
	jv	 pages;		/* array of {title, pageid, url, text, html,
				   missing, lastrevid, touched, length,
				   hasextract} */
	jv	 renames;	/* object: title -> title (normalized, redirects) */
	jv	 cont;		/* object of parameters to echo, or jv_null() */
	char	*error;		/* the API's "code: info", or NULL */
};

/*
 * wiki_parse -- parse one Action API answer (body, n bytes).  Returns 0
 * and fills a (free with wiki_free), or -1 when the body is not a JSON
 * object, with the reason in why.
 */
int wiki_parse(const char *body, size_t n, struct wiki_answer *a, char *why,
    size_t len);

void wiki_free(struct wiki_answer *a);

/*
 * wiki_resolve -- follow title through a's renames (normalization, then
 * redirects; at most a few hops).  Consumes renames and title; returns
 * a new reference.
 */
jv wiki_resolve(jv renames, jv title);

/*
 * wiki_html_text -- readable plain text from article HTML: tables,
 * references, scripts and edit links dropped, paragraphs and list items
 * on lines of their own.  Returns a new jv string.
 */
jv wiki_html_text(const char *html, size_t n);

/*
 * wiki_plain -- tidy an explaintext extract: trailing blanks trimmed,
 * runs of more than one empty line made one.  Returns a new jv string.
 */
jv wiki_plain(const char *s, size_t n);

#endif
