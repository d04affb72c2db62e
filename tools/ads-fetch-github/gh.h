/*
 * gh.h -- GitHub REST answers, base64 and Markdown for ads-fetch-github
 */
#ifndef GH_H
#define GH_H

#include <stddef.h>

#include <jv.h>

/*
 * gh_items -- the "items" of a GitHub search answer (body, n bytes),
 * with total_count into *total (-1 when absent) and incomplete_results
 * into *incomplete; invalid, with a message, when it is not one.
 */
jv gh_items(const char *body, size_t n, long *total, int *incomplete);

/*
 * gh_search -- a /search/repositories answer (body, n bytes) into an
 * array of partial records (id title url license created meta, and
 * "_readme": the "owner/name" to ask the README of).  Returns a new
 * reference: the array, or an invalid jv with a message.  Items without
 * a full_name or a numeric id are left out and counted in *bad.
 */
jv gh_search(const char *body, size_t n, long *total, int *incomplete,
    long *bad);

/*
 * gh_message -- the "message" of an error answer, copied into buf
 * (len bytes); the body's first line when it is not JSON.
 */
const char *gh_message(const char *body, size_t n, char *buf, size_t len);

/*
 * gh_next -- the rel="next" URL of a Link header value, rebased onto
 * base (its scheme and host replaced when they differ, so a replay or
 * proxy keeps serving the pages).  Caller frees; NULL when none.
 */
char *gh_next(const char *link, const char *base);

/*
 * gh_readme -- the text of a /repos/O/R/readme answer: the base64
 * content (newlines allowed) decoded and reduced from Markdown.
 * Returns a new jv string, or an invalid jv with a message when the
 * answer is not JSON, has no content string or bad base64.
 */
jv gh_readme(const char *body, size_t n);

/*
 * gh_b64 -- decode base64 in s (n bytes, white space skipped) into a
 * new buffer of *outlen bytes plus a NUL; NULL when s is not base64.
 */
char *gh_b64(const char *s, size_t n, size_t *outlen);

/*
 * md_text -- Markdown (GitHub flavour, with inline HTML) reduced to
 * readable plain text: headings, emphasis, links, images, badges, HTML
 * tags and comments, tables and rules lose their markup; code blocks
 * keep their text.  Returns a new jv string.
 */
jv md_text(const char *md, size_t n);

#endif
