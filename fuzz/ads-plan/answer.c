/*
 * answer -- libFuzzer harness for ads-plan's reading of LLM answers:
 * any body, read as each provider's answer, must be extracted,
 * validated and (when valid) built into a plan without a crash.  The
 * first byte picks the provider.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../tools/ads-plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_buf b = ADS_BUF_INIT;
	int p;
	jv v, plan;

	if (size < 1)
		return 0;
	p = data[0] % ADS_NLLM;
	v = ads_llm_extract(p, (const char *)data + 1, size - 1);
	if (jv_is_valid(v)) {
		v = llm_validate(v);
		if (jv_is_valid(v)) {
			if (jv_get_kind(v) != JV_KIND_OBJECT)
				abort();
			plan = plan_build(v, "fuzz", jv_object());
			ads_json_emit(&b, plan);
			jv_free(plan);
			ads_buf_free(&b);
			return 0;
		}
	}
	jv_free(v);
	return 0;
}
