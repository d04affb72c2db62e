/*
 * gh.h -- GitHub REST answers for ads-fetch-github
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
 * gh_next -- the rel="next" URL of a Link header value, rebased onto
 * base (its scheme and host replaced when they differ, so a replay or
 * proxy keeps serving the pages).  Caller frees; NULL when none.
 */
char *gh_next(const char *link, const char *base);

/*
 * gh_readme_md -- the Markdown of a /repos/O/R/readme answer (body, n
 * bytes, Content-Type ctype or NULL): the body itself, as asked for
 * with the raw media type, or, from a server that answers JSON anyway,
 * its "content" (base64 with line breaks decoded).  Returns a new
 * string of *len bytes; NULL with *err set when a JSON answer is not
 * JSON, has no content string or bad base64.
 */
char *gh_readme_md(const char *body, size_t n, const char *ctype,
    size_t *len, const char **err);

#endif
