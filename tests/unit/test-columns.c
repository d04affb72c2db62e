/*
 * test-columns.c -- the column mapping (common/columns.c) on features in
 * the shapes of real Hub datasets: for each task, the columns chosen,
 * the record written for one row, and the reason a dataset that does
 * not fit is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/columns.h"
#include "../../common/json.h"
#include "../../common/labels.h"
#include "../../common/util.h"
#include "unit.h"

static const struct {
	const char	*what;
	const char	*plan;		/* the plan's task part (JSON) */
	const char	*features;	/* /info features (JSON object) */
	const char	*row;		/* one row (JSON object) */
	const char	*want;		/* the record (compact JSON), or NULL */
	const char	*refused;	/* a part of the reason, when refused */
} cases[] = {
	{ "xsum: document and summary",
	    "{\"task\":\"summarization\"}",
	    "{\"document\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"summary\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"id\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"document\":\"Long text.\",\"summary\":\"Short.\",\"id\":\"1\"}",
	    "{\"text\":\"Long text.\",\"document\":\"Long text.\","
	    "\"summary\":\"Short.\"}", NULL },
	{ "cnn_dailymail: article and highlights",
	    "{\"task\":\"summarization\"}",
	    "{\"article\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"highlights\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"article\":\"A.\",\"highlights\":\"B.\"}",
	    "{\"text\":\"A.\",\"document\":\"A.\",\"summary\":\"B.\"}", NULL },
	{ "wmt: a Translation feature, the plan's language first",
	    "{\"task\":\"translation\",\"languages\":[\"de\",\"en\"]}",
	    "{\"translation\":{\"languages\":[\"de\",\"en\"],"
	    "\"_type\":\"Translation\"}}",
	    "{\"translation\":{\"en\":\"Hello\",\"de\":\"Hallo\"}}",
	    "{\"text\":\"Hallo\",\"translation\":{\"en\":\"Hello\","
	    "\"de\":\"Hallo\"}}", NULL },
	{ "two language columns",
	    "{\"task\":\"translation\"}",
	    "{\"en\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"fr\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"en\":\"Yes\",\"fr\":\"Oui\"}",
	    "{\"text\":\"Yes\",\"translation\":{\"en\":\"Yes\",\"fr\":\"Oui\"}}",
	    NULL },
	{ "chat messages (role, content)",
	    "{\"task\":\"conversational\"}",
	    "{\"messages\":[{\"content\":{\"dtype\":\"string\","
	    "\"_type\":\"Value\"},\"role\":{\"dtype\":\"string\","
	    "\"_type\":\"Value\"}}]}",
	    "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
	    "{\"role\":\"assistant\",\"content\":\"Hello!\"}]}",
	    "{\"text\":\"user: Hi\\nassistant: Hello!\",\"messages\":["
	    "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"}]}", NULL },
	{ "ShareGPT conversations (from, value)",
	    "{\"task\":\"dialogue\"}",
	    "{\"conversations\":{\"feature\":{\"from\":{\"dtype\":\"string\","
	    "\"_type\":\"Value\"},\"value\":{\"dtype\":\"string\","
	    "\"_type\":\"Value\"}},\"_type\":\"List\"}}",
	    "{\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},"
	    "{\"from\":\"gpt\",\"value\":\"A\"}]}",
	    "{\"text\":\"user: Q\\nassistant: A\",\"messages\":["
	    "{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\","
	    "\"content\":\"A\"}]}", NULL },
	{ "conll2003: tokens and ner_tags, MISC outside the plan",
	    "{\"version\":2,\"task\":\"token-classification\",\"labels\":"
	    "[{\"name\":\"PER\"},{\"name\":\"LOC\"}]}",
	    "{\"tokens\":{\"feature\":{\"dtype\":\"string\",\"_type\":"
	    "\"Value\"},\"_type\":\"Sequence\"},\"ner_tags\":{\"feature\":"
	    "{\"names\":[\"O\",\"B-PER\",\"I-PER\",\"B-ORG\",\"I-ORG\","
	    "\"B-LOC\",\"I-LOC\",\"B-MISC\",\"I-MISC\"],\"_type\":"
	    "\"ClassLabel\"},\"_type\":\"Sequence\"}}",
	    "{\"tokens\":[\"Ada\",\"visited\",\"Rome\",\"for\",\"Euro\"],"
	    "\"ner_tags\":[1,0,5,0,7]}",
	    "{\"text\":\"Ada visited Rome for Euro\",\"tokens\":[\"Ada\","
	    "\"visited\",\"Rome\",\"for\",\"Euro\"],\"tags\":[\"B-PER\",\"O\","
	    "\"B-LOC\",\"O\",\"O\"]}", NULL },
	{ "mbpp: text and code",
	    "{\"task\":\"code\"}",
	    "{\"task_id\":{\"dtype\":\"int32\",\"_type\":\"Value\"},"
	    "\"text\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"code\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"task_id\":1,\"text\":\"Add two numbers.\",\"code\":"
	    "\"def add(a, b): return a + b\"}",
	    "{\"text\":\"Add two numbers.\",\"prompt\":\"Add two numbers.\","
	    "\"code\":\"def add(a, b): return a + b\"}", NULL },
	{ "open-domain QA without context: text is the question",
	    "{\"task\":\"question-answering\"}",
	    "{\"question\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"answer\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"question\":\"Why?\",\"answer\":\"Because.\"}",
	    "{\"text\":\"Why?\",\"question\":\"Why?\",\"answer\":\"Because.\"}",
	    NULL },
	{ "text generation: the text column",
	    "{\"task\":\"text-generation\"}",
	    "{\"title\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"content\":{\"dtype\":\"string\",\"_type\":\"Value\"}}",
	    "{\"title\":\"T\",\"content\":\"Body.\"}",
	    "{\"text\":\"Body.\"}", NULL },
	{ "SNLI for sentiment: a pair, not one text",
	    "{\"task\":\"sentiment-analysis\"}",
	    "{\"premise\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"hypothesis\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
	    "\"label\":{\"names\":[\"entailment\",\"neutral\","
	    "\"contradiction\"],\"_type\":\"ClassLabel\"}}",
	    "{}", NULL, "a sentence pair (premise/hypothesis)" },
	{ "images for sentiment",
	    "{\"task\":\"sentiment-analysis\"}",
	    "{\"image\":{\"_type\":\"Image\"},\"label\":{\"names\":[\"neg\","
	    "\"pos\"],\"_type\":\"ClassLabel\"}}", "{}", NULL,
	    "no text column" },
	{ "reviews without a label for a label set",
	    "{\"task\":\"sentiment-analysis\"}",
	    "{\"review\":{\"dtype\":\"string\",\"_type\":\"Value\"}}", "{}",
	    NULL, "no label column" },
	{ "reviews for summarization",
	    "{\"task\":\"summarization\"}",
	    "{\"review\":{\"dtype\":\"string\",\"_type\":\"Value\"}}", "{}",
	    NULL, "no document and summary columns" },
	{ "reviews for NER",
	    "{\"task\":\"named-entity-recognition\"}",
	    "{\"review\":{\"dtype\":\"string\",\"_type\":\"Value\"}}", "{}",
	    NULL, "no tokens and tags columns" },
};

int
main(void)
{
	struct ads_column *c;
	struct ads_colmap m;
	struct ads_task t;
	char why[300], name[300];
	const char *drop;
	size_t i, n;
	jv plan, feats, row, rec, s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		plan = jv_parse(cases[i].plan);
		ads_task_plan(plan, &t);
		feats = jv_parse(cases[i].features);
		c = ads_columns_hf(feats, &n);
		snprintf(name, sizeof(name), "%s", cases[i].what);
		if (ads_colmap_choose(&m, &t, c, n, why, sizeof(why)) != 0) {
			CHECK_STR(name, cases[i].refused != NULL &&
			    strstr(why, cases[i].refused) != NULL ?
			    cases[i].refused : why, cases[i].refused != NULL ?
			    cases[i].refused : "(accepted)");
		} else if (cases[i].want == NULL) {
			CHECK_STR(name, "(accepted)", cases[i].refused);
		} else {
			row = jv_parse(cases[i].row);
			drop = NULL;
			rec = ads_colmap_record(&m, &t, c, NULL, "d/c", row,
			    jv_object(), &drop);
			s = jv_dump_string(rec, 0);
			CHECK_STR(name, jv_string_value(s), cases[i].want);
			jv_free(s);
			jv_free(row);
		}
		ads_columns_free(c, n);
		jv_free(feats);
		jv_free(plan);
		ads_task_free(&t);
	}
	return unit_failed;
}
