/*
 * check -- libFuzzer harness for ads-plan -C, -Q and -L: any bytes as
 * a plan must be checked, and when valid made into the plan the driver
 * runs, with its quotas and languages, without a crash, a leak or a
 * sanitizer report.  The first byte picks the rows and the sources.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	long long got[2] = { 0, 7 };
	jv plan, names;

	if (size < 1)
		return 0;
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	names = data[0] & 1 ? plan_quota_names(jv_null(), "wikipedia news,x") :
	    jv_array();
	plan = plan_effective((const char *)data + 1, size - 1, "fuzz",
	    data[0] >> 1, names);
	if (jv_is_valid(plan)) {
		if (jv_get_kind(plan) != JV_KIND_OBJECT)
			abort();
		names = plan_quota_names(plan, NULL);
		plan_quotas(null, plan, names, 1 + data[0], 150,
		    plan_quota_scale(1 + data[0], got, 2));
		jv_free(names);
		plan_keep_langs(null, plan);
	}
	jv_free(plan);
	return 0;
}
