/*
 * chapters.c -- a video's chapters and its transcript cut by them
 *
 * YouTube makes chapters of the timestamps a description lists ("0:00
 * Intro", "1:25 - Dialing in the grind", "(12:03) Milk"), when there
 * are three or more, the first at 0:00, ascending, each at least ten
 * seconds long; the parser keeps the same rule, so a description that
 * merely mentions a time gives no chapters.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "chapters.h"

#define MINCHAPTERS	3
#define MINSECONDS	10
#define MINWORDS	20
#define MAXCHAPTERS	200
#define MAXTITLE	200

/*
 * stamp -- parse a timestamp at s (up to e): M:SS, MM:SS, H:MM:SS or
 * HH:MM:SS.  Returns its length and the seconds in *sec, or 0.
 */
static size_t
stamp(const char *s, const char *e, long *sec)
{
	long part[3];
	int np = 0, nd;
	const char *p = s;

	while (np < 3) {
		nd = 0;
		part[np] = 0;
		while (p < e && isdigit((unsigned char)*p) && nd < 2) {
			part[np] = part[np] * 10 + (*p - '0');
			p++;
			nd++;
		}
		if (nd == 0 || (np > 0 && nd != 2))
			return 0;
		np++;
		if (p < e && *p == ':' && np < 3)
			p++;
		else
			break;
	}
	if (np < 2 || (p < e && isdigit((unsigned char)*p)))
		return 0;
	if (part[np - 1] > 59 || (np == 3 && part[1] > 59))
		return 0;
	*sec = np == 3 ? part[0] * 3600 + part[1] * 60 + part[2] :
	    part[0] * 60 + part[1];
	return (size_t)(p - s);
}

/* trim -- the title between s and e without separators around it. */
static jv
title(const char *s, const char *e)
{
	while (s < e && (isspace((unsigned char)*s) || *s == '-' ||
	    *s == ':' || *s == '|' || *s == ')' || *s == ']' || *s == '.'))
		s++;
	while (e > s && (isspace((unsigned char)e[-1]) || e[-1] == '-' ||
	    e[-1] == ':' || e[-1] == '|' || e[-1] == '(' || e[-1] == '['))
		e--;
	if (e == s || e - s > MAXTITLE)
		return jv_null();
	return jv_string_sized(s, (int)(e - s));
}

/* line -- the chapter of one description line, or jv_null(). */
static jv
line(const char *s, const char *e)
{
	const char *p = s, *q;
	size_t k;
	long sec;
	jv t;

	while (p < e && (isspace((unsigned char)*p) || *p == '-' ||
	    *p == '*' || *p == '(' || *p == '['))
		p++;
	if ((k = stamp(p, e, &sec)) > 0) {
		t = title(p + k, e);
	} else {
		/* "Title 1:23": a stamp ending the line. */
		q = e;
		while (q > p && (isspace((unsigned char)q[-1]) ||
		    q[-1] == ')' || q[-1] == ']'))
			q--;
		e = q;
		while (q > p && (isdigit((unsigned char)q[-1]) || q[-1] == ':'))
			q--;
		if (q == e || (k = stamp(q, e, &sec)) == 0 || q + k != e ||
		    (q > p && !isspace((unsigned char)q[-1]) && q[-1] != '(' &&
		    q[-1] != '['))
			return jv_null();
		t = title(p, q);
	}
	if (jv_get_kind(t) != JV_KIND_STRING) {
		jv_free(t);
		return jv_null();
	}
	return jv_object_set(ads_json_set(jv_object(), "start",
	    jv_number((double)sec)), jv_string("title"), t);
}

jv
yt_chapters(const char *s, size_t n)
{
	const char *p = s, *e = s + n, *le;
	jv out = jv_array(), c;
	double prev = -1, st;
	int k = 0, ok = 1;

	while (p < e && k < MAXCHAPTERS) {
		le = memchr(p, '\n', (size_t)(e - p));
		if (le == NULL)
			le = e;
		c = line(p, le);
		if (jv_get_kind(c) == JV_KIND_OBJECT) {
			(void)ads_json_num(c, "start", &st);
			if ((k == 0 && st != 0) || (k > 0 && st - prev <
			    MINSECONDS))
				ok = 0;
			prev = st;
			out = jv_array_append(out, c);
			k++;
		} else
			jv_free(c);
		p = le < e ? le + 1 : e;
	}
	if (!ok || k < MINCHAPTERS) {
		jv_free(out);
		return jv_array();
	}
	return out;
}

char *
yt_description(const char *p, size_t n)
{
	jv v, vd;
	const char *d;
	char *out = NULL;

	v = ads_json_parse(p, n);
	vd = ads_json_get(v, "videoDetails");
	d = ads_json_str(vd, "shortDescription", NULL);
	if (d != NULL)
		out = strdup(d);
	jv_free(vd);
	jv_free(v);
	return out;
}

/* chapterrow -- the row of chapter k (text in b). */
static jv
chapterrow(jv rec, jv ch, int k, const struct ads_buf *b, enum ads_task t)
{
	static const char *keep[] = { "source", "title", "url", "lang",
	    "license", "created", NULL };
	const char *id = ads_json_str(rec, "id", NULL);
	const char *ct = ads_json_str(ch, "title", NULL);
	jv row, meta, v, text;
	double st = 0;

	row = jv_object();
	row = ads_json_set(row, "id", jv_string_fmt("%s#ch-%d", id, k));
	row = ads_fetch_keep(row, rec, keep);
	(void)ads_json_num(ch, "start", &st);
	meta = jv_object();
	v = ads_json_get(rec, "meta");
	meta = ads_json_set(meta, "video_id", ads_json_get(v, "video_id"));
	jv_free(v);
	meta = ads_json_set(meta, "chapter", jv_string(ct));
	meta = ads_json_set(meta, "start", jv_number(st));
	text = jv_string_sized(b->p, (int)b->len);
	if (t == ADS_TASK_SUMMARY) {
		meta = ads_json_set(meta, "pair", jv_string(
		    "chapter/chapter-title"));
		row = ads_json_set(row, "meta", meta);
		row = ads_json_set(row, "document", jv_copy(text));
		row = ads_json_set(row, "summary", jv_string(ct));
	} else
		row = ads_json_set(row, "meta", meta);
	return ads_task_row(row, text, ads_json_get(rec, "id"));
}

jv
yt_chapter_rows(jv rec, jv segs, jv chapters, enum ads_task t)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv out = jv_array(), next, s;
	int j = 0, nc, ns;
	double from, to, st;
	const char *text, *ct;

	if (jv_get_kind(segs) != JV_KIND_ARRAY ||
	    jv_get_kind(chapters) != JV_KIND_ARRAY ||
	    ads_json_str(rec, "id", NULL) == NULL)
		return out;
	nc = jv_array_length(jv_copy(chapters));
	ns = jv_array_length(jv_copy(segs));
	jv_array_foreach(chapters, i, ch) {
		from = 0;
		to = -1;
		(void)ads_json_num(ch, "start", &from);
		if (i + 1 < nc) {
			next = jv_array_get(jv_copy(chapters), i + 1);
			(void)ads_json_num(next, "start", &to);
			jv_free(next);
		}
		ads_buf_reset(&b);
		for (; j < ns; j++) {
			s = jv_array_get(jv_copy(segs), j);
			st = 0;
			(void)ads_json_num(s, "start", &st);
			if (to >= 0 && st >= to) {
				jv_free(s);
				break;
			}
			text = ads_json_str(s, "text", NULL);
			if (st >= from && text != NULL && *text != '\0') {
				if (b.len > 0)
					ads_buf_addc(&b, ' ');
				ads_buf_adds(&b, text);
			}
			jv_free(s);
		}
		ct = ads_json_str(ch, "title", NULL);
		if (b.len > 0 && ads_words(b.p, b.len) >= MINWORDS && ct != NULL &&
		    (t != ADS_TASK_SUMMARY || (ads_words(ct, strlen(ct)) >= 2 &&
		    strlen(ct) < b.len)))
			out = jv_array_append(out, chapterrow(rec, ch, i, &b,
			    t));
		jv_free(ch);
	}
	ads_buf_free(&b);
	return out;
}
