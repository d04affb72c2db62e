/*
 * pairs.c -- the task rows GitHub already holds
 *
 * Issues: a title is a one-line summary its author wrote of the body,
 * the pairing of the GitHub-issue summarization datasets.  READMEs: a
 * fenced code block and the paragraph just before it in the same
 * section ("Install it with:", "To train a model, run:") make a prompt
 * and its code.  A heading is not an explanation, so a block right
 * under its heading gives nothing.
 */
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/markdown.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "gh.h"
#include "pairs.h"

#define MINWORDS	3
/* Longest code block kept, in bytes. */
#define MAXCODE		16384

static jv
issue(jv it, long *skipped)
{
	jv rec, meta, doc, pr;
	const char *title, *body, *url, *repo;
	size_t tlen, blen, dlen;
	double id, num;

	title = ads_json_str(it, "title", &tlen);
	body = ads_json_str(it, "body", &blen);
	pr = ads_json_get(it, "pull_request");
	if (ads_json_num(it, "id", &id) != 0 || title == NULL ||
	    body == NULL || jv_get_kind(pr) != JV_KIND_NULL ||
	    ads_words(title, tlen) < MINWORDS || blen > 0x7ffffffe) {
		jv_free(pr);
		(*skipped)++;
		return jv_null();
	}
	jv_free(pr);
	doc = ads_md_text(body, blen);
	dlen = (size_t)jv_string_length_bytes(jv_copy(doc));
	if (dlen < 2 * tlen) {
		jv_free(doc);
		(*skipped)++;
		return jv_null();
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("github:issue:%.0f", id));
	rec = ads_json_set(rec, "title", jv_string_sized(title, (int)tlen));
	url = ads_json_str(it, "html_url", NULL);
	if (url != NULL)
		rec = ads_json_set(rec, "url", jv_string(url));
	rec = ads_fetch_copy(rec, "created", it, "created_at", JV_KIND_STRING);
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("issue"));
	repo = ads_json_str(it, "repository_url", NULL);
	if (repo != NULL && strstr(repo, "/repos/") != NULL)
		meta = ads_json_set(meta, "repo", jv_string(
		    strstr(repo, "/repos/") + 7));
	if (ads_json_num(it, "number", &num) == 0)
		meta = ads_json_set(meta, "number", jv_number(num));
	meta = ads_fetch_copy(meta, "state", it, "state", JV_KIND_STRING);
	if (ads_json_num(it, "comments", &num) == 0)
		meta = ads_json_set(meta, "comments", jv_number(num));
	meta = ads_json_set(meta, "pair", jv_string("body/title"));
	rec = ads_json_set(rec, "meta", meta);
	rec = ads_json_set(rec, "document", jv_copy(doc));
	rec = ads_json_set(rec, "summary", jv_string_sized(title, (int)tlen));
	return ads_task_row(rec, doc, jv_null());
}

jv
gh_issues(const char *body, size_t n, long *total, int *incomplete,
    long *skipped)
{
	jv items, out, rec;

	items = gh_items(body, n, total, incomplete);
	if (!jv_is_valid(items))
		return items;
	out = jv_array();
	jv_array_foreach(items, i, it) {
		rec = jv_get_kind(it) == JV_KIND_OBJECT ? issue(it, skipped) :
		    jv_null();
		jv_free(it);
		if (jv_get_kind(rec) == JV_KIND_OBJECT)
			out = jv_array_append(out, rec);
		else
			jv_free(rec);
	}
	jv_free(items);
	return out;
}

static jv
coderow(jv rec, jv prompt, const char *code, size_t clen,
    const char *info, size_t ilen, int k)
{
	static const char *keep[] = { "title", "url", "license", "lang",
	    "created", NULL };
	const char *id = ads_json_str(rec, "id", NULL);
	jv row, meta, rm;
	size_t i;

	row = jv_object();
	row = ads_json_set(row, "id", jv_string_fmt("%s#code-%d",
	    id != NULL ? id : "github", k));
	row = ads_fetch_keep(row, rec, keep);
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("readme-code"));
	rm = ads_json_get(rec, "meta");
	meta = ads_fetch_copy(meta, "repo", rm, "full_name", JV_KIND_STRING);
	jv_free(rm);
	while (ilen > 0 && (info[ilen - 1] == ' ' || info[ilen - 1] == '\r'))
		ilen--;
	while (ilen > 0 && (*info == ' ' || *info == '\t')) {
		info++;
		ilen--;
	}
	for (i = 0; i < ilen && info[i] != ' ' && info[i] != '\t' &&
	    info[i] != '{' && info[i] != ','; i++)
		;
	if (i > 0 && i < 40)
		meta = ads_json_set(meta, "code_lang", jv_string_sized(info,
		    (int)i));
	meta = ads_json_set(meta, "pair", jv_string("paragraph/code"));
	row = ads_json_set(row, "meta", meta);
	row = ads_json_set(row, "prompt", jv_copy(prompt));
	row = ads_json_set(row, "code", jv_string_sized(code, (int)clen));
	return ads_task_row(row, prompt, ads_json_get(rec, "id"));
}

struct walk {
	jv	 rec;
	jv	 out;
	int	 k;
	int	 max;
};

/* code -- one README code block: a row when its explanation is one. */
static int
code(const struct ads_md_code *c, void *arg)
{
	struct walk *w = arg;

	if (c->fenced && c->para != NULL && c->codelen > 0 &&
	    c->codelen <= MAXCODE && ads_words(c->para, c->paralen) >= MINWORDS)
		w->out = jv_array_append(w->out, coderow(w->rec,
		    jv_string_sized(c->para, (int)c->paralen), c->code,
		    c->codelen, c->lang, c->langlen, w->k++));
	return w->k >= w->max;
}

jv
gh_code_rows(jv rec, const char *md, size_t n, int max)
{
	struct walk w = { rec, jv_array(), 0, max };

	if (max > 0)
		free(ads_md_walk(md, n, NULL, code, &w));
	return w.out;
}
