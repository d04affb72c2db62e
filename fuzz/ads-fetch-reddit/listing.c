/*
 * listing -- fuzz the Reddit Listing, comment page and morechildren
 * parsers with the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-reddit/reddit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reddit_ctx c = { "https://www.reddit.com", "en", 0 };
	jv post, more, r;
	char *after = NULL;
	long skipped = 0;

	r = reddit_listing(&c, (const char *)data, size, &after, &skipped);
	free(after);
	jv_free(r);
	post = jv_parse("{\"title\":\"t\",\"url\":\"u\",\"meta\":"
	    "{\"subreddit\":\"s\",\"fullname\":\"t3_x\"}}");
	more = jv_array();
	r = reddit_comments(&c, post, (const char *)data, size, 50, &more);
	jv_free(r);
	r = reddit_morechildren(&c, post, (const char *)data, size, 50, &more);
	jv_free(r);
	jv_free(more);
	jv_free(post);
	return 0;
}
