/*
 * article.h -- the main text of an HTML page (article.c): what
 * ads-fetch-news takes from an article and ads-fetch-commoncrawl from a
 * crawled page
 */
#ifndef ADS_ARTICLE_H
#define ADS_ARTICLE_H

#include <stddef.h>

/* The text pulled from an article page. */
struct article {
	char	*title;		/* og:title, <title> or the first h1 */
	char	*site;		/* og:site_name or application-name, or NULL */
	char	*published;	/* article:published_time and kin, or NULL */
	char	*lang;		/* <html lang>, or NULL */
	char	*text;		/* main text, paragraphs separated by "\n\n" */
	size_t	 nparas;	/* paragraphs in text */
};

/* Minimum main-text length (bytes) for an extraction to count. */
#define ARTICLE_MINTEXT	200

/*
 * article_extract -- the main text of the HTML page p (n bytes): drop
 * script, style, nav, header, footer, aside, form and the like, score
 * each block by the text of its paragraphs (less link text), and keep
 * the densest.  charset is the one the HTTP Content-Type names, or NULL:
 * it wins over the page's own <meta charset>, as in browsers; one
 * libxml2 does not know is ignored.  The publication date and site name
 * also come from schema.org JSON-LD when the meta tags lack them.
 * Returns 0 with a filled, or -1 when no block holds ARTICLE_MINTEXT
 * bytes (a's metadata fields may still be set).  Free with
 * article_free() either way.
 */
int article_extract(const char *p, size_t n, const char *charset,
    struct article *a);

/*
 * article_charset -- the charset parameter of a Content-Type value
 * ("text/html; charset=ISO-8859-1") into buf, or NULL when it has none
 * or it is not a plain token.
 */
const char *article_charset(const char *ctype, char *buf, size_t len);
void article_free(struct article *a);

/*
 * article_arena -- have libxml2 allocate each page's tree from a region
 * of the calling thread, reset after the page, rather than from malloc:
 * much faster on many pages.  Call it once, before any other use of
 * libxml2 in the process (it sets libxml2's allocator and initialises
 * the parser); a no-op under AddressSanitizer.
 */
void article_arena(void);

/*
 * article_space -- collapse runs of white space (and U+00A0) in s to one
 * space and trim both ends, in place; returns s.
 */
char *article_space(char *s);

#endif
