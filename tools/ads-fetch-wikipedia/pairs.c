/*
 * pairs.c -- the task rows a Wikipedia article already holds
 *
 * Lead and article: a Wikipedia lead is written to summarize its
 * article (MOS:LEAD), the pairing of WikiSum-style datasets.  Editions
 * of one article in two languages are comparable, not parallel: each
 * is written by its own editors, so sections are paired only where the
 * structure agrees (the leads, and every section when both have as
 * many), and the rows say so in meta.alignment.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/utf8.h"
#include "../../common/util.h"
#include "pairs.h"

#define MAXHEADWORDS	10
#define MAXHEADBYTES	100
#define MINLEADWORDS	20
#define MINSIDEWORDS	5
#define MAXRATIO	3.0

/* Closing sections of links and sources, in a few editions. */
static const char *closing[] = {
	"see also", "references", "external links", "notes",
	"further reading", "bibliography", "sources", "footnotes",
	"citations", "siehe auch", "literatur", "weblinks",
	"einzelnachweise", "anmerkungen", "voir aussi", "références",
	"notes et références", "liens externes", "bibliographie",
	"véase también", "referencias", "enlaces externos",
	"bibliografía", "notas", "ver também", "referências",
	"ligações externas", "voci correlate", "note", "collegamenti esterni",
	"bibliografia", NULL
};

/* islead -- 1 when section sec (borrowed) has no heading. */
static int
islead(jv sec)
{
	jv h = ads_json_get(sec, "heading");
	int r = jv_get_kind(h) == JV_KIND_NULL;

	jv_free(h);
	return r;
}

/* isheading -- the heading rule of wiki_sections for line s..e. */
static int
isheading(const char *s, const char *e)
{
	char last;

	if (e == s || e - s > MAXHEADBYTES || ads_words(s, (size_t)(e - s)) >
	    MAXHEADWORDS)
		return 0;
	last = e[-1];
	return strchr(".!?,;:\"'", last) == NULL &&
	    !isspace((unsigned char)*s);
}

static int
isclosing(const char *s, size_t n)
{
	size_t i;

	for (i = 0; closing[i] != NULL; i++)
		if (strlen(closing[i]) == n && strncasecmp(closing[i], s,
		    n) == 0)
			return 1;
	return 0;
}

/* addsection -- append {heading, text} with text trimmed, if any. */
static jv
addsection(jv out, jv heading, const char *s, const char *e)
{
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (e == s) {
		jv_free(heading);
		return out;
	}
	return jv_array_append(out, ads_json_set(ads_json_set(jv_object(),
	    "heading", heading), "text", jv_string_sized(s, (int)(e - s))));
}

jv
wiki_sections(const char *s, size_t n)
{
	const char *p = s, *e = s + n, *le, *start = s;
	jv out = jv_array(), head = jv_null();
	int prevblank = 0, skip = 0;

	if (n > 0x7fffffff)
		return out;
	while (p < e) {
		le = memchr(p, '\n', (size_t)(e - p));
		if (le == NULL)
			le = e;
		if (le == p) {
			prevblank = 1;
		} else {
			if (prevblank && p > s && isheading(p, le) &&
			    le < e) {
				if (!skip)
					out = addsection(out, head, start, p);
				else
					jv_free(head);
				head = jv_string_sized(p, (int)(le - p));
				skip = isclosing(p, (size_t)(le - p));
				start = le;
			}
			prevblank = 0;
		}
		p = le < e ? le + 1 : e;
	}
	if (!skip)
		out = addsection(out, head, start, e);
	else
		jv_free(head);
	return out;
}

jv
wiki_lead_pair(jv rec)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *text;
	size_t len, llen;
	jv secs, lead, sec, meta, doc, sum;
	int i, n;

	text = ads_json_str(rec, "text", &len);
	if (text == NULL)
		return rec;
	secs = wiki_sections(text, len);
	n = jv_array_length(jv_copy(secs));
	lead = n > 0 ? jv_array_get(jv_copy(secs), 0) : jv_null();
	if (n < 2 || !islead(lead)) {
		jv_free(lead);
		jv_free(secs);
		return rec;
	}
	for (i = 1; i < n; i++) {
		sec = jv_array_get(jv_copy(secs), i);
		if (b.len > 0)
			ads_buf_adds(&b, "\n\n");
		ads_buf_adds(&b, ads_json_str(sec, "heading", NULL));
		ads_buf_adds(&b, "\n");
		ads_buf_adds(&b, ads_json_str(sec, "text", NULL));
		jv_free(sec);
	}
	text = ads_json_str(lead, "text", &llen);
	if (ads_words(text, llen) < MINLEADWORDS || b.len < 2 * llen) {
		ads_buf_free(&b);
		jv_free(lead);
		jv_free(secs);
		return rec;
	}
	sum = jv_string_sized(text, (int)llen);
	doc = jv_string_sized(b.p, (int)b.len);
	ads_buf_free(&b);
	jv_free(lead);
	jv_free(secs);
	rec = ads_json_set(rec, "document", jv_copy(doc));
	rec = ads_json_set(rec, "summary", sum);
	rec = ads_task_row(rec, doc, jv_null());
	meta = ads_json_get(rec, "meta");
	if (jv_get_kind(meta) != JV_KIND_OBJECT) {
		jv_free(meta);
		meta = jv_object();
	}
	meta = ads_json_set(meta, "pair", jv_string("article/lead"));
	return ads_json_set(rec, "meta", meta);
}

/* linkof -- the langlinks entry of lang in page p, as a title. */
static jv
linkof(jv p, const char *lang)
{
	jv ll, t = jv_null();
	const char *ln, *s;

	ll = ads_json_get(p, "langlinks");
	if (jv_get_kind(ll) == JV_KIND_ARRAY) {
		jv_array_foreach(ll, i, l) {
			ln = ads_json_str(l, "lang", NULL);
			s = ads_json_str(l, "title", NULL);
			if (s == NULL)
				s = ads_json_str(l, "*", NULL);
			if (ln != NULL && s != NULL && *s != '\0' &&
			    strcmp(ln, lang) == 0)
				t = jv_string(s);
			jv_free(l);
			if (jv_get_kind(t) != JV_KIND_NULL)
				break;
		}
	}
	jv_free(ll);
	return t;
}

jv
wiki_langlink(const char *body, size_t n, const char *lang)
{
	jv root, q, pages, t = jv_null();

	root = ads_json_parse(body, n);
	q = ads_json_get(root, "query");
	pages = ads_json_get(q, "pages");
	if (jv_get_kind(pages) == JV_KIND_ARRAY) {
		jv_array_foreach(pages, i, p) {
			jv_free(t);
			t = linkof(p, lang);
			jv_free(p);
			if (jv_get_kind(t) != JV_KIND_NULL)
				break;
		}
	} else if (jv_get_kind(pages) == JV_KIND_OBJECT) {
		jv_object_foreach(pages, key, pg) {
			if (jv_get_kind(t) == JV_KIND_NULL) {
				jv_free(t);
				t = linkof(pg, lang);
			}
			jv_free(key);
			jv_free(pg);
		}
	}
	jv_free(pages);
	jv_free(q);
	jv_free(root);
	return t;
}

/* okpair -- the length and word rules for one pair of sides. */
static int
okpair(jv a, jv b)
{
	const char *x, *y;
	size_t xl, yl;
	double cx, cy;

	x = ads_json_str(a, "text", &xl);
	y = ads_json_str(b, "text", &yl);
	if (x == NULL || y == NULL || ads_words(x, xl) < MINSIDEWORDS ||
	    ads_words(y, yl) < MINSIDEWORDS)
		return 0;
	cx = (double)ads_utf8_chars(x, xl);
	cy = (double)ads_utf8_chars(y, yl);
	return cx <= cy * MAXRATIO && cy <= cx * MAXRATIO;
}

static jv
trrow(jv src, jv dst, jv a, jv b, int k)
{
	const char *sl = ads_json_str(src, "lang", NULL);
	const char *dl = ads_json_str(dst, "lang", NULL);
	const char *id = ads_json_str(src, "id", NULL);
	static const char *keep[] = { "title", "url", "lang", "license",
	    NULL };
	jv row, tr, meta, side;

	row = jv_object();
	row = ads_json_set(row, "id", jv_string_fmt("%s#tr-%s-%d", id, dl,
	    k));
	row = ads_fetch_keep(row, src, keep);
	side = ads_json_get(a, "text");
	tr = jv_object();
	tr = ads_json_set(tr, sl, jv_copy(side));
	tr = ads_json_set(tr, dl, ads_json_get(b, "text"));
	meta = jv_object();
	meta = ads_json_set(meta, "alignment", jv_string("comparable"));
	meta = ads_json_set(meta, "section", ads_json_get(a, "heading"));
	meta = ads_json_set(meta, "target_section", ads_json_get(b,
	    "heading"));
	meta = ads_json_set(meta, "target_id", ads_json_get(dst, "id"));
	meta = ads_fetch_copy(meta, "target_url", dst, "url", JV_KIND_STRING);
	row = ads_json_set(row, "meta", meta);
	row = ads_json_set(row, "translation", tr);
	return ads_task_row(row, side, ads_json_get(src, "id"));
}

jv
wiki_align(jv src, jv dst, long *skipped)
{
	const char *st, *dt, *sl, *dl;
	size_t sn, dn;
	jv ss, ds, out = jv_array(), a, b;
	int i, ns, nd, np;

	st = ads_json_str(src, "text", &sn);
	dt = ads_json_str(dst, "text", &dn);
	sl = ads_json_str(src, "lang", NULL);
	dl = ads_json_str(dst, "lang", NULL);
	if (st == NULL || dt == NULL || sl == NULL || dl == NULL ||
	    ads_json_str(src, "id", NULL) == NULL || strcmp(sl, dl) == 0)
		return out;
	ss = wiki_sections(st, sn);
	ds = wiki_sections(dt, dn);
	ns = jv_array_length(jv_copy(ss));
	nd = jv_array_length(jv_copy(ds));
	np = ns == nd ? ns : (ns > 0 && nd > 0 ? 1 : 0);
	for (i = 0; i < np; i++) {
		a = jv_array_get(jv_copy(ss), i);
		b = jv_array_get(jv_copy(ds), i);
		/* A lead goes only with a lead. */
		if (islead(a) != islead(b) || !okpair(a, b))
			(*skipped)++;
		else
			out = jv_array_append(out, trrow(src, dst, a, b, i));
		jv_free(a);
		jv_free(b);
	}
	jv_free(ss);
	jv_free(ds);
	return out;
}
