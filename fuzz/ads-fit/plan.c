/*
 * plan -- libFuzzer harness over ads-fit's plan reader, form table and
 * relevance score.  The input is a plan, a newline, and a record; both
 * are parsed as JSON (either may be invalid), the plan is loaded, and
 * the record's form and relevance are computed.  The form must be one
 * of the table's and the relevance finite, from 0 to 2.2 per plan word.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/hash.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "../../tools/ads-fit/fit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Members of libads.a the tool's objects need (see fuzz/ads-score). */
void *ads_fit_fuzz_keep[] = {
	(void *)xcalloc, (void *)xreallocarray, (void *)ads_hash64,
	(void *)ads_json_str, (void *)xstrndup
};

static void
check(int ok)
{
	if (!ok)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nl, *why, *text, *title;
	struct fitplan plan;
	size_t pn, tn = 0, n = 0;
	jv pv, rec;
	double rel;
	int f;

	nl = memchr(p, '\n', size);
	pn = nl != NULL ? (size_t)(nl - p) : size;
	pv = ads_json_parse(p, pn);
	if (fit_plan_load(&plan, pv, &why) < 0) {
		check(jv_get_kind(pv) != JV_KIND_OBJECT);
		jv_free(pv);
		return 0;
	}
	jv_free(pv);
	rec = nl != NULL ? ads_json_parse(nl + 1, size - pn - 1) :
	    jv_object();
	if (jv_get_kind(rec) == JV_KIND_OBJECT) {
		f = fit_form(rec);
		check(f >= 0 && f < NFORMS);
		check(form_parse(form_name(f), strlen(form_name(f))) == f);
		title = ads_json_str(rec, "title", &tn);
		text = ads_json_str(rec, "text", &n);
		rel = fit_relevance(&plan, form_name(f), title, title ? tn : 0, text,
		    text ? n : 0);
		check(isfinite(rel) && rel >= 0 &&
		    rel <= 2.2 * (double)plan.nterms + 1e-9);
	}
	/* Raw text as a record's text, too. */
	rel = fit_relevance(&plan, NULL, NULL, 0, p, size);
	check(isfinite(rel) && rel >= 0);
	jv_free(rec);
	fit_plan_free(&plan);
	return 0;
}
