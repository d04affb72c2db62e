/*
 * pairs.c -- the task rows a Reddit thread already holds
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "pairs.h"

#define MAXTURNS	8
#define MINWORDS	3

static const char *qwords[] = { "how", "what", "why", "when", "where",
    "which", "who", "whom", "whose", "is", "are", "can", "could", "does",
    "do", "did", "should", "would", "will", "any", "anyone", NULL };

/* asks -- 1 when title reads as a question. */
static int
asks(const char *title)
{
	size_t i, n;

	if (strchr(title, '?') != NULL)
		return 1;
	n = strcspn(title, " \t,:");
	for (i = 0; qwords[i] != NULL; i++)
		if (strlen(qwords[i]) == n &&
		    strncasecmp(title, qwords[i], n) == 0)
			return 1;
	return 0;
}

/*
 * best -- the index in comments of the top-scored comment whose parent
 * is parent, with enough words, written by the post's author (meta.op)
 * when op is 1, by someone else when op is 0; -1 when none.  Ties keep
 * Reddit's order.
 */
static int
best(jv comments, const char *parent, int op)
{
	int bi = -1;
	double bs = 0, s;

	jv_array_foreach(comments, i, c) {
		jv m = ads_json_get(c, "meta");
		jv o = ads_json_get(m, "op");
		const char *p = ads_json_str(m, "parent", NULL);
		const char *text = ads_json_str(c, "text", NULL);
		int byop = jv_get_kind(o) == JV_KIND_TRUE;

		jv_free(o);
		if (p != NULL && strcmp(p, parent) == 0 && text != NULL &&
		    ads_words(text, strlen(text)) >= MINWORDS && byop == op) {
			if (ads_json_num(m, "score", &s) != 0)
				s = 0;
			if (bi < 0 || s > bs) {
				bi = i;
				bs = s;
			}
		}
		jv_free(m);
		jv_free(c);
	}
	return bi;
}

/* body -- the post's own text: the record text after its title. */
static jv
body(jv post)
{
	const char *text, *title;
	size_t tlen, len;

	text = ads_json_str(post, "text", &len);
	title = ads_json_str(post, "title", &tlen);
	if (text != NULL && title != NULL && len > tlen + 2 &&
	    strncmp(text, title, tlen) == 0 &&
	    strncmp(text + tlen, "\n\n", 2) == 0)
		return jv_string_sized(text + tlen + 2, (int)(len - tlen - 2));
	return jv_null();
}

/* base -- the row's common fields from post. */
static jv
base(jv post, const char *suffix, const char *pair)
{
	static const char *keep[] = { "source", "title", "url", "lang",
	    "license", "created", NULL };
	const char *id = ads_json_str(post, "id", NULL);
	jv row, meta, pm;

	row = jv_object();
	row = ads_json_set(row, "id", jv_string_fmt("%s#%s", id, suffix));
	row = ads_fetch_keep(row, post, keep);
	meta = jv_object();
	pm = ads_json_get(post, "meta");
	meta = ads_fetch_copy(meta, "subreddit", pm, "subreddit",
	    JV_KIND_STRING);
	jv_free(pm);
	meta = ads_json_set(meta, "pair", jv_string(pair));
	return ads_json_set(row, "meta", meta);
}

static jv
qa(jv post, jv comments)
{
	const char *title = ads_json_str(post, "title", NULL);
	const char *full;
	jv pm, ctx, c, row, meta, v;
	int i;

	pm = ads_json_get(post, "meta");
	full = ads_json_str(pm, "fullname", NULL);
	if (title == NULL || full == NULL || !asks(title) ||
	    (i = best(comments, full, 0)) < 0) {
		jv_free(pm);
		return jv_null();
	}
	jv_free(pm);
	c = jv_array_get(jv_copy(comments), i);
	ctx = body(post);
	if (jv_get_kind(ctx) != JV_KIND_STRING) {
		jv_free(ctx);
		ctx = jv_string(title);
	}
	row = base(post, "qa", "post/top-answer");
	meta = ads_json_get(row, "meta");
	meta = ads_json_set(meta, "answer_id", ads_json_get(c, "id"));
	v = ads_json_get(c, "meta");
	meta = ads_json_set(meta, "answer_score", ads_json_get(v, "score"));
	jv_free(v);
	row = ads_json_set(row, "meta", meta);
	row = ads_json_set(row, "question", jv_string(title));
	row = ads_json_set(row, "context", jv_copy(ctx));
	row = ads_json_set(row, "answer", ads_json_get(c, "text"));
	jv_free(c);
	return ads_task_row(row, ctx, ads_json_get(post, "id"));
}

static jv
chat(jv post, jv comments)
{
	const char *title = ads_json_str(post, "title", NULL);
	const char *full, *id;
	char *parent;
	jv pm, msgs, c, row;
	int i, turn;

	pm = ads_json_get(post, "meta");
	full = ads_json_str(pm, "fullname", NULL);
	if (title == NULL || full == NULL) {
		jv_free(pm);
		return jv_null();
	}
	msgs = jv_array_append(jv_array(), jv_object_set(jv_object_set(
	    jv_object(), jv_string("role"), jv_string("user")),
	    jv_string("content"), ads_json_get(post, "text")));
	parent = strdup(full);
	jv_free(pm);
	for (turn = 1; turn < MAXTURNS && parent != NULL; turn++) {
		/* The post's author asks, the others answer. */
		if ((i = best(comments, parent, turn % 2 == 0)) < 0)
			break;
		c = jv_array_get(jv_copy(comments), i);
		msgs = jv_array_append(msgs, jv_object_set(jv_object_set(
		    jv_object(), jv_string("role"), jv_string(turn % 2 ?
		    "assistant" : "user")), jv_string("content"),
		    ads_json_get(c, "text")));
		id = ads_json_str(c, "id", NULL);
		free(parent);
		/* "reddit:t1_abc" is the parent "t1_abc" of its replies. */
		parent = id != NULL && strchr(id, ':') != NULL ?
		    strdup(strchr(id, ':') + 1) : NULL;
		jv_free(c);
	}
	free(parent);
	if (jv_array_length(jv_copy(msgs)) < 2) {
		jv_free(msgs);
		return jv_null();
	}
	row = base(post, "chat", "thread");
	row = ads_json_set(row, "messages", jv_copy(msgs));
	row = ads_task_row(row, ads_task_join(msgs), ads_json_get(post, "id"));
	jv_free(msgs);
	return row;
}

jv
reddit_pair(jv post, jv comments, enum ads_task t)
{
	if (jv_get_kind(post) != JV_KIND_OBJECT ||
	    jv_get_kind(comments) != JV_KIND_ARRAY)
		return jv_null();
	if (t == ADS_TASK_QA)
		return qa(post, comments);
	if (t == ADS_TASK_CONVERSATION)
		return chat(post, comments);
	return jv_null();
}
