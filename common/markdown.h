/*
 * markdown.h -- Markdown and HTML fragments made plain text
 *
 * One converter for every fetcher whose answers hold Markdown (GitHub
 * READMEs and issues, Kaggle descriptions, Reddit posts and comments),
 * on md4c with GitHub's dialect, and one HTML-fragment reader on
 * libxml2 for the entities and tags of text that comes HTML-escaped.
 * Neither fails on any input; both are linked into fuzz/common/.
 */
#ifndef ADS_MARKDOWN_H
#define ADS_MARKDOWN_H

#include <stddef.h>

#include <jv.h>

/*
 * A code block seen by ads_md_walk: code its text (without the last
 * newline), lang the first word of a fence's info string (possibly
 * empty), fenced 0 for an indented block, and para the text of the
 * paragraph or list item just before it in the same section (NULL
 * when a heading, a rule, a table or another code block came last).
 * The pointers are valid during the call only.
 */
struct ads_md_code {
	const char	*code;
	size_t		 codelen;
	const char	*lang;
	size_t		 langlen;
	const char	*para;
	size_t		 paralen;
	int		 fenced;
};

/* Called for each code block; a nonzero return stops the walk. */
typedef int (*ads_md_code_fn)(const struct ads_md_code *c, void *arg);

/*
 * ads_md_walk -- Markdown md (n bytes) as plain text: paragraphs,
 * headings, quotes and code blocks apart by a blank line, list items
 * and table rows one per line (cells apart by a space), task list items
 * with their mark "[x] " or "[ ] ", soft line
 * breaks as spaces, links as their text, images, inline HTML tags,
 * HTML comments and zero-width spaces dropped, HTML blocks reduced to
 * their text, entities decoded, code kept as it is.  fn (may be NULL)
 * sees each code block.  Returns a new NUL-terminated string of *len
 * bytes (len may be NULL); never NULL.
 */
char *ads_md_walk(const char *md, size_t n, size_t *len, ads_md_code_fn fn,
    void *arg);

/* ads_md_text -- ads_md_walk without a callback, as a new jv string. */
jv ads_md_text(const char *md, size_t n);

/*
 * ads_html_text -- the text of the HTML fragment s (n bytes) as
 * libxml2's HTML parser reads it: tags dropped (with the content of
 * script, style and comments), entities and character references
 * decoded, a line break after block elements.  Returns a new string of
 * *len bytes (len may be NULL); never NULL.
 */
char *ads_html_text(const char *s, size_t n, size_t *len);

#endif
