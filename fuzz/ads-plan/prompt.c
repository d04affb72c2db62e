/*
 * prompt -- libFuzzer harness for ads-plan's prompt reading: any bytes
 * as a prompt must give a brief, and the brief a whole plan, without a
 * crash, a leak or a sanitizer report.
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
	jv brief, plan, pl, s;

	brief = plan_analyze((const char *)data, size);
	if (jv_get_kind(brief) != JV_KIND_OBJECT)
		abort();
	s = jv_string_sized((const char *)data, (int)(size > 16384 ?
	    16384 : size));
	pl = jv_object_set(jv_object(), jv_string("kind"),
	    jv_string("keyword"));
	plan = plan_build(brief, jv_string_value(s), pl);
	if (jv_get_kind(plan) != JV_KIND_OBJECT)
		abort();
	ads_json_emit(&b, plan);
	jv_free(plan);
	jv_free(s);
	ads_buf_free(&b);
	return 0;
}
