/*
 * news.h -- the parsers of ads-fetch-news: DuckDuckGo's HTML result
 * pages and the main text of an article page
 *
 * Both take a response body as bytes and never fail on any input: the
 * worst a page can do is yield nothing.  They are linked into the fuzz
 * harnesses in fuzz/ads-fetch-news/.
 */
#ifndef NEWS_H
#define NEWS_H

#include <stddef.h>

/* One search result. */
struct ddg_result {
	char	*url;		/* the target, decoded from /l/?uddg= links */
	char	*title;		/* plain text */
	char	*snippet;	/* plain text, may be "" */
	char	*date;		/* as printed next to the snippet, or NULL */
};

/* One result page. */
struct ddg_page {
	struct ddg_result	*res;
	size_t			 nres;
	char			*next;		/* POST body of the "Next" form, or NULL */
	int			 noresults;	/* a result--no-result block was seen */
	int			 blocked;	/* a bot challenge (anomaly) page */
};

/*
 * ddg_parse -- parse the HTML result page p (n bytes) into pg (zeroed
 * first).  Ads, the fake "EOF" result that points to a google.com
 * search, and results without a link are left out.  Returns the number
 * of results.  Free with ddg_page_free().
 */
size_t ddg_parse(const char *p, size_t n, struct ddg_page *pg);
void ddg_page_free(struct ddg_page *pg);

/*
 * ddg_uddg -- the target of a DuckDuckGo redirect link
 * ("//duckduckgo.com/l/?kh=-1&uddg=https%3A%2F%2F..."), or a copy of
 * href when it is a direct link; NULL when it is neither http(s) nor
 * protocol-relative.  Caller frees.
 */
char *ddg_uddg(const char *href);

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
 * news_space -- collapse runs of white space (and U+00A0) in s to one
 * space and trim both ends, in place; returns s.
 */
char *news_space(char *s);

#endif
