/*
 * pairs.c -- libFuzzer harness over the Reddit task rows: any JSON
 * [post, comments] pair made into QA and conversational rows
 */
#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../tools/ads-fetch-reddit/pairs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jv v, post, comments;

	v = ads_json_parse((const char *)data, size);
	if (jv_get_kind(v) != JV_KIND_ARRAY) {
		jv_free(v);
		return 0;
	}
	post = jv_array_get(jv_copy(v), 0);
	comments = jv_array_get(jv_copy(v), 1);
	jv_free(reddit_pair(post, comments, ADS_TASK_QA));
	jv_free(reddit_pair(post, comments, ADS_TASK_CONVERSATION));
	jv_free(post);
	jv_free(comments);
	jv_free(v);
	return 0;
}
