/*
 * reddit.c -- Reddit Listings and comment trees into records
 *
 * Shapes (../shared/fixtures/reddit, PROVENANCE-web.md): a Listing is
 * {"kind": "Listing", "data": {"children": [{"kind": "t3", "data":
 * {...}}], "after": "t3_..."}}; a comment page is [Listing(t3),
 * Listing(t1 | more)] where each t1 carries its replies as a Listing
 * (or ""); /api/morechildren answers {"json": {"errors": [], "data":
 * {"things": [...]}}} with a flat list that has depth fields.  Text
 * fields are Markdown, unescaped because every request sends
 * raw_json=1.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/markdown.h"
#include "../../common/util.h"
#include "reddit.h"

/* Bound on the comment nodes looked at in one page (trees can be huge). */
#define MAXNODES	20000

void
reddit_time(double t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt;

	if (!(t >= 0 && t < 253402300800.0))
		t = 0;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* gone -- 1 for text Reddit leaves behind for removed or deleted things. */
static int
gone(const char *s)
{
	return s != NULL && (strcmp(s, "[removed]") == 0 ||
	    strcmp(s, "[deleted]") == 0);
}

/* errmsg -- an invalid jv for a Reddit error body or a bad shape. */
static jv
errmsg(jv v, const char *what)
{
	const char *m;
	jv r;

	m = ads_json_str(v, "message", NULL);
	if (m == NULL)
		m = ads_json_str(v, "reason", NULL);
	if (m != NULL)
		r = jv_invalid_with_msg(jv_string(m));
	else if (!jv_is_valid(v))
		r = jv_invalid_with_msg(jv_string_fmt("invalid JSON: %s",
		    jv_invalid_has_msg(jv_copy(v)) ? jv_string_value(
		    jv_invalid_get_msg(jv_copy(v))) : "?"));
	else
		r = jv_invalid_with_msg(jv_string_fmt("not a %s", what));
	jv_free(v);
	return r;
}

static jv
numfield(jv data, const char *key)
{
	double d;

	if (ads_json_num(data, key, &d) == 0)
		return jv_number(d);
	return jv_null();
}

/* post -- one t3 as a record, or jv_null() when it is left out. */
static jv
post(const struct reddit_ctx *c, jv d)
{
	const char *id, *title, *self, *perma, *sub, *url, *dom;
	char when[32], *plain;
	jv rec, meta, t;
	double created;

	id = ads_json_str(d, "id", NULL);
	title = ads_json_str(d, "title", NULL);
	self = ads_json_str(d, "selftext", NULL);
	perma = ads_json_str(d, "permalink", NULL);
	sub = ads_json_str(d, "subreddit", NULL);
	if (id == NULL || title == NULL || *id == '\0')
		return jv_null();
	t = ads_json_get(d, "over_18");
	if (!c->nsfw && jv_get_kind(t) == JV_KIND_TRUE) {
		jv_free(t);
		return jv_null();
	}
	jv_free(t);
	t = ads_json_get(d, "removed_by_category");
	if (jv_get_kind(t) == JV_KIND_STRING || gone(self) ||
	    gone(title)) {
		jv_free(t);
		return jv_null();
	}
	jv_free(t);

	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("reddit:t3_%s", id));
	rec = ads_json_set(rec, "source", jv_string("reddit"));
	plain = ads_md_walk(self != NULL ? self : "",
	    self != NULL ? strlen(self) : 0, NULL, NULL, NULL);
	rec = ads_json_set(rec, "text", *plain != '\0' ?
	    jv_string_fmt("%s\n\n%s", title, plain) : jv_string(title));
	free(plain);
	rec = ads_json_set(rec, "title", jv_string(title));
	if (perma != NULL)
		rec = ads_json_set(rec, "url",
		    jv_string_fmt("%s%s", c->site, perma));
	if (c->lang != NULL)
		rec = ads_json_set(rec, "lang", jv_string(c->lang));
	rec = ads_json_set(rec, "license", jv_string(REDDIT_LICENSE));
	if (ads_json_num(d, "created_utc", &created) == 0) {
		reddit_time(created, when, sizeof(when));
		rec = ads_json_set(rec, "created", jv_string(when));
	}
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("post"));
	if (sub != NULL)
		meta = ads_json_set(meta, "subreddit", jv_string(sub));
	meta = ads_json_set(meta, "fullname", jv_string_fmt("t3_%s", id));
	meta = ads_json_set(meta, "score", numfield(d, "score"));
	meta = ads_json_set(meta, "num_comments", numfield(d, "num_comments"));
	url = ads_json_str(d, "url", NULL);
	dom = ads_json_str(d, "domain", NULL);
	t = ads_json_get(d, "is_self");
	if (url != NULL && jv_get_kind(t) == JV_KIND_FALSE)
		meta = ads_json_set(meta, "link", jv_string(url));
	jv_free(t);
	if (dom != NULL)
		meta = ads_json_set(meta, "domain", jv_string(dom));
	t = ads_json_get(d, "over_18");
	if (jv_get_kind(t) == JV_KIND_TRUE)
		meta = ads_json_set(meta, "nsfw", jv_true());
	jv_free(t);
	rec = ads_json_set(rec, "meta", meta);
	return rec;
}

jv
reddit_listing(const struct reddit_ctx *c, const char *p, size_t n,
    char **after, long *skipped)
{
	jv v, data, kids, out, d, rec;
	const char *a, *kind;

	*after = NULL;
	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT)
		return errmsg(v, "Listing");
	kind = ads_json_str(v, "kind", NULL);
	data = ads_json_get(v, "data");
	kids = ads_json_get(data, "children");
	if (kind == NULL || strcmp(kind, "Listing") != 0 ||
	    jv_get_kind(kids) != JV_KIND_ARRAY) {
		jv_free(data);
		jv_free(kids);
		return errmsg(v, "Listing");
	}
	a = ads_json_str(data, "after", NULL);
	if (a != NULL && *a != '\0')
		*after = xstrdup(a);
	out = jv_array();
	jv_array_foreach(kids, i, k) {
		kind = ads_json_str(k, "kind", NULL);
		d = ads_json_get(k, "data");
		if (kind != NULL && strcmp(kind, "t3") == 0) {
			rec = post(c, d);
			if (jv_get_kind(rec) == JV_KIND_OBJECT)
				out = jv_array_append(out, rec);
			else {
				jv_free(rec);
				(*skipped)++;
			}
		}
		jv_free(d);
		jv_free(k);
	}
	jv_free(kids);
	jv_free(data);
	jv_free(v);
	return out;
}

/* A comment met in a walk, with its depth and order. */
struct node {
	jv	 data;		/* t1 data, a reference */
	int	 depth;
	size_t	 seq;
};

struct walk {
	struct node	*v;
	size_t		 n, cap;
	size_t		 seen;
	jv		 more;
};

static void
addnode(struct walk *w, jv d, int depth)
{
	w->v = xgrowarray(w->v, w->n, &w->cap, 64, sizeof(*w->v));
	w->v[w->n].data = d;
	w->v[w->n].depth = depth;
	w->v[w->n].seq = w->n;
	w->n++;
}

/* addmore -- a "more" stub's children ids onto w->more. */
static void
addmore(struct walk *w, jv d)
{
	jv ids;

	ids = ads_json_get(d, "children");
	if (jv_get_kind(ids) == JV_KIND_ARRAY) {
		jv_array_foreach(ids, i, id) {
			if (jv_get_kind(id) == JV_KIND_STRING)
				w->more = jv_array_append(w->more, id);
			else
				jv_free(id);
		}
	}
	jv_free(ids);
}

/*
 * things -- walk an array of things (t1 or more) at depth, descending
 * into replies.  The recursion follows Reddit's own nesting, which the
 * parser has already bounded (jq's parser limits depth to 10000; the
 * node budget bounds the rest).
 */
static void
things(struct walk *w, jv arr, int depth, int flat)
{
	jv d, rep, kids;
	const char *kind;
	double dd;
	int dep;

	if (jv_get_kind(arr) != JV_KIND_ARRAY) {
		jv_free(arr);
		return;
	}
	jv_array_foreach(arr, i, k) {
		if (w->seen >= MAXNODES) {
			jv_free(k);
			break;
		}
		w->seen++;
		kind = ads_json_str(k, "kind", NULL);
		d = ads_json_get(k, "data");
		dep = depth;
		if (flat && ads_json_num(d, "depth", &dd) == 0 && dd >= 0 &&
		    dd < 1000)
			dep = (int)dd;
		if (kind != NULL && strcmp(kind, "more") == 0)
			addmore(w, d);
		else if (kind != NULL && strcmp(kind, "t1") == 0) {
			rep = ads_json_get(d, "replies");
			addnode(w, jv_copy(d), dep);
			if (!flat && depth < 200) {
				kids = ads_json_get2(rep, "data", "children");
				things(w, kids, depth + 1, 0);
			}
			jv_free(rep);
		}
		jv_free(d);
		jv_free(k);
	}
	jv_free(arr);
}

static int
bydepth(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* comment -- one t1 as a record, or jv_null(). */
static jv
comment(const struct reddit_ctx *c, jv postrec, jv d, int depth)
{
	const char *id, *body, *author, *perma, *title, *sub, *parent;
	char when[32], *plain;
	double created;
	jv rec, meta, pm, v;

	id = ads_json_str(d, "id", NULL);
	body = ads_json_str(d, "body", NULL);
	author = ads_json_str(d, "author", NULL);
	if (id == NULL || *id == '\0' || body == NULL || gone(body) ||
	    (author != NULL && strcmp(author, "AutoModerator") == 0))
		return jv_null();
	plain = ads_md_walk(body, strlen(body), NULL, NULL, NULL);
	if (*plain == '\0') {
		free(plain);
		return jv_null();
	}
	perma = ads_json_str(d, "permalink", NULL);
	title = ads_json_str(postrec, "title", NULL);
	pm = ads_json_get(postrec, "meta");
	sub = ads_json_str(d, "subreddit", NULL);
	if (sub == NULL)
		sub = ads_json_str(pm, "subreddit", NULL);
	parent = ads_json_str(d, "parent_id", NULL);

	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("reddit:t1_%s", id));
	rec = ads_json_set(rec, "source", jv_string("reddit"));
	rec = ads_json_set(rec, "text", jv_string(plain));
	free(plain);
	if (title != NULL)
		rec = ads_json_set(rec, "title", jv_string(title));
	if (perma != NULL)
		rec = ads_json_set(rec, "url",
		    jv_string_fmt("%s%s", c->site, perma));
	else if (ads_json_str(postrec, "url", NULL) != NULL)
		rec = ads_json_set(rec, "url", jv_string_fmt(
		    "%s%s/", ads_json_str(postrec, "url", NULL), id));
	if (c->lang != NULL)
		rec = ads_json_set(rec, "lang", jv_string(c->lang));
	rec = ads_json_set(rec, "license", jv_string(REDDIT_LICENSE));
	if (ads_json_num(d, "created_utc", &created) == 0) {
		reddit_time(created, when, sizeof(when));
		rec = ads_json_set(rec, "created", jv_string(when));
	}
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("comment"));
	if (sub != NULL)
		meta = ads_json_set(meta, "subreddit", jv_string(sub));
	if (ads_json_str(pm, "fullname", NULL) != NULL)
		meta = ads_json_set(meta, "post",
		    jv_string(ads_json_str(pm, "fullname", NULL)));
	if (parent != NULL)
		meta = ads_json_set(meta, "parent", jv_string(parent));
	meta = ads_json_set(meta, "depth", jv_number(depth));
	meta = ads_json_set(meta, "score", numfield(d, "score"));
	/* Reddit's is_submitter: written by the post's author. */
	v = ads_json_get(d, "is_submitter");
	if (jv_get_kind(v) == JV_KIND_TRUE)
		meta = ads_json_set(meta, "op", jv_true());
	jv_free(v);
	rec = ads_json_set(rec, "meta", meta);
	jv_free(pm);
	return rec;
}

/* collect -- the walk's comments as records, top levels first. */
static jv
collect(const struct reddit_ctx *c, jv postrec, struct walk *w, size_t max)
{
	jv out, rec;
	size_t i, kept = 0;

	if (w->n > 0)
		qsort(w->v, w->n, sizeof(*w->v), bydepth);
	out = jv_array();
	for (i = 0; i < w->n; i++) {
		if (kept < max) {
			rec = comment(c, postrec, w->v[i].data,
			    w->v[i].depth);
			if (jv_get_kind(rec) == JV_KIND_OBJECT) {
				out = jv_array_append(out, rec);
				kept++;
			} else
				jv_free(rec);
		}
		jv_free(w->v[i].data);
	}
	free(w->v);
	return out;
}

jv
reddit_comments(const struct reddit_ctx *c, jv postrec, const char *p,
    size_t n, size_t max, jv *more)
{
	struct walk w;
	jv v, l;

	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(v)) < 2)
		return errmsg(v, "comment page");
	memset(&w, 0, sizeof(w));
	w.more = *more;
	l = jv_array_get(jv_copy(v), 1);
	things(&w, ads_json_get2(l, "data", "children"), 0, 0);
	jv_free(l);
	jv_free(v);
	*more = w.more;
	return collect(c, postrec, &w, max);
}

jv
reddit_morechildren(const struct reddit_ctx *c, jv postrec, const char *p,
    size_t n, size_t max, jv *more)
{
	struct walk w;
	jv v, j, errs, t;

	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT)
		return errmsg(v, "morechildren answer");
	j = ads_json_get(v, "json");
	errs = ads_json_get(j, "errors");
	if (jv_get_kind(errs) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(errs)) > 0) {
		jv_free(j);
		jv_free(v);
		t = jv_dump_string(errs, 0);
		v = jv_invalid_with_msg(jv_string_fmt("errors: %.200s",
		    jv_string_value(t)));
		jv_free(t);
		return v;
	}
	jv_free(errs);
	t = ads_json_get2(j, "data", "things");
	jv_free(j);
	if (jv_get_kind(t) != JV_KIND_ARRAY) {
		jv_free(t);
		return errmsg(v, "morechildren answer");
	}
	jv_free(v);
	memset(&w, 0, sizeof(w));
	w.more = *more;
	things(&w, t, 0, 1);
	*more = w.more;
	return collect(c, postrec, &w, max);
}
