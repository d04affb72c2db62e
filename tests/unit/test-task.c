/*
 * test-task.c -- unit tests of common/task.c: task names of plan
 * versions 1 and 2, columns, the row checks and the joined dialogue.
 */
#include <stdio.h>
#include <string.h>

#include <jv.h>

#include "../../common/task.h"
#include "unit.h"

int
main(void)
{
	jv plan, row, m;

	CHECK("v2 names", ads_task_parse("question-answering") ==
	    ADS_TASK_QA && ads_task_parse("conversational") ==
	    ADS_TASK_CONVERSATION && ads_task_parse("code") == ADS_TASK_CODE);
	CHECK("v1 names", ads_task_parse("dialogue") ==
	    ADS_TASK_CONVERSATION && ads_task_parse("sentiment-analysis") ==
	    ADS_TASK_TEXTCLASS && ads_task_parse("language-modeling") ==
	    ADS_TASK_TEXTGEN && ads_task_parse("named-entity-recognition") ==
	    ADS_TASK_TOKENCLASS);
	CHECK("unknown and NULL", ads_task_parse("nonsense") ==
	    ADS_TASK_NONE && ads_task_parse(NULL) == ADS_TASK_NONE);
	CHECK_STR("v2 name of a v1 task",
	    ads_task_name(ads_task_parse("dialogue")), "conversational");
	plan = jv_parse("{\"version\":1,\"task\":\"summarization\"}");
	CHECK("task of a plan", ads_task_of(plan) == ADS_TASK_SUMMARY);
	jv_free(plan);
	CHECK("task of a non-object", ads_task_of(jv_null()) == ADS_TASK_NONE);
	CHECK_STR("columns of QA", ads_task_columns(ADS_TASK_QA)[1],
	    "context");
	CHECK("no columns without a task",
	    ads_task_columns(ADS_TASK_NONE)[0] == NULL);
	CHECK("paired tasks", ads_task_paired(ADS_TASK_TRANSLATION) &&
	    !ads_task_paired(ADS_TASK_TEXTCLASS) &&
	    !ads_task_paired(ADS_TASK_NONE));

	row = jv_parse("{\"question\":\"q?\",\"context\":\"c\",\"answer\":\"a\"}");
	CHECK("a QA row", ads_task_has_row(ADS_TASK_QA, row));
	CHECK("not a summary row", !ads_task_has_row(ADS_TASK_SUMMARY, row));
	jv_free(row);
	row = jv_parse("{\"question\":\"q?\",\"context\":\"\",\"answer\":\"a\"}");
	CHECK("an empty column is no row", !ads_task_has_row(ADS_TASK_QA, row));
	jv_free(row);
	row = jv_parse("{\"translation\":{\"en\":\"a\",\"de\":\"b\"}}");
	CHECK("a translation row", ads_task_has_row(ADS_TASK_TRANSLATION,
	    row));
	jv_free(row);
	row = jv_parse("{\"translation\":{\"en\":\"a\"}}");
	CHECK("one language is no translation",
	    !ads_task_has_row(ADS_TASK_TRANSLATION, row));
	jv_free(row);
	row = jv_parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
	    "{\"role\":\"assistant\",\"content\":\"hello\"}]}");
	CHECK("a conversational row", ads_task_has_row(ADS_TASK_CONVERSATION,
	    row));
	m = jv_object_get(jv_copy(row), jv_string("messages"));
	row = ads_task_row(row, ads_task_join(m), jv_null());
	jv_free(m);
	m = jv_object_get(jv_copy(row), jv_string("text"));
	CHECK_STR("the dialogue joined", jv_string_value(m),
	    "user: hi\n\nassistant: hello");
	jv_free(m);
	jv_free(row);
	row = jv_parse("{\"messages\":[{\"role\":\"user\"}]}");
	CHECK("one message without content is no dialogue",
	    !ads_task_has_row(ADS_TASK_CONVERSATION, row));
	jv_free(row);
	row = ads_task_row(jv_parse("{\"id\":\"a:1\"}"), jv_string("t"),
	    jv_null());
	m = jv_object_get(row, jv_string("context_id"));
	CHECK_STR("context_id defaults to the id", jv_string_value(m), "a:1");
	jv_free(m);
	return unit_failed;
}
