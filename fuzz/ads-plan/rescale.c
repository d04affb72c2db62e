/*
 * rescale -- libFuzzer harness for ads-plan -p: any bytes read as a
 * plan, rescaled to a row count taken from the first bytes, must give
 * a plan or be refused, without a crash.
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
	long long rows;
	jv plan;

	if (size < 3)
		return 0;
	rows = 1 + (((long long)data[0] << 16 | data[1] << 8 | data[2]) %
	    PLAN_MAXROWS);
	plan = ads_json_parse((const char *)data + 3, size - 3);
	if (jv_get_kind(plan) != JV_KIND_OBJECT) {
		jv_free(plan);
		return 0;
	}
	plan = plan_rescale(plan, rows);
	if (jv_get_kind(plan) != JV_KIND_OBJECT)
		abort();
	ads_json_emit(&b, plan);
	jv_free(plan);
	ads_buf_free(&b);
	return 0;
}
