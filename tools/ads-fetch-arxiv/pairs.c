/*
 * pairs.c -- the task rows an arXiv entry already holds
 *
 * An entry's record text is "TITLE\n\nABSTRACT" (atom.c).  For
 * summarization the abstract is the document and the title its
 * summary: a one-line, expert-written summary of a short document, the
 * "extreme summarization" of SciTLDR and of paper title generation.
 * The comments field is not used: it holds page counts and venues far
 * more often than a summary.
 */
#include <string.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "pairs.h"

/* Words a title must have to be a summary rather than a label. */
#define MINWORDS	3

jv
arxiv_pair(jv rec, enum ads_task t)
{
	const char *text, *title, *abs;
	size_t tlen, len;
	jv doc, sum, meta;

	if (t != ADS_TASK_SUMMARY)
		return rec;
	text = ads_json_str(rec, "text", &len);
	title = ads_json_str(rec, "title", &tlen);
	if (text == NULL || title == NULL || ads_words(title, strlen(title)) < MINWORDS ||
	    len < tlen + 2 || strncmp(text, title, tlen) != 0 ||
	    strncmp(text + tlen, "\n\n", 2) != 0)
		return rec;
	abs = text + tlen + 2;
	if (strlen(abs) <= tlen)
		return rec;
	doc = jv_string_sized(abs, (int)(len - tlen - 2));
	sum = jv_string_sized(title, (int)tlen);
	rec = ads_json_set(rec, "document", jv_copy(doc));
	rec = ads_json_set(rec, "summary", sum);
	rec = ads_task_row(rec, doc, jv_null());
	meta = ads_json_get(rec, "meta");
	if (jv_get_kind(meta) != JV_KIND_OBJECT) {
		jv_free(meta);
		meta = jv_object();
	}
	meta = ads_json_set(meta, "pair", jv_string("abstract/title"));
	return ads_json_set(rec, "meta", meta);
}
