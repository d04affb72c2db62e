/*
 * ads-fetch-wikipedia -- full article text from any Wikipedia edition
 *
 * For each language and each of its queries (the plan's queries_by_lang,
 * or every query): list=search pages of SEARCH_PAGE titles,
 * followed by their continuation; then the plain text of those titles
 * in one batched prop=extracts request, continued (TextExtracts gives
 * one whole-article extract per answer) until every page came back; a
 * page without an extract at all is fetched again through
 * prop=revisions (parsed HTML, reduced to text).  Requests are serial,
 * as Wikimedia's etiquette asks.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "pairs.h"
#include "wiki.h"
#include "ads-fetch-wikipedia-help.h"

#define USAGE	"ads-fetch-wikipedia [-u] [-l lang[,lang ...]] [-n limit]\n" \
		"[-p plan.json | -q query]"
#define BASE_DEFAULT	"https://{lang}.wikipedia.org"
#define SEARCH_PAGE	20
#define MAX_ROUNDS	(SEARCH_PAGE + 10)
#define CHUNK		5
#define LICENSE		"CC-BY-SA-4.0"

static long long nmissing;
static enum ads_task task;	/* the plan's, for its rows */
static struct ads_http *pairhttp;	/* for the other editions' pages */
static long nunaligned;		/* section pairs left out */
static long nunlinked;		/* pages with no page in a target edition */

static jv pairs(struct ads_fetch *, const char *, jv);

/* apiurl -- the api.php URL of lang's edition. Caller frees. */
static char *
apiurl(const char *lang)
{
	const char *base = ads_http_base("ADS_WIKIPEDIA_URL", BASE_DEFAULT);
	struct ads_buf b = ADS_BUF_INIT;
	const char *p, *q;

	for (p = base; (q = strstr(p, "{lang}")) != NULL; p = q + 6) {
		ads_buf_add(&b, p, q - p);
		ads_buf_adds(&b, lang);
	}
	ads_buf_adds(&b, p);
	ads_buf_adds(&b, "/w/api.php");
	return ads_buf_detach(&b, NULL);
}

/* addcont -- append the continuation parameters to b. */
static void
addcont(struct ads_buf *b, jv cont)
{
	char *esc;
	jv s;

	if (jv_get_kind(cont) != JV_KIND_OBJECT)
		return;
	/* The macro evaluates its object at every turn: no jv_copy here. */
	jv_object_foreach(cont, key, val) {
		s = jv_get_kind(val) == JV_KIND_STRING ? jv_copy(val) :
		    jv_dump_string(jv_copy(val), 0);
		esc = ads_http_escape(jv_string_value(s));
		ads_buf_addf(b, "&%s=%s", jv_string_value(key), esc);
		free(esc);
		jv_free(s);
		jv_free(key);
		jv_free(val);
	}
}

/*
 * get -- one request; the parsed answer into a.  Returns 0, or -1 after
 * reporting the failure (what names the request in the message).
 */
static int
get(struct ads_fetch *f, struct ads_http *h, const char *url,
    const char *what, struct wiki_answer *a)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	char why[256];
	int rc = -1;

	memset(&req, 0, sizeof(req));
	req.url = url;
	if (ads_http_do(h, &req, &resp) == -1) {
		ads_fetch_fail(f, "%s: %s", what, resp.err);
		ads_http_resp_free(&resp);
		return -1;
	}
	if (wiki_parse(resp.body, resp.len, a, why, sizeof(why)) == -1) {
		if (resp.status != 200)
			ads_fetch_fail(f, "%s: HTTP %ld", what, resp.status);
		else
			ads_fetch_fail(f, "%s: %s", what, why);
	} else if (a->error != NULL) {
		ads_fetch_fail(f, "%s: HTTP %ld: %s", what, resp.status,
		    a->error);
		wiki_free(a);
	} else if (resp.status != 200) {
		ads_fetch_fail(f, "%s: HTTP %ld", what, resp.status);
		wiki_free(a);
	} else
		rc = 0;
	ads_http_resp_free(&resp);
	return rc;
}

/*
 * texts -- the pages for titles (an array), batched with continuation,
 * into *pages (object: title -> page) and *ren (renames).  Returns 0,
 * or -1 when a request failed for good (what came before is kept).
 */
static int
texts(struct ads_fetch *f, struct ads_http *h, const char *api,
    const char *lang, jv titles, jv *pages, jv *ren)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct wiki_answer a;
	char *esc, *what;
	jv cont = jv_null(), t;
	int round, rc = 0;

	jv_array_foreach(titles, i, title) {
		ads_buf_adds(&b, i > 0 ? "|" : "");
		ads_buf_adds(&b, jv_string_value(title));
		jv_free(title);
	}
	esc = ads_http_escape(b.len > 0 ? b.p : "");
	ads_buf_free(&b);
	what = xasprintf("query \"%s\" (%s): article text", f->query, lang);
	for (round = 0; round < MAX_ROUNDS; round++) {
		ads_buf_reset(&b);
		ads_buf_addf(&b, "%s?action=query&format=json&formatversion=2"
		    "&prop=extracts%%7Cinfo&explaintext=1&exsectionformat=plain"
		    "&inprop=url&redirects=1&titles=%s", api, esc);
		addcont(&b, cont);
		if (get(f, h, b.p, what, &a) == -1) {
			rc = -1;
			break;
		}
		*ren = jv_object_merge(*ren, jv_copy(a.renames));
		jv_array_foreach(a.pages, i, p) {
			t = ads_json_get(p, "title");
			/* Keep the answer that carries the text. */
			if (ads_json_has(p, "text") || !ads_json_has(*pages,
			    jv_string_value(t)))
				*pages = jv_object_set(*pages, t, p);
			else {
				jv_free(t);
				jv_free(p);
			}
		}
		jv_free(cont);
		cont = jv_copy(a.cont);
		wiki_free(&a);
		if (jv_get_kind(cont) != JV_KIND_OBJECT)
			break;
	}
	jv_free(cont);
	ads_buf_free(&b);
	free(esc);
	free(what);
	return rc;
}

/*
 * revision -- the fallback for a page the extracts answer had no text
 * for: its current revision, parsed to HTML, reduced to text.
 */
static jv
revision(struct ads_fetch *f, struct ads_http *h, const char *api,
    const char *lang, const char *title)
{
	struct wiki_answer a;
	char *esc, *url, *what;
	jv p, text = jv_null();

	esc = ads_http_escape(title);
	url = xasprintf("%s?action=query&format=json&formatversion=2"
	    "&prop=revisions&rvprop=content&rvslots=main&rvparse=1"
	    "&redirects=1&titles=%s", api, esc);
	what = xasprintf("query \"%s\" (%s): revision of \"%s\"", f->query,
	    lang, title);
	if (get(f, h, url, what, &a) == 0) {
		if (jv_array_length(jv_copy(a.pages)) > 0) {
			p = jv_array_get(jv_copy(a.pages), 0);
			text = ads_json_get(p, "text");
			jv_free(p);
		}
		wiki_free(&a);
	}
	free(esc);
	free(url);
	free(what);
	return text;
}

static void
emitpage(struct ads_fetch *f, const char *lang, const char *api, jv page,
    jv from, long long *got)
{
	jv rec, meta, v;
	double pid;
	char *url, *esc, *under, *p;
	const char *t;

	if (ads_json_num(page, "pageid", &pid) != 0 ||
	    ads_json_str(page, "text", NULL) == NULL) {
		t = ads_json_str(page, "title", NULL);
		ads_warn("page \"%s\": no numeric pageid or no text string; "
		    "skipped", t != NULL ? t : "?");
		ads_fetch_lost(f, "malformed");
		return;
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt(
	    "wikipedia:%s:%.0f", lang, pid));
	rec = ads_json_set(rec, "text", ads_json_get(page, "text"));
	rec = ads_json_set(rec, "title", ads_json_get(page, "title"));
	v = ads_json_get(page, "url");
	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		/* api is ".../w/api.php": the article path is beside it. */
		t = ads_json_str(page, "title", NULL);
		under = xstrdup(t != NULL ? t : "");
		for (p = under; *p != '\0'; p++)
			if (*p == ' ')
				*p = '_';
		esc = ads_http_escape(under);
		free(under);
		url = xasprintf("%.*s/wiki/%s", (int)(strlen(api) - 10), api,
		    esc);
		v = jv_string(url);
		free(url);
		free(esc);
	}
	rec = ads_json_set(rec, "url", v);
	rec = ads_json_set(rec, "lang", jv_string(lang));
	rec = ads_json_set(rec, "license", jv_string(LICENSE));
	meta = jv_object();
	meta = ads_json_set(meta, "pageid", jv_number(pid));
	meta = ads_fetch_copy(meta, "revid", page, "lastrevid", JV_KIND_NUMBER);
	meta = ads_fetch_copy(meta, "touched", page, "touched", JV_KIND_STRING);
	if (jv_get_kind(from) == JV_KIND_STRING &&
	    strcmp(jv_string_value(from), ads_json_str(page, "title",
	    NULL)) != 0)
		meta = ads_json_set(meta, "redirected_from", jv_copy(from));
	rec = ads_json_set(rec, "meta", meta);
	*got += ads_fetch_emit(f, pairs(f, lang, rec));
}

/*
 * emitchunk -- the records of one chunk of search titles, in search
 * order; a page the extracts never covered is fetched again through
 * revision() unless the batch failed.
 */
static void
emitchunk(struct ads_fetch *f, struct ads_http *h, const char *api,
    const char *lang, jv titles, jv pages, jv ren, int tfail,
    long long quota, long long *got)
{
	jv t, page, text;
	int i, n;

	n = jv_array_length(jv_copy(titles));
	for (i = 0; i < n && *got < quota; i++) {
		t = jv_array_get(jv_copy(titles), i);
		page = jv_object_get(jv_copy(pages), wiki_resolve(
		    jv_copy(ren), jv_copy(t)));
		if (jv_get_kind(page) != JV_KIND_OBJECT ||
		    ads_json_has(page, "missing")) {
			if (tfail == 0) {
				nmissing++;
				ads_fetch_drop(f, "missing");
			} else
				ads_fetch_lost(f, "failed");
		} else {
			if (!ads_json_has(page, "text") &&
			    !ads_json_has(page, "hasextract") && tfail == 0) {
				text = revision(f, h, api, lang,
				    ads_json_str(page, "title", NULL));
				if (jv_get_kind(text) == JV_KIND_STRING)
					page = ads_json_set(page, "text", text);
				else
					jv_free(text);
			}
			if (ads_json_has(page, "text"))
				emitpage(f, lang, api, page, t, got);
			else if (tfail == 0) {
				nmissing++;
				ads_fetch_drop(f, "no_text");
			} else
				ads_fetch_lost(f, "failed");
		}
		jv_free(page);
		jv_free(t);
	}
}

/* fetchquery -- one query in one language, up to quota records. */
static void
fetchquery(struct ads_fetch *f, struct ads_http *h, const char *lang,
    long long quota)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct wiki_answer s;
	char *api, *esc, *what;
	jv cont = jv_null(), pages, ren, chunk;
	long long got = 0;
	int n, c0, pagesdone = 0, tfail = 0;

	api = apiurl(lang);
	esc = ads_http_escape(f->query);
	what = xasprintf("query \"%s\" (%s)", f->query, lang);
	while (got < quota && !ads_fetch_full(f) && pagesdone++ < 500) {
		ads_buf_reset(&b);
		ads_buf_addf(&b, "%s?action=query&format=json&formatversion=2"
		    "&list=search&srsearch=%s&srlimit=%d&srnamespace=0"
		    "&srprop=", api, esc, SEARCH_PAGE);
		addcont(&b, cont);
		if (get(f, h, b.p, what, &s) == -1)
			break;
		jv_free(cont);
		cont = jv_copy(s.cont);
		n = jv_array_length(jv_copy(s.titles));
		if (n == 0) {
			wiki_free(&s);
			break;
		}
		/*
		 * Texts in chunks of CHUNK titles, so a small limit does
		 * not fetch a whole page of articles; the chunks depend only
		 * on the search page, so reruns hit the cache.
		 */
		tfail = 0;
		for (c0 = 0; c0 < n && got < quota && tfail == 0;
		    c0 += CHUNK) {
			chunk = jv_array_slice(jv_copy(s.titles), c0,
			    c0 + CHUNK < n ? c0 + CHUNK : n);
			pages = jv_object();
			ren = jv_object();
			tfail = texts(f, h, api, lang, chunk, &pages, &ren);
			emitchunk(f, h, api, lang, chunk, pages, ren, tfail,
			    quota, &got);
			jv_free(chunk);
			jv_free(pages);
			jv_free(ren);
		}
		wiki_free(&s);
		if (jv_get_kind(cont) != JV_KIND_OBJECT || tfail != 0)
			break;
	}
	jv_free(cont);
	ads_buf_free(&b);
	free(api);
	free(esc);
	free(what);
}

int
main(int argc, char *argv[])
{
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	long long left, share, start;
	char ***lq;
	size_t i, j, *nlq, nsearch;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "wikipedia", USAGE);
	if (ads_fetch_args(&f, argc, argv) != 0)
		return ads_fetch_skip(&f, NULL);
	for (i = 0; i < f.nlangs; i++)
		if (strspn(f.langs[i], "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(f.langs[i]))
			ads_die(ADS_USAGE, "bad language code: %s", f.langs[i]);

	ads_fetch_httpopts(&o, "wikipedia", 1, 0, NULL, 0);
	h = ads_http_new(&o);
	pairhttp = h;
	task = ads_task_of(f.plan);
	/*
	 * For translation, the first language's edition is searched and
	 * the others are reached through its pages' language links.
	 */
	if (task == ADS_TASK_TRANSLATION) {
		if (f.nlangs < 2)
			ads_warn("translation needs two languages or more; "
			    "no translation rows");
		nsearch = 1;
	} else
		nsearch = f.nlangs;
	/*
	 * Each edition searches its language's own queries when the plan
	 * has queries_by_lang, every query otherwise.
	 */
	lq = xcalloc(f.nlangs, sizeof(*lq));
	nlq = xcalloc(f.nlangs, sizeof(*nlq));
	for (i = 0; i < f.nlangs; i++)
		lq[i] = ads_fetch_langq(&f, f.langs[i], &nlq[i]);
	/*
	 * Every language gets a fair share of what is left, and each of
	 * its queries a fair share of the language's.
	 */
	for (i = 0; i < nsearch && !ads_fetch_full(&f); i++) {
		share = ads_fetch_share(f.limit - f.nout, nsearch - i);
		start = f.nout;
		for (j = 0; j < nlq[i] && !ads_fetch_full(&f); j++) {
			f.query = lq[i][j];
			left = share - (f.nout - start);
			if (left <= 0)
				break;
			fetchquery(&f, h, f.langs[i], ads_fetch_share(left,
			    nlq[i] - j));
		}
	}
	f.query = NULL;
	for (i = 0; i < f.nlangs; i++)
		ads_strv_free(lq[i]);
	free(lq);
	free(nlq);
	if (nmissing > 0)
		ads_warn("%lld search results had no article text", nmissing);
	if (nunlinked > 0)
		ads_warn("%ld pages had no page in a target language",
		    nunlinked);
	if (nunaligned > 0)
		ads_warn("%ld section pairs were left out (no lead on one "
		    "side, too short, or lengths too far apart)", nunaligned);
	return ads_fetch_finish(&f, h);
}

/*
 * target -- the page of the edition tl that rec (a page record of the
 * edition lang) links to, as a record {id, text, lang, url, title}, or
 * jv_null() when there is none or a request failed.
 */
static jv
target(struct ads_fetch *f, const char *lang, const char *tl, jv rec)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	char *api, *tapi, *esc, *url;
	const char *title = ads_json_str(rec, "title", NULL);
	jv tt, titles, pages, ren, page, out = jv_null();
	double pid;

	if (title == NULL)
		return out;
	api = apiurl(lang);
	esc = ads_http_escape(title);
	url = xasprintf("%s?action=query&format=json&formatversion=2"
	    "&prop=langlinks&lllang=%s&redirects=1&titles=%s", api, tl, esc);
	free(esc);
	free(api);
	memset(&req, 0, sizeof(req));
	req.url = url;
	if (ads_http_do(pairhttp, &req, &resp) == -1 || resp.status != 200) {
		ads_fetch_fail(f, "language links of \"%s\" (%s): %s", title,
		    lang, resp.status != 200 && resp.err[0] == '\0' ?
		    "HTTP error" : resp.err);
		ads_http_resp_free(&resp);
		free(url);
		return out;
	}
	free(url);
	tt = wiki_langlink(resp.body, resp.len, tl);
	ads_http_resp_free(&resp);
	if (jv_get_kind(tt) != JV_KIND_STRING) {
		nunlinked++;
		jv_free(tt);
		return out;
	}
	tapi = apiurl(tl);
	titles = jv_array_append(jv_array(), jv_copy(tt));
	pages = jv_object();
	ren = jv_object();
	if (texts(f, pairhttp, tapi, tl, titles, &pages, &ren) == 0) {
		page = jv_object_get(jv_copy(pages), wiki_resolve(
		    jv_copy(ren), jv_copy(tt)));
		if (jv_get_kind(page) == JV_KIND_OBJECT &&
		    ads_json_str(page, "text", NULL) != NULL &&
		    ads_json_num(page, "pageid", &pid) == 0) {
			out = jv_object();
			out = ads_json_set(out, "id", jv_string_fmt(
			    "wikipedia:%s:%.0f", tl, pid));
			out = ads_json_set(out, "text", ads_json_get(page,
			    "text"));
			out = ads_json_set(out, "lang", jv_string(tl));
			out = ads_json_set(out, "title", ads_json_get(page,
			    "title"));
			out = ads_json_set(out, "url", ads_json_get(page,
			    "url"));
		} else
			nunlinked++;
		jv_free(page);
	}
	jv_free(titles);
	jv_free(pages);
	jv_free(ren);
	jv_free(tt);
	free(tapi);
	return out;
}

/*
 * pairs -- the task rows of page record rec (of edition lang): for
 * summarization rec itself becomes one (wiki_lead_pair); for
 * translation the rows of its sections beside each target edition's
 * are emitted.  Returns rec for emitting.
 */
static jv
pairs(struct ads_fetch *f, const char *lang, jv rec)
{
	jv dst;
	size_t i;

	if (task == ADS_TASK_SUMMARY)
		return wiki_lead_pair(rec);
	if (task != ADS_TASK_TRANSLATION || ads_fetch_seen(f,
	    ads_json_str(rec, "id", NULL)))
		return rec;
	for (i = 0; i < f->nlangs && !ads_fetch_full(f); i++) {
		if (strcmp(f->langs[i], lang) == 0)
			continue;
		dst = target(f, lang, f->langs[i], rec);
		if (jv_get_kind(dst) != JV_KIND_OBJECT) {
			jv_free(dst);
			continue;
		}
		ads_fetch_emitall(f, wiki_align(rec, dst, &nunaligned));
		jv_free(dst);
	}
	return rec;
}
