/*
 * test-labels.c -- the label mapping (common/labels.c) against a truth
 * table made by hand from real Hugging Face and Kaggle label schemes:
 * for each, the plan's label set, the values a row may carry and the
 * label each must become ("-" dropped as unmapped, "?" dropped as
 * missing), or the reason the whole scheme is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/labels.h"
#include "../../common/util.h"
#include "unit.h"

#define SENT3	"negative,neutral,positive"
#define SENT2	"negative,positive"
#define STARS5	"1,2,3,4,5"

static const struct truth {
	const char	*what;		/* the dataset and its column */
	const char	*names;		/* ClassLabel names (JSON) or NULL */
	const char	*sample;	/* values seen, without names (JSON) */
	const char	*set;		/* the plan's labels, comma-separated */
	const char	*values;	/* JSON array of row values */
	const char	*want;		/* labels, comma-separated, or NULL */
	const char	*refused;	/* a part of the reason, when refused */
} truth[] = {
	{ "stanfordnlp/imdb label", "[\"neg\",\"pos\"]", NULL, SENT3,
	    "[0,1,-1,2]", "negative,positive,?,-", NULL },
	{ "stanfordnlp/sst2 label", "[\"negative\",\"positive\"]", NULL,
	    SENT3, "[1,0]", "positive,negative", NULL },
	{ "cardiffnlp/tweet_eval sentiment", "[\"negative\",\"neutral\","
	    "\"positive\"]", NULL, SENT3, "[0,1,2]",
	    "negative,neutral,positive", NULL },
	{ "cardiffnlp/tweet_eval sentiment, binary plan",
	    "[\"negative\",\"neutral\",\"positive\"]", NULL, SENT2,
	    "[0,1,2]", "negative,-,positive", NULL },
	{ "tyqiangz/multilingual-sentiments (positive first)",
	    "[\"positive\",\"neutral\",\"negative\"]", NULL, SENT3,
	    "[0,1,2]", "positive,neutral,negative", NULL },
	{ "Yelp/yelp_review_full label", "[\"1 star\",\"2 star\","
	    "\"3 stars\",\"4 stars\",\"5 stars\"]", NULL, SENT3,
	    "[0,1,2,3,4]", "negative,negative,neutral,positive,positive",
	    NULL },
	{ "Yelp/yelp_review_full label, star plan", "[\"1 star\","
	    "\"2 star\",\"3 stars\",\"4 stars\",\"5 stars\"]", NULL, STARS5,
	    "[0,2,4]", "1,3,5", NULL },
	{ "fancyzhx/yelp_polarity label (\"1\" negative, \"2\" positive)",
	    "[\"1\",\"2\"]", NULL, SENT3, "[0,1]", "negative,positive",
	    NULL },
	{ "SetFit/sst5 label_text", "[\"very negative\",\"negative\","
	    "\"neutral\",\"positive\",\"very positive\"]", NULL, SENT3,
	    "[0,1,2,3,4]", "negative,negative,neutral,positive,positive",
	    NULL },
	{ "allocine label (French reviews)", "[\"neg\",\"pos\"]", NULL,
	    SENT3, "[\"pos\",\"neg\"]", "positive,negative", NULL },
	{ "French product reviews note", "[\"n\xc3\xa9gatif\","
	    "\"positif\"]", NULL, SENT3, "[1,0]", "positive,negative",
	    NULL },
	{ "German reviews (strings)", NULL, "[\"positiv\",\"negativ\","
	    "\"neutral\"]", SENT3, "[\"negativ\",\"neutral\",\"positiv\"]",
	    "negative,neutral,positive", NULL },
	{ "Spanish/Portuguese reviews (strings)", NULL, "[\"positivo\","
	    "\"negativo\",\"neutro\"]", SENT3,
	    "[\"positivo\",\"negativo\",\"neutro\",\"mixto\"]",
	    "positive,negative,neutral,-", NULL },
	{ "pysentimiento NEG/NEU/POS", "[\"NEG\",\"NEU\",\"POS\"]", NULL,
	    SENT3, "[0,1,2]", "negative,neutral,positive", NULL },
	{ "model output LABEL_k (3 classes)", NULL, "[\"LABEL_0\","
	    "\"LABEL_1\",\"LABEL_2\"]", SENT3,
	    "[\"LABEL_2\",\"LABEL_0\",\"LABEL_1\"]",
	    "positive,negative,neutral", NULL },
	{ "plan in capitals", "[\"neg\",\"pos\"]", NULL,
	    "NEGATIVE,POSITIVE", "[0,1]", "NEGATIVE,POSITIVE", NULL },
	{ "amazon_us_reviews star_rating (1-5)", NULL, "[5,4,1,3,2]",
	    SENT3, "[1,2,3,4,5,5.0,\"4\"]",
	    "negative,negative,neutral,positive,positive,positive,positive",
	    NULL },
	{ "amazon star_rating, star plan", NULL, "[5,4,1,3,2]", STARS5,
	    "[1,3,5,\"5 stars\"]", "1,3,5,5", NULL },
	{ "mteb/amazon_reviews_multi label (0-4)", NULL, "[0,1,2,3,4]",
	    SENT3, "[0,1,2,3,4]",
	    "negative,negative,neutral,positive,positive", NULL },
	{ "mteb/amazon_reviews_multi label, star plan", NULL,
	    "[0,1,2,3,4]", STARS5, "[0,4]", "1,5", NULL },
	{ "ChnSentiCorp label (0/1)", NULL, "[1,0,1]", SENT3, "[0,1]",
	    "negative,positive", NULL },
	{ "0/1/2 integers", NULL, "[0,1,2]", SENT3, "[0,1,2]",
	    "negative,neutral,positive", NULL },
	{ "-1/0/1 polarity", NULL, "[-1,0,1]", SENT3, "[-1,0,1]",
	    "negative,neutral,positive", NULL },
	{ "a 1-10 rating", NULL, "[1,10,7,5]", SENT3, "[2,4,5,6,7,10]",
	    "negative,negative,neutral,neutral,positive,positive", NULL },
	{ "Twitter sentiment (Kaggle) with Irrelevant", NULL,
	    "[\"Positive\",\"Negative\",\"Neutral\",\"Irrelevant\"]", SENT3,
	    "[\"Positive\",\"Irrelevant\",\"Negative\"]",
	    "positive,-,negative", NULL },
	{ "star plan over sentiment names", "[\"neg\",\"pos\"]", NULL,
	    STARS5, "[0]", NULL, "sentiment names do not map onto a star" },
	{ "nyu-mll/glue mnli", "[\"entailment\",\"neutral\","
	    "\"contradiction\"]", NULL, SENT3, "[1]", NULL,
	    "natural-language-inference labels" },
	{ "nyu-mll/glue rte", "[\"entailment\",\"not_entailment\"]", NULL,
	    SENT2, "[0]", NULL, "natural-language-inference" },
	{ "stanfordnlp/snli as strings", NULL, "[\"neutral\","
	    "\"entailment\",\"contradiction\"]", SENT3, "[\"neutral\"]",
	    NULL, "natural-language-inference" },
	{ "glue mnli onto an NLI plan", "[\"entailment\",\"neutral\","
	    "\"contradiction\"]", NULL, "entailment,neutral,contradiction",
	    "[0,1,2]", "entailment,neutral,contradiction", NULL },
	{ "dair-ai/emotion onto sentiment", "[\"sadness\",\"joy\",\"love\","
	    "\"anger\",\"fear\",\"surprise\"]", NULL, SENT3, "[1]", NULL,
	    "emotion labels do not map onto a sentiment" },
	{ "dair-ai/emotion onto an emotion plan", "[\"sadness\",\"joy\","
	    "\"love\",\"anger\",\"fear\",\"surprise\"]", NULL,
	    "joy,anger,sadness,fear", "[0,1,2,3,4,5]",
	    "sadness,joy,-,anger,fear,-", NULL },
	{ "google-research-datasets/go_emotions (with neutral)",
	    "[\"admiration\",\"amusement\",\"anger\",\"annoyance\","
	    "\"approval\",\"caring\",\"confusion\",\"curiosity\",\"desire\","
	    "\"disappointment\",\"disapproval\",\"disgust\","
	    "\"embarrassment\",\"excitement\",\"fear\",\"gratitude\","
	    "\"grief\",\"joy\",\"love\",\"nervousness\",\"optimism\","
	    "\"pride\",\"realization\",\"relief\",\"remorse\",\"sadness\","
	    "\"surprise\",\"neutral\"]", NULL, SENT3, "[27]", NULL,
	    "emotion labels" },
	{ "cardiffnlp/tweet_eval emotion onto emotion plan (synonyms)",
	    "[\"anger\",\"joy\",\"optimism\",\"sadness\"]", NULL,
	    "happy,angry,sad", "[0,1,2,3]", "angry,happy,-,sad", NULL },
	{ "sentiment onto an emotion plan", "[\"negative\",\"positive\"]",
	    NULL, "joy,anger,sadness", "[0]", NULL,
	    "do not map onto an emotion label set" },
	{ "fancyzhx/ag_news onto sentiment", "[\"World\",\"Sports\","
	    "\"Business\",\"Sci/Tech\"]", NULL, SENT3, "[0]", NULL,
	    "reach 0 of the plan's 3" },
	{ "fancyzhx/ag_news onto a topic plan", "[\"World\",\"Sports\","
	    "\"Business\",\"Sci/Tech\"]", NULL, "world,sports,business,"
	    "sci-tech", "[3,1]", "sci-tech,sports", NULL },
	{ "SetFit/enron_spam", "[\"ham\",\"spam\"]", NULL, "spam,ham",
	    "[0,1]", "ham,spam", NULL },
	{ "a 1-5 scale onto a topic plan", NULL, "[1,2,3,4,5]",
	    "spam,ham", "[1]", NULL, "score scale does not map" },
	{ "numbers on no scale", NULL, "[100,250,999]", SENT3, "[100]",
	    NULL, "on no known scale" },
	{ "mnist-like digits onto stars", "[\"0\",\"1\",\"2\",\"3\",\"4\","
	    "\"5\",\"6\",\"7\",\"8\",\"9\"]", NULL, STARS5, "[0]", NULL,
	    "0-10 score scale does not map onto a star" },
	{ "four LABEL_k onto sentiment", "[\"LABEL_0\",\"LABEL_1\","
	    "\"LABEL_2\",\"LABEL_3\"]", NULL, SENT3, "[0]", NULL,
	    "anonymous labels" },
	{ "hate speech onto sentiment", "[\"hate\",\"offensive\","
	    "\"neither\"]", NULL, SENT3, "[0]", NULL, "reach 0" },
	{ "Japanese and Chinese names", NULL,
	    "[\"\xe3\x83\x9d\xe3\x82\xb8\xe3\x83\x86\xe3\x82\xa3\xe3\x83\x96\","
	    "\"\xe3\x83\x8d\xe3\x82\xac\xe3\x83\x86\xe3\x82\xa3\xe3\x83\x96\","
	    "\"\xe6\xad\xa3\xe9\x9d\xa2\",\"\xe8\xb4\x9f\xe9\x9d\xa2\"]", SENT3,
	    "[\"\xe6\xad\xa3\xe9\x9d\xa2\",\"\xe8\xb4\x9f\xe9\x9d\xa2\","
	    "\"\xe3\x83\x9d\xe3\x82\xb8\xe3\x83\x86\xe3\x82\xa3\xe3\x83\x96\"]",
	    "positive,negative,positive", NULL },
};

static void
row(const struct truth *t)
{
	struct ads_labelmap m;
	struct ads_labelset *set;
	struct ads_buf got = ADS_BUF_INIT;
	char **sv, why[256], orig[128], name[512];
	size_t n;
	jv names, sample, values;
	int r;

	sv = ads_strv_split(t->set, &n);
	set = ads_labelset_new((const char *const *)sv, n);
	names = t->names != NULL ? jv_parse(t->names) : jv_null();
	sample = t->sample != NULL ? jv_parse(t->sample) : jv_null();
	values = jv_parse(t->values);
	r = ads_labelmap_init(&m, set, names, sample, why, sizeof(why));
	if (t->refused != NULL) {
		snprintf(name, sizeof(name), "%s: refused (%s)", t->what,
		    t->refused);
		CHECK_STR(name, r == -1 && strstr(why, t->refused) != NULL ?
		    t->refused : why, t->refused);
	} else if (r == -1) {
		snprintf(name, sizeof(name), "%s: accepted", t->what);
		CHECK_STR(name, why, "(accepted)");
	} else {
		jv_array_foreach(values, i, v) {
			int k = ads_labelmap_map(&m, v, orig, sizeof(orig));

			if (i > 0)
				ads_buf_addc(&got, ',');
			ads_buf_adds(&got, k >= 0 ? set->names[k] :
			    k == ADS_LABEL_MISSING ? "?" : "-");
			jv_free(v);
		}
		snprintf(name, sizeof(name), "%s: %s", t->what, t->set);
		CHECK_STR(name, got.p != NULL ? got.p : "", t->want);
	}
	ads_buf_free(&got);
	ads_labelmap_free(&m);
	ads_labelset_free(set);
	ads_strv_free(sv);
	jv_free(names);
	jv_free(sample);
	jv_free(values);
}

static void
plans(void)
{
	struct ads_task t;
	jv p;

	p = jv_parse("{\"version\":1,\"task\":\"sentiment-analysis\"}");
	ads_task_plan(p, &t);
	CHECK("v1 sentiment-analysis: text-classification, 3 labels",
	    t.kind == ADS_TASK_TEXTCLS && t.labels != NULL &&
	    t.labels->n == 3 && t.labels->kind == ADS_LK_SENTIMENT &&
	    strcmp(t.id, "sentiment-classification") == 0);
	ads_task_free(&t);
	jv_free(p);
	p = jv_parse("{\"version\":1,\"task\":\"summarization\"}");
	ads_task_plan(p, &t);
	CHECK("v1 summarization: no label set", t.kind == ADS_TASK_SUMMARY &&
	    t.labels == NULL);
	ads_task_free(&t);
	jv_free(p);
	p = jv_parse("{\"version\":2,\"task\":\"text-classification\","
	    "\"task_id\":\"sentiment-classification\",\"labels\":["
	    "{\"name\":\"1\"},{\"name\":\"2\"},{\"name\":\"3\"},"
	    "{\"name\":\"4\"},{\"name\":\"5\"}],\"languages\":[\"en\",\"de\"]}");
	ads_task_plan(p, &t);
	CHECK("v2 labels 1..5: a star set", t.labels != NULL &&
	    t.labels->kind == ADS_LK_STARS && t.labels->n == 5 &&
	    t.nlangs == 2);
	ads_task_free(&t);
	jv_free(p);
	p = jv_parse("{\"version\":2,\"task\":\"text-classification\","
	    "\"labels\":[{\"name\":\"joy\"},{\"name\":\"anger\"}]}");
	ads_task_plan(p, &t);
	CHECK("v2 joy/anger: an emotion set", t.labels != NULL &&
	    t.labels->kind == ADS_LK_EMOTION);
	ads_task_free(&t);
	jv_free(p);
	p = jv_parse("{\"version\":2,\"task\":\"question-answering\","
	    "\"labels\":[]}");
	ads_task_plan(p, &t);
	CHECK("v2 question-answering", t.kind == ADS_TASK_QA &&
	    t.labels == NULL);
	ads_task_free(&t);
	jv_free(p);
	ads_task_plan(jv_null(), &t);
	CHECK("no plan: no task", t.kind == ADS_TASK_NONE && t.labels == NULL);
	ads_task_free(&t);
}

static void
words(void)
{
	CHECK("polarity of POSITIVE", ads_label_polarity("POSITIVE") == 1);
	CHECK("polarity of n\xc3\xa9gatif", ads_label_polarity(
	    "n\xc3\xa9gatif") == -1);
	CHECK("polarity of neutre", ads_label_polarity("neutre") == 0);
	CHECK("polarity of Very_Positive", ads_label_polarity(
	    "Very_Positive") == 2);
	CHECK("no polarity for joy", ads_label_polarity("joy") ==
	    ADS_POL_NONE);
	CHECK("5 stars", ads_label_stars("5 stars") == 5);
	CHECK("4 \xc3\xa9toiles", ads_label_stars("4 \xc3\xa9toiles") == 4);
	CHECK("3 Sterne", ads_label_stars("3 Sterne") == 3);
	CHECK("no stars in 5 apples", ads_label_stars("5 apples") == -1);
	CHECK("no stars in 11", ads_label_stars("11") == -1);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(truth) / sizeof(truth[0]); i++)
		row(&truth[i]);
	plans();
	words();
	return unit_failed;
}
