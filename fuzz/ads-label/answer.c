/*
 * answer -- libFuzzer harness for ads-label's reading of LLM answers:
 * any body, read as each provider's answer to a batch of four texts,
 * must give labels of the set or none, and entity answers tags that
 * match the tokens or a rejection, without a crash.  The first byte
 * picks the provider and the task.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/llm.h"
#include "../../tools/ads-label/label.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const text[4] = {
		"Ada Lovelace met Charles Babbage in London.",
		"", "x y z", "Grace Hopper, Grace Hopper!"
	};
	struct lb_set s;
	int lab[4], i, p, tok;
	jv v, ents[4], toks, tags;

	if (size < 1)
		return 0;
	p = data[0] % ADS_NLLM;
	tok = (data[0] / ADS_NLLM) & 1;
	if (lb_set_from_list(&s, tok ? "PER,ORG,LOC" : "negative,neutral,"
	    "positive", tok ? LB_TOKEN : LB_TEXT) != 0)
		abort();
	v = ads_llm_extract(p, (const char *)data + 1, size - 1);
	if (jv_is_valid(v)) {
		if (!tok) {
			lb_read(&s, v, 4, lab);
			for (i = 0; i < 4; i++)
				if (lab[i] < -2 || lab[i] >= s.n)
					abort();
		} else {
			lb_read_tokens(v, 4, ents);
			for (i = 0; i < 4; i++) {
				toks = lb_tokens(text[i], LB_MAXTOKENS);
				tags = jv_is_valid(ents[i]) ?
				    lb_tags(&s, toks, ents[i]) : jv_invalid();
				if (jv_is_valid(tags) &&
				    jv_array_length(jv_copy(tags)) !=
				    jv_array_length(jv_copy(toks)))
					abort();
				jv_free(tags);
				jv_free(toks);
				jv_free(ents[i]);
			}
		}
	}
	jv_free(v);
	lb_set_free(&s);
	return 0;
}
