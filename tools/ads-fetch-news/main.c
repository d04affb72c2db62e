/*
 * ads-fetch-news -- web articles found with DuckDuckGo, main text
 * extracted
 *
 * Each query is POSTed to DuckDuckGo's HTML endpoint; result pages are
 * followed through their "Next" form until enough links are known.
 * The article pages are then fetched a few at a time (ads_http_batch:
 * bounded concurrency, one request per host per interval), checked for
 * status, type and size, and reduced to their main text; when that
 * fails the search snippet stands in, flagged in meta.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/hash.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"
#include "news.h"
#include "ads-fetch-news-help.h"

#define USAGE "ads-fetch-news [-Su] [-c conns] [-l lang[,lang ...]] " \
	"[-M maxsize] [-n limit]\n[-p plan.json | -q query]"

#define MAXPAGES	5	/* result pages per query */
#define BATCH		8	/* article pages fetched per round */

struct news {
	struct ads_fetch	 f;
	struct ads_http		*h;
	const char		*ddg;		/* ADS_DDG_URL */
	const char		*via;		/* ADS_NEWS_ARTICLE_URL or NULL */
	long			 conns;		/* -c */
	long long		 maxsize;	/* -s */
	int			 snippets;	/* -S */
	long			 extracted, fallback, rejected;
};

/* The DuckDuckGo region (kl) for a language; "wt-wt" is no region. */
static const char *
region(const char *lang)
{
	static const char *const map[][2] = {
		{ "ar", "xa-ar" }, { "de", "de-de" }, { "en", "us-en" },
		{ "es", "es-es" }, { "fr", "fr-fr" }, { "it", "it-it" },
		{ "ja", "jp-jp" }, { "ko", "kr-kr" }, { "nl", "nl-nl" },
		{ "pl", "pl-pl" }, { "pt", "br-pt" }, { "ru", "ru-ru" },
		{ "sv", "se-sv" }, { "tr", "tr-tr" }, { "zh", "cn-zh" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strncasecmp(lang, map[i][0], 2) == 0 &&
		    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'))
			return map[i][1];
	return "wt-wt";
}

/*
 * rfc3339 -- a publication date as RFC 3339 when it is one already or
 * a bare date; NULL otherwise.  Caller frees.
 */
static char *
rfc3339(const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < 10 && i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return NULL;
	if (n < 10)
		return NULL;
	if (n == 10)
		return xasprintf("%sT00:00:00Z", s);
	if (s[10] != 'T' || n < 19 || n > 40)
		return NULL;
	for (i = 11; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && strchr(":.+-Z", s[i]) ==
		    NULL)
			return NULL;
	if (s[n - 1] == 'Z' || s[n - 6] == '+' || s[n - 6] == '-')
		return xstrdup(s);
	/* DuckDuckGo's "2025-06-23T00:00:00.0000000": no zone, UTC. */
	return xasprintf("%.19sZ", s);
}

/* host -- the host part of an http(s) URL into buf. */
static const char *
host(const char *url, char *buf, size_t len)
{
	const char *p = strstr(url, "://"), *e;

	p = p != NULL ? p + 3 : url;
	e = p + strcspn(p, "/?#:");
	snprintf(buf, len, "%.*s", (int)(e - p), p);
	return buf;
}

/*
 * resulttitle -- a search result's title without the " - host" (or
 * " | host", " \u2013 host", " \u2014 host", " \u00b7 host") the search
 * engine appends, host being the result's host with or without "www.".
 * The title is returned in buf (cut) or unchanged.
 */
static const char *
resulttitle(const char *title, const char *url, char *buf, size_t len)
{
	static const char *const seps[] = { " - ", " | ", " \xe2\x80\x93 ",
	    " \xe2\x80\x94 ", " \xc2\xb7 " };
	char hb[256];
	const char *h, *names[2];
	size_t tl = strlen(title), i, j, nl, sl;

	h = host(url, hb, sizeof(hb));
	names[0] = h;
	names[1] = strncasecmp(h, "www.", 4) == 0 ? h + 4 : NULL;
	for (i = 0; i < 2; i++) {
		if (names[i] == NULL || names[i][0] == '\0')
			continue;
		nl = strlen(names[i]);
		for (j = 0; j < sizeof(seps) / sizeof(seps[0]); j++) {
			sl = strlen(seps[j]);
			if (tl <= nl + sl || tl - nl - sl >= len ||
			    strcasecmp(title + tl - nl, names[i]) != 0 ||
			    memcmp(title + tl - nl - sl, seps[j], sl) != 0)
				continue;
			snprintf(buf, len, "%.*s", (int)(tl - nl - sl), title);
			return buf;
		}
	}
	return title;
}

/*
 * finalurl -- the URL an article was finally read from, after
 * redirects: resp->url, or url when there is none; through
 * ADS_NEWS_ARTICLE_URL, the address the prefix stands for.  Caller
 * frees.
 */
static char *
finalurl(const struct news *nw, const char *url,
    const struct ads_http_resp *resp)
{
	const char *p, *e;
	size_t n;

	if (resp == NULL || resp->url == NULL || resp->url[0] == '\0')
		return xstrdup(url);
	if (nw->via != NULL) {
		n = strlen(nw->via);
		if (strncmp(resp->url, nw->via, n) == 0 &&
		    resp->url[n] == '/') {
			p = strstr(url, "://");
			e = p != NULL ? p : url;
			return xasprintf("%.*s://%s", (int)(e - url),
			    p != NULL ? url : "https", resp->url + n + 1);
		}
	}
	return xstrdup(resp->url);
}

/* record -- one result as a record, from its page when extraction worked. */
static jv
record(struct news *nw, const struct ddg_result *res, size_t rank,
    const struct ads_http_resp *resp, const char *lang)
{
	struct article a;
	char hex[65], hb[256], tb[1024], *when = NULL;
	const char *why = NULL;
	char ctype[128];
	char *final;
	int ok = -1;
	jv rec, meta;

	memset(&a, 0, sizeof(a));
	if (resp != NULL) {
		if (resp->blocked) {
			why = "blocked";
			ads_warn("%s", resp->err);
		}
		else if (resp->status == 0)
			why = "unreachable";
		else if (resp->status != 200)
			why = "http-error";
		else if (resp->toolarge || resp->len > (size_t)nw->maxsize)
			why = "too-large";
		else if (ads_http_header(resp, "content-type", ctype,
		    sizeof(ctype)) != NULL && strncasecmp(ctype, "text/html",
		    9) != 0 && strncasecmp(ctype, "application/xhtml", 17) != 0)
			why = "not-html";
		else {
			char cs[64];

			ok = article_extract(resp->body, resp->len,
			    ads_http_header(resp, "content-type", ctype,
			    sizeof(ctype)) != NULL ? article_charset(ctype, cs,
			    sizeof(cs)) : NULL, &a);
			if (ok != 0)
				why = "no-main-text";
		}
	} else
		why = "not-fetched";
	if (ok == 0)
		nw->extracted++;
	else
		nw->fallback++;
	if (ok != 0 && res->snippet[0] == '\0') {
		article_free(&a);
		nw->rejected++;
		if (strcmp(why, "blocked") == 0)
			ads_fetch_lost(&nw->f, "blocked");
		else if (strcmp(why, "unreachable") == 0 ||
		    strcmp(why, "http-error") == 0)
			ads_fetch_lost(&nw->f, "failed");
		else if (strcmp(why, "too-large") == 0)
			ads_fetch_lost(&nw->f, "too_large");
		else
			ads_fetch_drop(&nw->f, "no_text");
		return jv_null();
	}

	ads_hash_sha256_hex(res->url, strlen(res->url), hex);
	hex[20] = '\0';
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("news:%s", hex));
	rec = ads_json_set(rec, "source", jv_string("news"));
	rec = ads_json_set(rec, "text", jv_string(ok == 0 ?
	    a.text : res->snippet));
	rec = ads_json_set(rec, "title", jv_string(ok == 0 &&
	    a.title != NULL && a.title[0] != '\0' ? a.title :
	    resulttitle(res->title, res->url, tb, sizeof(tb))));
	/* The address the text was read from, after redirects. */
	final = finalurl(nw, res->url, ok == 0 ? resp : NULL);
	rec = ads_json_set(rec, "url", jv_string(final));
	if (a.lang != NULL && a.lang[0] != '\0' && strlen(a.lang) < 36)
		rec = ads_json_set(rec, "lang", jv_string(a.lang));
	else if (lang != NULL)
		rec = ads_json_set(rec, "lang", jv_string(lang));
	if (a.published != NULL)
		when = rfc3339(a.published);
	if (when == NULL && res->date != NULL)
		when = rfc3339(res->date);
	if (when != NULL)
		rec = ads_json_set(rec, "created", jv_string(when));
	free(when);
	meta = jv_object();
	meta = ads_json_set(meta, "host",
	    jv_string(host(res->url, hb, sizeof(hb))));
	if (a.site != NULL)
		meta = ads_json_set(meta, "site", jv_string(a.site));
	if (a.published != NULL)
		meta = ads_json_set(meta, "published", jv_string(a.published));
	if (strcmp(final, res->url) != 0)
		meta = ads_json_set(meta, "link", jv_string(res->url));
	free(final);
	meta = ads_json_set(meta, "rank", jv_number(rank));
	meta = ads_json_set(meta, "snippet", jv_string(res->snippet));
	meta = ads_json_set(meta, "extracted", ok == 0 ?
	    jv_true() : jv_false());
	if (ok != 0)
		meta = ads_json_set(meta, "fallback", jv_string(why));
	else
		meta = ads_json_set(meta, "paragraphs",
		    jv_number((double)a.nparas));
	rec = ads_json_set(rec, "meta", meta);
	article_free(&a);
	return rec;
}

/* articleurl -- where to fetch url: itself, or through ADS_NEWS_ARTICLE_URL. */
static char *
articleurl(struct news *nw, const char *url)
{
	const char *p;

	if (nw->via == NULL)
		return xstrdup(url);
	p = strstr(url, "://");
	return xasprintf("%s/%s", nw->via, p != NULL ? p + 3 : url);
}

/* articles -- fetch and emit results [0, n) of res, BATCH at a time. */
static void
articles(struct news *nw, struct ddg_result *res, size_t n, size_t rank0,
    const char *lang)
{
	struct ads_http_req reqs[BATCH];
	struct ads_http_resp resps[BATCH];
	char *urls[BATCH];
	size_t i, k, m;
	jv rec;

	for (i = 0; i < n && !ads_fetch_full(&nw->f); i += m) {
		m = n - i < BATCH ? n - i : BATCH;
		/* Never fetch more pages than records still wanted. */
		if ((long long)m > nw->f.limit - nw->f.nout)
			m = (size_t)(nw->f.limit - nw->f.nout);
		memset(reqs, 0, sizeof(reqs));
		memset(resps, 0, sizeof(resps));
		if (!nw->snippets) {
			for (k = 0; k < m; k++) {
				urls[k] = articleurl(nw, res[i + k].url);
				reqs[k].url = urls[k];
				/* A search result: public addresses only. */
				reqs[k].untrusted = 1;
				/* Stop reading a page past the limit. */
				reqs[k].maxbytes = (size_t)nw->maxsize + 1;
			}
			(void)ads_http_batch(nw->h, reqs, resps, m);
		}
		for (k = 0; k < m; k++) {
			rec = record(nw, &res[i + k], rank0 + i + k + 1,
			    nw->snippets ? NULL : &resps[k], lang);
			if (jv_get_kind(rec) == JV_KIND_OBJECT)
				ads_fetch_emit(&nw->f, rec);
			else
				jv_free(rec);
			if (!nw->snippets) {
				ads_http_resp_free(&resps[k]);
				free(urls[k]);
			}
		}
	}
}

/*
 * offset -- the "s" (result offset) field of a Next form body, or NULL.
 * It is repeated in the URL of the POST so that a page can be told
 * apart from the first one by its URL alone (the replay tests, logs).
 */
static char *
offset(const char *form)
{
	const char *p;

	for (p = form; p != NULL; p = strchr(p, '&')) {
		if (*p == '&')
			p++;
		if (p[0] == 's' && p[1] == '=')
			return xstrndup(p + 2, strspn(p + 2, "0123456789"));
	}
	return NULL;
}

/* search -- one query in one language: result pages, then articles. */
static void
search(struct news *nw, const char *query, const char *lang)
{
	struct ads_http_req q;
	struct ads_http_resp resp;
	struct ddg_page pg;
	struct ads_buf body = ADS_BUF_INIT;
	char *url, *nurl = NULL, *e, *s, *next = NULL;
	const char *hdrs[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL
	};
	size_t page, i, j, rank = 0, fresh;
	long long want;

	url = xasprintf("%s/html/", nw->ddg);
	e = ads_http_escape(query);
	ads_buf_addf(&body, "q=%s&b=&kl=%s", e, region(lang));
	free(e);
	for (page = 0; page < MAXPAGES && !ads_fetch_full(&nw->f); page++) {
		memset(&q, 0, sizeof(q));
		memset(&resp, 0, sizeof(resp));
		q.method = "POST";
		q.url = nurl != NULL ? nurl : url;
		q.body = next != NULL ? next : body.p;
		q.bodylen = strlen(q.body);
		q.headers = hdrs;
		if (ads_http_do(nw->h, &q, &resp) != 0 ||
		    (resp.status != 200 && resp.status != 202)) {
			if (resp.status == 0)
				ads_fetch_fail(&nw->f, "query \"%s\": %s",
				    query, resp.err);
			else
				ads_fetch_fail(&nw->f, "query \"%s\": HTTP %ld",
				    query, resp.status);
			ads_http_resp_free(&resp);
			break;
		}
		ddg_parse(resp.body, resp.len, &pg);
		if (resp.status == 202 || (pg.blocked && pg.nres == 0)) {
			ads_fetch_fail(&nw->f, "query \"%s\": blocked by "
			    "DuckDuckGo (bot check or rate limit)", query);
			ddg_page_free(&pg);
			ads_http_resp_free(&resp);
			break;
		}
		ads_http_resp_free(&resp);
		/* Drop results already written or repeated on this page. */
		fresh = 0;
		for (i = 0; i < pg.nres; i++) {
			char hex[65], id[32];
			int dup = 0;

			ads_hash_sha256_hex(pg.res[i].url,
			    strlen(pg.res[i].url), hex);
			snprintf(id, sizeof(id), "news:%.20s", hex);
			for (j = 0; j < fresh && !dup; j++)
				dup = strcmp(pg.res[j].url,
				    pg.res[i].url) == 0;
			if (dup || ads_fetch_seen(&nw->f, id))
				continue;
			if (fresh != i) {
				struct ddg_result t = pg.res[fresh];

				pg.res[fresh] = pg.res[i];
				pg.res[i] = t;
			}
			fresh++;
		}
		want = nw->f.limit - nw->f.nout;
		articles(nw, pg.res, fresh < (size_t)want ? fresh :
		    (size_t)want, rank, lang);
		rank += pg.nres;
		free(next);
		next = pg.next;
		pg.next = NULL;
		/* A page with nothing new will not be followed by one. */
		if (fresh == 0 && pg.nres > 0) {
			free(next);
			next = NULL;
		}
		ddg_page_free(&pg);
		if (next == NULL)
			break;
		free(nurl);
		s = offset(next);
		nurl = xasprintf("%s/html/?s=%s", nw->ddg, s != NULL ? s : "");
		free(s);
	}
	free(nurl);
	free(next);
	free(url);
	ads_buf_free(&body);
}

/* freelq -- free the n query vectors of lq and their lengths. */
static void
freelq(char ***lq, size_t n, size_t *nlq)
{
	size_t i;

	for (i = 0; i < n; i++)
		ads_strv_free(lq[i]);
	free(lq);
	free(nlq);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "conns",	required_argument,	NULL,	'c' },
		ADS_FETCH_LONGOPTS,
		{ "max-size",	required_argument,	NULL,	'M' },
		{ "snippets",	no_argument,		NULL,	'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct news nw;
	char ***lq;
	size_t i, l, rounds = 0, *nlq;
	int c;

	ads_setprogname(argv[0]);
	memset(&nw, 0, sizeof(nw));
	nw.conns = 4;
	nw.maxsize = 2L * 1024 * 1024;
	ads_fetch_init(&nw.f, "news", USAGE);
	while ((c = ads_fetch_getopt(&nw.f, argc, argv, ADS_FETCH_OPTS "c:M:S",
	    lopts)) != -1) {
		switch (c) {
		case 'c':
			nw.conns = (long)ads_optnum("-c", optarg, 1, 32);
			break;
		case 'S':
			nw.snippets = 1;
			break;
		case 'M':
			nw.maxsize = ads_optsize("-M", optarg, 1024,
			    1024LL * 1024 * 1024);
			break;
		}
	}
	if (ads_fetch_start(&nw.f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&nw.f, NULL);
	/*
	 * Each region searches its language's own queries when the plan
	 * has queries_by_lang, every query otherwise.
	 */
	lq = xcalloc(nw.f.nlangs, sizeof(*lq));
	nlq = xcalloc(nw.f.nlangs, sizeof(*nlq));
	for (l = 0; l < nw.f.nlangs; l++) {
		lq[l] = ads_fetch_langq(&nw.f, nw.f.langs[l], &nlq[l]);
		if (nlq[l] > rounds)
			rounds = nlq[l];
	}
	if (rounds == 0) {
		freelq(lq, nw.f.nlangs, nlq);
		return ads_fetch_skip(&nw.f, "no queries");
	}
	nw.ddg = ads_http_base("ADS_DDG_URL", "https://html.duckduckgo.com");
	nw.via = ads_getenv_nonempty("ADS_NEWS_ARTICLE_URL");
	ads_fetch_httpopts(&o, "news", (int)nw.conns, 1.0, "ADS_NEWS_INTERVAL",
	    3600);
	o.timeout_ms = 20000;
	nw.h = ads_http_new(&o);
	/* Each language's first query, then each one's second, ... */
	for (i = 0; i < rounds && !ads_fetch_full(&nw.f); i++)
		for (l = 0; l < nw.f.nlangs && !ads_fetch_full(&nw.f); l++) {
			if (i >= nlq[l])
				continue;
			nw.f.query = lq[l][i];
			search(&nw, nw.f.query, nw.f.langs[l]);
		}
	nw.f.query = NULL;
	freelq(lq, nw.f.nlangs, nlq);
	if (nw.fallback > 0 || nw.rejected > 0)
		ads_warn("%ld articles extracted, %ld from snippets, %ld "
		    "without text", nw.extracted, nw.fallback - nw.rejected,
		    nw.rejected);
	return ads_fetch_finish(&nw.f, nw.h);
}
