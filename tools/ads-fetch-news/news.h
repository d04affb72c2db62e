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

#include "../../common/article.h"

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

#endif
