/*
 * pairs.h -- the task rows GitHub already holds: issues (title and
 * body) for summarization, README code blocks with the paragraph that
 * explains them for code
 *
 * The parsers take answer bytes and never fail on any input; they are
 * linked into fuzz/ads-fetch-github/.
 */
#ifndef GH_PAIRS_H
#define GH_PAIRS_H

#include <stddef.h>

#include <jv.h>

/*
 * gh_issues -- a /search/issues answer (body, n bytes) into summarization
 * rows: "document" (and "text") the body reduced from Markdown,
 * "summary" the title, id "github:issue:ID".  Pull requests, titles of
 * fewer than 3 words and bodies not at least twice as long as the
 * title are left out and counted in *skipped.  Returns a new array, or
 * an invalid jv with a message.
 */
jv gh_issues(const char *body, size_t n, long *total, int *incomplete,
    long *skipped);

/*
 * gh_code_rows -- the code rows of README Markdown md (n bytes) for
 * repository record rec (borrowed): each fenced code block with a
 * paragraph or list item just before it in its section (the
 * explanation, reduced from Markdown, of 3 words or more) gives {"id": ID#code-K, "prompt":
 * paragraph, "code": block, "text": paragraph, "context_id": ID, ...}
 * with rec's title, url, license and lang, and meta.code_lang from the
 * fence's info string.  At most max rows.  Returns a new array.
 */
jv gh_code_rows(jv rec, const char *md, size_t n, int max);

#endif
