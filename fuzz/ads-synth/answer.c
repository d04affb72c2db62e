/*
 * answer.c -- libFuzzer harness over ads-synth's reading of LLM
 * answers: any JSON object as the answer of every task against a fixed
 * passage, and the input itself as a passage for the key terms, the
 * cut and the folded search
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/task.h"
#include "../../tools/ads-synth/synth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char passage[] = "The espresso machine forces hot water "
    "through finely ground coffee. The barista tamps the coffee into the "
    "portafilter and stops the shot after thirty seconds.";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *langs[] = { "en", "de", NULL };
	static const enum ads_task tasks[] = { ADS_TASK_QA,
	    ADS_TASK_SUMMARY, ADS_TASK_TRANSLATION, ADS_TASK_CONVERSATION,
	    ADS_TASK_CODE };
	struct sy_spec s;
	long fails[SF_N];
	jv answer, rec;
	size_t i;

	memset(&s, 0, sizeof(s));
	memset(fails, 0, sizeof(fails));
	s.nrows = 3;
	s.langs = langs;
	s.nlangs = 2;
	answer = ads_json_parse((const char *)data, size);
	rec = jv_object_set(jv_object_set(jv_object_set(jv_object(),
	    jv_string("id"), jv_string("x:1")), jv_string("lang"),
	    jv_string("en")), jv_string("text"), jv_string(passage));
	for (i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++) {
		s.task = tasks[i];
		jv_free(sy_rows(&s, rec, strlen(passage), answer,
		    "llm:llm/fuzz", fails));
	}
	jv_free(answer);
	jv_free(rec);
	jv_free(sy_keyterms((const char *)data, size, 10));
	(void)sy_cut((const char *)data, size);
	(void)sy_contains((const char *)data, size, "coffee", 6);
	return 0;
}
