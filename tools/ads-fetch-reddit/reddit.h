/*
 * reddit.h -- the parsers of ads-fetch-reddit: Listings of posts,
 * comment pages and /api/morechildren answers, turned into records
 *
 * They take a response body as bytes and never fail on any input; a
 * body that is not what was expected gives an invalid jv with a
 * message.  They are linked into fuzz/ads-fetch-reddit/.
 */
#ifndef REDDIT_H
#define REDDIT_H

#include <stddef.h>

#include <jv.h>

struct reddit_ctx {
	const char	*site;		/* "https://www.reddit.com": record URLs */
	const char	*lang;		/* record lang, or NULL */
	int		 nsfw;		/* keep over_18 posts */
};

/* The license of Reddit content: its Data API terms, not an open one. */
#define REDDIT_LICENSE	"LicenseRef-Reddit-Data-API-Terms"

/*
 * reddit_listing -- the post records of a Listing of t3 things (search
 * or subreddit listing), in order.  Removed, deleted and (unless
 * c->nsfw) NSFW posts are left out and counted in *skipped.  *after
 * receives the next page's fullname (caller frees) or NULL.  Returns a
 * new array, or an invalid jv with a message when p is not a Listing
 * (a Reddit error object gives its message).
 */
jv reddit_listing(const struct reddit_ctx *c, const char *p, size_t n,
    char **after, long *skipped);

/*
 * reddit_comments -- the comment records of a comment page
 * [Listing(t3), Listing(t1 | more)] for post (a record made by
 * reddit_listing; borrowed): the tree is walked and its comments
 * ordered by depth, then by Reddit's order within a depth (top-level
 * comments first), at most max of them.  The ids of "more" stubs are
 * appended to *more (an array, consumed and returned).  Deleted,
 * removed and AutoModerator comments are left out.  Returns a new
 * array, or an invalid jv.
 */
jv reddit_comments(const struct reddit_ctx *c, jv post, const char *p,
    size_t n, size_t max, jv *more);

/*
 * reddit_morechildren -- the same for the answer of POST
 * /api/morechildren ({"json": {"data": {"things": [...]}}}).
 */
jv reddit_morechildren(const struct reddit_ctx *c, jv post, const char *p,
    size_t n, size_t max, jv *more);

/* reddit_time -- epoch seconds as RFC 3339 into buf (21 bytes or more). */
void reddit_time(double t, char *buf, size_t len);

#endif
