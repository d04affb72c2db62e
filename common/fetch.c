/*
 * fetch.c -- the skeleton every ads-fetch-SOURCE shares (fetch.h)
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "buf.h"
#include "fetch.h"
#include "hash.h"
#include "http.h"
#include "io.h"
#include "json.h"
#include "jsonl.h"
#include "progress.h"
#include "task.h"
#include "util.h"

void
ads_fetch_init(struct ads_fetch *f, const char *source, const char *usage)
{
	memset(f, 0, sizeof(*f));
	f->source = source;
	f->usage = usage;
	f->limit = ADS_FETCH_LIMIT_DEFAULT;
	f->plan = jv_null();
	f->section = jv_null();
	f->dropped = jv_object();
	f->lost = jv_object();
}

int
ads_fetch_opt(struct ads_fetch *f, int c, const char *arg)
{
	switch (c) {
	case 'h':
		ads_usage(f->usage, 0);
		/* NOTREACHED */
	case 'l':
		if (*arg == '\0')
			ads_die(ADS_USAGE, "-l needs a language code");
		f->lopt = arg;
		return 1;
	case 'n':
		f->limit = ads_optnum("-n", arg, 1, ADS_FETCH_LIMIT_MAX);
		f->nset = 1;
		return 1;
	case 'p':
		f->planpath = arg;
		return 1;
	case 'q':
		if (*arg == '\0')
			ads_die(ADS_USAGE, "-q needs a query");
		f->qopt = arg;
		return 1;
	case 'u':
		ads_out_unbuffered(ads_out_stdout(), 1);
		return 1;
	case 'V':
		ads_version();
		/* NOTREACHED */
	default:
		return 0;
	}
}

static char **
strv1(const char *s, size_t *n)
{
	char **v = xcalloc(2, sizeof(*v));

	v[0] = xstrdup(s);
	*n = 1;
	return v;
}

/* getstrv -- obj[key] as a string vector, a lone string as one. */
static char **
getstrv(jv obj, const char *key, size_t *n)
{
	jv v = ads_json_get(obj, key);
	char **r = NULL;

	*n = 0;
	if (jv_get_kind(v) == JV_KIND_STRING)
		r = strv1(jv_string_value(v), n);
	else if (jv_get_kind(v) == JV_KIND_ARRAY) {
		r = ads_json_strv(v, n);
		if (*n == 0) {
			ads_strv_free(r);
			r = NULL;
		}
	}
	jv_free(v);
	return r;
}

static void
readplan(struct ads_fetch *f)
{
	jv plan, sources;

	plan = ads_plan_read(f->planpath);
	sources = ads_json_get(plan, "sources");
	f->section = ads_json_get(sources, f->source);
	jv_free(sources);
	if (jv_get_kind(f->section) != JV_KIND_OBJECT) {
		jv_free(f->section);
		f->section = jv_null();
	}
	f->plan = plan;
}

int
ads_fetch_start(struct ads_fetch *f, int argc, char **argv)
{
	double d;

	(void)argv;
	if (argc > 0 || (f->planpath == NULL) == (f->qopt == NULL))
		ads_usage(f->usage, ADS_USAGE);
	ads_progress_init(f->source);
	ads_now_rfc3339(f->retrieved, sizeof(f->retrieved));
	if (f->lopt != NULL)
		f->langs = ads_strv_split(f->lopt, &f->nlangs);
	if (f->qopt != NULL) {
		f->queries = strv1(f->qopt, &f->nqueries);
	} else {
		readplan(f);
		if (jv_get_kind(f->section) != JV_KIND_OBJECT)
			return 1;
		f->queries = getstrv(f->section, "queries", &f->nqueries);
		if (f->queries == NULL) {
			/* Fall back to the plan's keywords. */
			f->queries = getstrv(f->plan, "keywords",
			    &f->nqueries);
		}
		if (!f->nset && ads_json_num(f->section, "limit", &d) == 0 &&
		    d >= 1)
			f->limit = d > ADS_FETCH_LIMIT_MAX ?
			    ADS_FETCH_LIMIT_MAX : (long long)d;
		if (f->langs == NULL)
			f->langs = getstrv(f->section, "lang", &f->nlangs);
		if (f->langs == NULL)
			f->langs = getstrv(f->plan, "languages", &f->nlangs);
	}
	if (f->queries == NULL)
		f->queries = xcalloc(1, sizeof(*f->queries));
	if (f->langs == NULL)
		f->langs = strv1("en", &f->nlangs);
	ads_progress("searching", 0, f->limit);
	return 0;
}

int
ads_fetch_args(struct ads_fetch *f, int argc, char **argv)
{
	static const struct option lopts[] = {
		ADS_FETCH_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};

	while (ads_fetch_getopt(f, argc, argv, ADS_FETCH_OPTS, lopts) != -1)
		ads_usage(f->usage, ADS_USAGE);
	return ads_fetch_start(f, argc - optind, argv + optind);
}

int
ads_fetch_getopt(struct ads_fetch *f, int argc, char **argv,
    const char *opts, const struct option *lopts)
{
	int c;

	while ((c = getopt_long(argc, argv, opts, lopts, NULL)) != -1) {
		if (c == '?')
			ads_usage(f->usage, ADS_USAGE);
		if (!ads_fetch_opt(f, c, optarg))
			return c;
	}
	return -1;
}

jv
ads_fetch_get(const struct ads_fetch *f, const char *key)
{
	return ads_json_get(f->section, key);
}

char **
ads_fetch_strv(const struct ads_fetch *f, const char *key, size_t *n)
{
	return getstrv(f->section, key, n);
}

int
ads_fetch_bylang(const struct ads_fetch *f)
{
	jv by;
	int r;

	if (f->qopt != NULL)
		return 0;
	by = ads_json_get(f->section, "queries_by_lang");
	r = jv_get_kind(by) == JV_KIND_OBJECT;
	jv_free(by);
	return r;
}

/* copystrv -- a copy of the n strings of v. */
static char **
copystrv(char *const *v, size_t n)
{
	char **r = xcalloc(n + 1, sizeof(*r));
	size_t i;

	for (i = 0; i < n; i++)
		r[i] = xstrdup(v[i]);
	return r;
}

/*
 * nonempty -- the non-empty strings of v (a string or an array,
 * borrowed), or NULL when there is none.
 */
static char **
nonempty(jv v, size_t *n)
{
	char **r = NULL;
	const char *s;
	size_t k = 0;

	if (jv_get_kind(v) == JV_KIND_STRING)
		v = jv_array_append(jv_array(), jv_copy(v));
	else if (jv_get_kind(v) == JV_KIND_ARRAY)
		v = jv_copy(v);
	else
		return NULL;
	jv_array_foreach(v, i, x) {
		(void)i;
		s = jv_get_kind(x) == JV_KIND_STRING ? jv_string_value(x) :
		    "";
		if (*s != '\0') {
			r = xreallocarray(r, k + 2, sizeof(*r));
			r[k++] = xstrdup(s);
			r[k] = NULL;
		}
		jv_free(x);
	}
	jv_free(v);
	*n = k;
	return r;
}

char **
ads_fetch_langq(const struct ads_fetch *f, const char *lang, size_t *n)
{
	char **r = NULL;
	jv by;

	if (ads_fetch_bylang(f)) {
		by = ads_json_get(f->section, "queries_by_lang");
		jv_object_foreach(by, key, val) {
			if (r == NULL && strcasecmp(jv_string_value(key),
			    lang) == 0)
				r = nonempty(val, n);
			jv_free(key);
			jv_free(val);
		}
		jv_free(by);
	}
	if (r == NULL) {
		r = copystrv(f->queries, f->nqueries);
		*n = f->nqueries;
	}
	return r;
}

static unsigned long long
idhash(const char *id)
{
	unsigned long long v = ads_hash64(id, strlen(id), 0x61647366ULL);

	return v != 0 ? v : 1;
}

int
ads_fetch_seen(const struct ads_fetch *f, const char *id)
{
	unsigned long long v = idhash(id);
	size_t i;

	if (f->idcap == 0)
		return 0;
	for (i = v & (f->idcap - 1); f->ids[i] != 0; i = (i + 1) &
	    (f->idcap - 1))
		if (f->ids[i] == v)
			return 1;
	return 0;
}

static void
idadd(struct ads_fetch *f, const char *id)
{
	unsigned long long v = idhash(id), *old;
	size_t i, j, oldcap;

	if ((f->idlen + 1) * 2 > f->idcap) {
		old = f->ids;
		oldcap = f->idcap;
		f->idcap = oldcap != 0 ? oldcap * 2 : 256;
		f->ids = xcalloc(f->idcap, sizeof(*f->ids));
		for (j = 0; j < oldcap; j++) {
			if (old[j] == 0)
				continue;
			for (i = old[j] & (f->idcap - 1); f->ids[i] != 0;
			    i = (i + 1) & (f->idcap - 1))
				;
			f->ids[i] = old[j];
		}
		free(old);
	}
	for (i = v & (f->idcap - 1); f->ids[i] != 0; i = (i + 1) &
	    (f->idcap - 1))
		if (f->ids[i] == v)
			return;
	f->ids[i] = v;
	f->idlen++;
}

int
ads_fetch_full(const struct ads_fetch *f)
{
	return f->nout >= f->limit;
}

int
ads_fetch_emit(struct ads_fetch *f, jv rec)
{
	static const char *const order[] = {
		"id", "source", "text", "title", "url", "lang", "license",
		"created", "retrieved", "query", "label", "label_source",
		"label_score", "question", "context", "answer", "document",
		"summary", "translation", "messages", "tokens", "tags",
		"prompt", "code", "context_id", "meta", NULL
	};
	const char *id;
	const char *const *k;
	jv out, v;

	id = ads_json_str(rec, "id", NULL);
	if (id == NULL || ads_fetch_full(f)) {
		jv_free(rec);
		return 0;
	}
	if (ads_fetch_seen(f, id)) {
		f->ndup++;
		jv_free(rec);
		return 0;
	}
	idadd(f, id);
	if (!ads_json_has(rec, "source"))
		rec = ads_json_set(rec, "source", jv_string(f->source));
	if (!ads_json_has(rec, "retrieved"))
		rec = ads_json_set(rec, "retrieved", jv_string(f->retrieved));
	if (!ads_json_has(rec, "query") && f->query != NULL)
		rec = ads_json_set(rec, "query", jv_string(f->query));
	out = jv_object();
	for (k = order; *k != NULL; k++) {
		v = ads_json_get(rec, *k);
		if (jv_get_kind(v) != JV_KIND_NULL)
			out = jv_object_set(out, jv_string(*k), v);
		else
			jv_free(v);
	}
	jv_object_foreach(rec, key, val) {
		for (k = order; *k != NULL; k++)
			if (strcmp(*k, jv_string_value(key)) == 0)
				break;
		if (*k == NULL)
			out = jv_object_set(out, key, val);
		else {
			jv_free(key);
			jv_free(val);
		}
	}
	jv_free(rec);
	ads_out_record(ads_out_stdout(), out);
	/*
	 * Each record reaches the output at once: a fetcher killed while
	 * it waits on the network keeps what it had fetched.
	 */
	ads_out_flush(ads_out_stdout());
	f->nout++;
	ads_progress("collecting", f->nout, f->limit);
	return 1;
}

long long
ads_fetch_emitall(struct ads_fetch *f, jv a)
{
	long long got = 0;

	jv_array_foreach(a, i, rec) {
		if (ads_fetch_full(f)) {
			jv_free(rec);
			break;
		}
		got += ads_fetch_emit(f, rec);
	}
	jv_free(a);
	return got;
}

void
ads_fetch_drop(struct ads_fetch *f, const char *reason)
{
	f->dropped = ads_fetch_count(f->dropped, reason);
}

/* lostjson -- f's lost items by reason, as a new object. */
static jv
lostjson(const struct ads_fetch *f)
{
	return jv_get_kind(f->lost) == JV_KIND_OBJECT ? jv_copy(f->lost) :
	    jv_object();
}

void
ads_fetch_lost(struct ads_fetch *f, const char *reason)
{
	f->lost = ads_fetch_count(f->lost, reason);
	f->nlost++;
	ads_progress_emit("collecting", f->nout, f->limit,
	    ads_json_set(jv_object(), "skipped", lostjson(f)));
}

/*
 * lostline -- "; skipped 16 items: malformed 16" for the summary, or
 * "" when nothing was lost.  Caller frees.
 */
static char *
lostline(const struct ads_fetch *f)
{
	char *counts, *r;
	jv l;

	if (f->nlost == 0)
		return xstrdup("");
	l = lostjson(f);
	counts = ads_fetch_counts(l);
	jv_free(l);
	r = xasprintf("; skipped %lld item%s%s%s", f->nlost,
	    f->nlost == 1 ? "" : "s", *counts != '\0' ? ": " : "", counts);
	free(counts);
	return r;
}

/* maxloss -- the share of items a source may lose, in percent. */
static double
maxloss(void)
{
	const char *s = ads_getenv_nonempty("ADS_FETCH_MAX_LOSS");
	char *end;
	double d;

	if (s == NULL)
		return ADS_FETCH_MAX_LOSS;
	d = strtod(s, &end);
	if (end == s || *end != '\0' || !(d >= 0 && d <= 100)) {
		ads_warn("ADS_FETCH_MAX_LOSS: ignoring bad value: %s", s);
		return ADS_FETCH_MAX_LOSS;
	}
	return d;
}

void
ads_fetch_fail(struct ads_fetch *f, const char *fmt, ...)
{
	va_list ap;
	char buf[2048], *p;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One line, whatever the server put in its message. */
	for (p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	ads_warn("%s", buf);
	f->nfail++;
	ads_raise(ADS_REMOTE);
}

void
ads_fetch_free(struct ads_fetch *f)
{
	ads_strv_free(f->queries);
	ads_strv_free(f->langs);
	f->queries = NULL;
	f->langs = NULL;
	jv_free(f->plan);
	jv_free(f->section);
	f->plan = jv_null();
	f->section = jv_null();
	free(f->ids);
	f->ids = NULL;
	f->idcap = f->idlen = 0;
	jv_free(f->dropped);
	f->dropped = jv_null();
	jv_free(f->lost);
	f->lost = jv_null();
}

int
ads_fetch_skip(struct ads_fetch *f, const char *reason)
{
	if (reason == NULL)
		reason = "not in the plan";
	ads_warn("%s; skipping %s", reason, f->source);
	ads_progress_emit("skipped", 0, f->limit, jv_object_set(jv_object(),
	    jv_string("reason"), jv_string(reason)));
	ads_progress_close();
	ads_out_close_stdout();
	ads_fetch_free(f);
	return ads_level();
}

int
ads_fetch_finish(struct ads_fetch *f, struct ads_http *h)
{
	struct ads_http_stats st;
	char *ll;
	double share;
	jv extra;

	memset(&st, 0, sizeof(st));
	if (h != NULL)
		ads_http_stats(h, &st);
	ads_out_close_stdout();
	if (st.failed > 0 || f->nfail > 0)
		ads_raise(ADS_REMOTE);
	ll = lostline(f);
	ads_warn("%lld records, %ld requests (%ld cached, %ld retried, "
	    "%ld failed)%s", f->nout, st.requests, st.cached, st.retries,
	    st.failed > f->nfail ? st.failed : (long)f->nfail, ll);
	free(ll);
	share = maxloss();
	if (f->nlost > 0 && (double)f->nlost * 100 > share *
	    (double)(f->nlost + f->nout)) {
		ads_warn("lost %lld of %lld items (%.0f%%), more than the "
		    "%g%% allowed (ADS_FETCH_MAX_LOSS)", f->nlost,
		    f->nlost + f->nout, 100.0 * (double)f->nlost /
		    (double)(f->nlost + f->nout), share);
		ads_raise(ADS_REMOTE);
	}
	extra = jv_object();
	extra = ads_json_set(extra, "in", jv_number(f->nout));
	extra = ads_json_set(extra, "out", jv_number(f->nout));
	extra = ads_json_set(extra, "dropped",
	    jv_object_merge(ads_json_set(jv_object(), "duplicate",
	    jv_number(f->ndup)), jv_get_kind(f->dropped) == JV_KIND_OBJECT ?
	    jv_copy(f->dropped) : jv_object()));
	extra = ads_json_set(extra, "skipped", lostjson(f));
	extra = ads_json_set(extra, "requests", jv_number(st.requests));
	extra = ads_json_set(extra, "retries", jv_number(st.retries));
	extra = ads_json_set(extra, "cached", jv_number(st.cached));
	extra = ads_json_set(extra, "failed",
	    jv_number(st.failed > f->nfail ? st.failed : f->nfail));
	ads_progress_emit("done", f->nout, f->limit, extra);
	ads_progress_close();
	ads_http_free(h);
	ads_fetch_free(f);
	return ads_level();
}

void
ads_fetch_httpopts(struct ads_http_opts *o, const char *source, int conns,
    double interval, const char *env, double max)
{
	const char *s = env != NULL ? ads_getenv_nonempty(env) : NULL;

	memset(o, 0, sizeof(*o));
	o->source = source;
	o->max_conns = conns;
	o->min_interval = s != NULL ? ads_optdouble(env, s, 0, max) :
	    interval;
}

long long
ads_fetch_share(long long left, size_t n)
{
	return (left + (long long)n - 1) / (long long)n;
}

jv
ads_fetch_count(jv obj, const char *reason)
{
	double n = 0;

	if (jv_get_kind(obj) != JV_KIND_OBJECT) {
		jv_free(obj);
		obj = jv_object();
	}
	ads_json_num(obj, reason, &n);
	return ads_json_set(obj, reason, jv_number(n + 1));
}

char *
ads_fetch_counts(jv obj)
{
	struct ads_buf b = ADS_BUF_INIT;

	jv_object_foreach(obj, k, v) {
		ads_buf_addf(&b, "%s%s %.0f", b.len > 0 ? ", " : "",
		    jv_string_value(k), jv_number_value(v));
		jv_free(k);
		jv_free(v);
	}
	return ads_buf_detach(&b, NULL);
}

void
ads_fetch_wipe(char *s)
{
	if (s != NULL)
		memset(s, 0, strlen(s));
	free(s);
}

jv
ads_fetch_copy(jv dst, const char *dk, jv src, const char *sk, jv_kind kind)
{
	jv v = ads_json_get(src, sk);

	if (jv_get_kind(v) == kind)
		return ads_json_set(dst, dk, v);
	jv_free(v);
	return dst;
}

jv
ads_fetch_keep(jv dst, jv src, const char *const *keys)
{
	for (; *keys != NULL; keys++)
		dst = ads_fetch_copy(dst, *keys, src, *keys, JV_KIND_STRING);
	return dst;
}

jv
ads_fetch_squeeze(const char *s, size_t n)
{
	struct ads_buf b = ADS_BUF_INIT;
	size_t i;
	int sp = 0;
	jv r;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			sp = 1;
			continue;
		}
		if (sp && b.len > 0)
			ads_buf_addc(&b, ' ');
		sp = 0;
		ads_buf_addc(&b, (char)c);
	}
	r = jv_string_sized(b.len > 0 ? b.p : "", (int)b.len);
	ads_buf_free(&b);
	return r;
}

long long
ads_fetch_pages(struct ads_fetch *f, struct ads_http *h,
    const struct ads_fetch_pager *p, void *ctx, long long quota)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	long long got = 0, before;
	long nitems;
	char *url;
	int k, stale = 0;
	jv recs;

	while (got < quota && !ads_fetch_full(f) && (url = p->url(ctx)) !=
	    NULL) {
		memset(&req, 0, sizeof(req));
		req.url = url;
		req.secret_headers = p->secret_headers;
		if (ads_http_do(h, &req, &resp) == -1) {
			ads_fetch_fail(f, "query \"%s\": %s", f->query,
			    resp.err);
			ads_http_resp_free(&resp);
			free(url);
			break;
		}
		free(url);
		recs = jv_invalid();
		nitems = 0;
		k = p->page(ctx, f, &resp, &recs, &nitems);
		ads_http_resp_free(&resp);
		if (k < 0) {
			jv_free(recs);
			break;
		}
		before = got;
		if (jv_get_kind(recs) == JV_KIND_ARRAY)
			jv_array_foreach(recs, i, x) {
				if (got < quota)
					got += ads_fetch_emit(f, x);
				else
					jv_free(x);
				(void)i;
			}
		jv_free(recs);
		stale = got > before || nitems == 0 ? 0 : stale + 1;
		if (k == 1 || nitems == 0)
			break;
		if (p->maxstale > 0 && stale >= p->maxstale) {
			ads_warn("query \"%s\": %d pages in a row brought no "
			    "new record; stopping", f->query, stale);
			break;
		}
	}
	return got;
}

/* member -- the string member k1 of v, else k2 (when not NULL). */
static const char *
member(jv v, const char *k1, const char *k2)
{
	const char *m = ads_json_str(v, k1, NULL);

	return m == NULL && k2 != NULL ? ads_json_str(v, k2, NULL) : m;
}

const char *
ads_fetch_errtext(const char *body, size_t n, const char *k1,
    const char *k2, char *buf, size_t len)
{
	const char *m;
	jv root;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (body == NULL)
		return buf;
	root = ads_json_parse(body, n);
	if ((m = member(root, k1, k2)) != NULL)
		snprintf(buf, len, "%s", m);
	else
		snprintf(buf, len, "%.*s", (int)strcspn(body, "\r\n"), body);
	jv_free(root);
	return buf;
}

void
ads_fetch_errline(const struct ads_http_resp *r, const char *k1,
    const char *k2, char *buf, size_t len)
{
	const char *m;
	jv v;

	if (r->status == 0) {
		snprintf(buf, len, "%s", r->err);
		return;
	}
	v = ads_json_parse(r->body != NULL ? r->body : "", r->len);
	m = member(v, k1, k2);
	snprintf(buf, len, "HTTP %ld%s%.200s", r->status, m != NULL ? ": " :
	    "", m != NULL ? m : "");
	jv_free(v);
}
