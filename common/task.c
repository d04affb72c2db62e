/*
 * task.c -- the plan's task and the task rows of ads-record(5)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "buf.h"
#include "io.h"
#include "json.h"
#include "task.h"
#include "util.h"

static const struct {
	const char	*name;
	enum ads_task	 task;
} names[] = {
	/* Version 2: Hugging Face task_categories ids. */
	{ "text-classification",	ADS_TASK_TEXTCLASS },
	{ "token-classification",	ADS_TASK_TOKENCLASS },
	{ "question-answering",		ADS_TASK_QA },
	{ "summarization",		ADS_TASK_SUMMARY },
	{ "translation",		ADS_TASK_TRANSLATION },
	{ "conversational",		ADS_TASK_CONVERSATION },
	{ "text-generation",		ADS_TASK_TEXTGEN },
	{ "code",			ADS_TASK_CODE },
	/* Version 1 names. */
	{ "sentiment-analysis",		ADS_TASK_TEXTCLASS },
	{ "named-entity-recognition",	ADS_TASK_TOKENCLASS },
	{ "dialogue",			ADS_TASK_CONVERSATION },
	{ "language-modeling",		ADS_TASK_TEXTGEN },
	{ NULL,				ADS_TASK_NONE }
};

static const char *const cols_none[] = { NULL };
static const char *const cols_textclass[] = { "text", "label", NULL };
static const char *const cols_token[] = { "tokens", "tags", NULL };
static const char *const cols_qa[] = { "question", "context", "answer",
    NULL };
static const char *const cols_sum[] = { "document", "summary", NULL };
static const char *const cols_tr[] = { "translation", NULL };
static const char *const cols_conv[] = { "messages", NULL };
static const char *const cols_gen[] = { "text", NULL };
static const char *const cols_code[] = { "prompt", "code", NULL };

enum ads_task
ads_task_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return ADS_TASK_NONE;
	for (i = 0; names[i].name != NULL; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].task;
	return ADS_TASK_NONE;
}

enum ads_task
ads_task_of(jv plan)
{
	if (jv_get_kind(plan) != JV_KIND_OBJECT)
		return ADS_TASK_NONE;
	return ads_task_parse(ads_json_str(plan, "task", NULL));
}

const char *
ads_task_name(enum ads_task t)
{
	size_t i;

	if (t == ADS_TASK_NONE)
		return NULL;
	for (i = 0; names[i].name != NULL; i++)
		if (names[i].task == t)
			return names[i].name;
	return NULL;
}

const char *const *
ads_task_columns(enum ads_task t)
{
	static const char *const *const cols[] = {
		[ADS_TASK_NONE] = cols_none,
		[ADS_TASK_TEXTCLASS] = cols_textclass,
		[ADS_TASK_TOKENCLASS] = cols_token,
		[ADS_TASK_QA] = cols_qa,
		[ADS_TASK_SUMMARY] = cols_sum,
		[ADS_TASK_TRANSLATION] = cols_tr,
		[ADS_TASK_CONVERSATION] = cols_conv,
		[ADS_TASK_TEXTGEN] = cols_gen,
		[ADS_TASK_CODE] = cols_code
	};

	return (unsigned)t <= ADS_TASK_CODE ? cols[t] : cols_none;
}

int
ads_task_paired(enum ads_task t)
{
	return t == ADS_TASK_QA || t == ADS_TASK_SUMMARY ||
	    t == ADS_TASK_TRANSLATION || t == ADS_TASK_CONVERSATION ||
	    t == ADS_TASK_CODE;
}

/* nonempty -- 1 when v (borrowed) is a string with a byte in it. */
static int
nonempty(jv v)
{
	return jv_get_kind(v) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(v)) > 0;
}

/* okmessages -- two or more {role, content} objects of strings. */
static int
okmessages(jv a)
{
	int n, ok = 1;

	if (jv_get_kind(a) != JV_KIND_ARRAY)
		return 0;
	n = jv_array_length(jv_copy(a));
	jv_array_foreach(a, i, m) {
		ok = jv_get_kind(m) == JV_KIND_OBJECT &&
		    ads_json_str(m, "role", NULL) != NULL &&
		    ads_json_str(m, "content", NULL) != NULL;
		jv_free(m);
		if (!ok)
			break;
	}
	return ok && n >= 2;
}

/* oktranslation -- an object of two or more non-empty strings. */
static int
oktranslation(jv o)
{
	int n = 0, ok = 1;

	if (jv_get_kind(o) != JV_KIND_OBJECT)
		return 0;
	jv_object_foreach(o, k, v) {
		ok = ok && nonempty(v);
		n++;
		jv_free(k);
		jv_free(v);
	}
	return ok && n >= 2;
}

int
ads_task_has_row(enum ads_task t, jv rec)
{
	const char *const *c;
	int ok = 1;

	if (t == ADS_TASK_NONE || jv_get_kind(rec) != JV_KIND_OBJECT)
		return 0;
	for (c = ads_task_columns(t); *c != NULL && ok; c++) {
		jv v = ads_json_get(rec, *c);

		if (strcmp(*c, "messages") == 0)
			ok = okmessages(v);
		else if (strcmp(*c, "translation") == 0)
			ok = oktranslation(v);
		else if (strcmp(*c, "label") == 0 ||
		    strcmp(*c, "tags") == 0 || strcmp(*c, "tokens") == 0)
			ok = jv_get_kind(v) != JV_KIND_NULL &&
			    jv_get_kind(v) != JV_KIND_INVALID;
		else
			ok = nonempty(v);
		jv_free(v);
	}
	return ok;
}

jv
ads_task_join(jv messages)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv out;

	if (jv_get_kind(messages) != JV_KIND_ARRAY)
		return jv_string("");
	jv_array_foreach(messages, k, m) {
		const char *r = ads_json_str(m, "role", NULL);
		const char *c = ads_json_str(m, "content", NULL);

		if (b.len > 0)
			ads_buf_adds(&b, "\n\n");
		ads_buf_addf(&b, "%s: %s", r != NULL ? r : "",
		    c != NULL ? c : "");
		jv_free(m);
	}
	out = jv_string_sized(b.len > 0 ? b.p : "", (int)b.len);
	ads_buf_free(&b);
	return out;
}

jv
ads_task_row(jv rec, jv text, jv ctx)
{
	if (jv_get_kind(ctx) != JV_KIND_STRING) {
		jv_free(ctx);
		ctx = ads_json_get(rec, "id");
	}
	rec = ads_json_set(rec, "text", text);
	return ads_json_set(rec, "context_id", ctx);
}

jv
ads_plan_read(const char *path)
{
	struct ads_in *in = ads_in_open(path);
	char *text, why[512];
	size_t len;
	jv plan;

	if (in == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", path);
	text = ads_in_slurp(in, 64UL * 1024 * 1024, &len);
	if (text == NULL)
		ads_die(ADS_SYSTEM, "%s: %s", ads_in_name(in),
		    ads_in_error(in));
	plan = ads_json_parse(text, len);
	free(text);
	why[0] = '\0';
	if (!jv_is_valid(plan)) {
		jv msg = jv_invalid_get_msg(plan);

		snprintf(why, sizeof(why), "%s", jv_get_kind(msg) ==
		    JV_KIND_STRING ? jv_string_value(msg) : "not JSON");
		jv_free(msg);
		plan = jv_null();
	} else if (jv_get_kind(plan) != JV_KIND_OBJECT)
		snprintf(why, sizeof(why), "not a JSON object");
	if (why[0] != '\0') {
		/* Everything freed first: a located message, nothing leaked. */
		char name[512];

		snprintf(name, sizeof(name), "%s", ads_in_name(in));
		ads_in_close(in);
		jv_free(plan);
		ads_die(ADS_USAGE, "%s: invalid plan: %s", name, why);
	}
	ads_in_close(in);
	return plan;
}
