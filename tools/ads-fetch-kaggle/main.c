/*
 * ads-fetch-kaggle -- dataset descriptions from Kaggle
 *
 * Searches Kaggle's dataset list (GET /api/v1/datasets/list?search=Q
 * &page=N, HTTP Basic with the user name and API key) and writes one
 * record per dataset: title, subtitle and description as text, tags,
 * size, license and votes in meta.  A list entry with an empty
 * description is completed from the dataset's metadata (GET
 * /api/v1/datasets/metadata/OWNER/SLUG) unless -S is given.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"
#include "kaggle.h"

#define USAGE "ads-fetch-kaggle [-Su] [-l lang[,lang ...]] [-n limit]\n" \
	"[-p plan.json | -q query]"

#define SITE		"https://www.kaggle.com"
#define MAXPAGES	50	/* 20 datasets a page */

struct kaggle {
	struct ads_fetch	 f;
	struct ads_http		*h;
	const char		*base;		/* ADS_KAGGLE_URL */
	char			*userpwd;	/* "user:key" */
	int			 summary;	/* -S */
	long			 described;	/* metadata calls that helped */
};

/*
 * credentials -- "user:key" from KAGGLE_USERNAME and KAGGLE_KEY, or from
 * kaggle.json in KAGGLE_CONFIG_DIR or ~/.kaggle; NULL when none.
 */
static char *
credentials(void)
{
	const char *u, *k, *dir, *home;
	struct ads_in *in;
	char *path, *text, *r = NULL;
	size_t len;
	jv v;

	u = ads_getenv_nonempty("KAGGLE_USERNAME");
	k = ads_getenv_nonempty("KAGGLE_KEY");
	if (u != NULL && k != NULL)
		return xasprintf("%s:%s", u, k);
	dir = ads_getenv_nonempty("KAGGLE_CONFIG_DIR");
	home = ads_getenv_nonempty("HOME");
	if (dir != NULL)
		path = xasprintf("%s/kaggle.json", dir);
	else if (home != NULL)
		path = xasprintf("%s/.kaggle/kaggle.json", home);
	else
		return NULL;
	in = ads_in_open(path);
	free(path);
	if (in == NULL)
		return NULL;
	text = ads_in_slurp(in, 65536, &len);
	ads_in_close(in);
	if (text == NULL)
		return NULL;
	v = ads_json_parse(text, len);
	free(text);
	u = ads_json_str(v, "username", NULL);
	k = ads_json_str(v, "key", NULL);
	if (u != NULL && k != NULL && *u != '\0' && *k != '\0')
		r = xasprintf("%s:%s", u, k);
	jv_free(v);
	return r;
}

/* errline -- a one-line reason for a failed request. */
static void
errline(const struct ads_http_resp *r, char *buf, size_t len)
{
	const char *m = NULL;
	jv v;

	if (r->status == 0) {
		snprintf(buf, len, "%s", r->err);
		return;
	}
	v = ads_json_parse(r->body != NULL ? r->body : "", r->len);
	m = ads_json_str(v, "message", NULL);
	if (m == NULL)
		m = ads_json_str(v, "errorMessage", NULL);
	snprintf(buf, len, "HTTP %ld%s%.200s", r->status, m != NULL ? ": " :
	    "", m != NULL ? m : "");
	jv_free(v);
}

static int
get(struct kaggle *k, const char *url, struct ads_http_resp *resp)
{
	struct ads_http_req q;

	memset(&q, 0, sizeof(q));
	memset(resp, 0, sizeof(*resp));
	q.url = url;
	q.userpwd = k->userpwd;
	if (ads_http_do(k->h, &q, resp) != 0 || resp->status != 200)
		return -1;
	return 0;
}

/* describe -- complete rec's text from the dataset's metadata. */
static jv
describe(struct kaggle *k, jv rec)
{
	struct ads_http_resp resp;
	const char *ref;
	char *url, *d, *e, *slash, msg[300];
	jv meta;

	meta = ads_json_get(rec, "meta");
	ref = ads_json_str(meta, "ref", NULL);
	slash = ref != NULL ? strchr(ref, '/') : NULL;
	if (slash == NULL) {
		jv_free(meta);
		return rec;
	}
	e = ads_http_escape(slash + 1);
	{
		char *o = xstrndup(ref, (size_t)(slash - ref));
		char *oe = ads_http_escape(o);

		url = xasprintf("%s/api/v1/datasets/metadata/%s/%s", k->base,
		    oe, e);
		free(oe);
		free(o);
	}
	free(e);
	if (get(k, url, &resp) == 0) {
		d = kaggle_description(resp.body, resp.len);
		if (d != NULL) {
			rec = kaggle_text(rec, d);
			k->described++;
		}
		free(d);
	} else if (resp.status != 404) {
		errline(&resp, msg, sizeof(msg));
		ads_fetch_fail(&k->f, "dataset %s: metadata: %s", ref, msg);
	}
	ads_http_resp_free(&resp);
	free(url);
	jv_free(meta);
	return rec;
}

static void
search(struct kaggle *k, const char *query)
{
	struct ads_http_resp resp;
	char *url, *e, msg[300];
	int page, i, n;
	long bad;
	jv got, rec, meta;

	e = ads_http_escape(query);
	for (page = 1; page <= MAXPAGES && !ads_fetch_full(&k->f); page++) {
		url = xasprintf("%s/api/v1/datasets/list?search=%s&page=%d",
		    k->base, e, page);
		if (get(k, url, &resp) != 0) {
			errline(&resp, msg, sizeof(msg));
			ads_fetch_fail(&k->f, "query \"%s\": %s", query, msg);
			ads_http_resp_free(&resp);
			free(url);
			break;
		}
		free(url);
		got = kaggle_list(resp.body, resp.len, SITE, &bad);
		ads_http_resp_free(&resp);
		if (bad > 0)
			ads_warn("query \"%s\": %ld datasets without a ref or "
			    "a title; skipped", query, bad);
		for (; bad > 0; bad--)
			ads_fetch_lost(&k->f, "malformed");
		if (!jv_is_valid(got)) {
			jv m = jv_invalid_get_msg(got);

			ads_fetch_fail(&k->f, "query \"%s\": %s", query,
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "invalid answer");
			jv_free(m);
			break;
		}
		n = jv_array_length(jv_copy(got));
		for (i = 0; i < n && !ads_fetch_full(&k->f); i++) {
			rec = jv_array_get(jv_copy(got), i);
			if (ads_fetch_seen(&k->f, ads_json_str(rec, "id",
			    NULL))) {
				jv_free(rec);
				continue;
			}
			meta = ads_json_get(rec, "meta");
			/* Only the title and subtitle: ask for the rest. */
			if (!k->summary) {
				const char *t = ads_json_str(rec, "text", NULL);
				const char *ti = ads_json_str(rec, "title", NULL);
				const char *su = ads_json_str(meta, "subtitle",
				    NULL);
				size_t tl = t != NULL ? strlen(t) : 0;
				size_t want = (ti != NULL ? strlen(ti) : 0) +
				    (su != NULL && *su != '\0' ? strlen(su) +
				    2 : 0);

				if (tl <= want)
					rec = describe(k, rec);
			}
			jv_free(meta);
			ads_fetch_emit(&k->f, rec);
		}
		jv_free(got);
		if (n == 0)
			break;
	}
	free(e);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		ADS_FETCH_LONGOPTS,
		{ "summary",	no_argument,		NULL,	'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct kaggle k;
	const char *iv;
	size_t i;
	int c, rc;

	ads_setprogname(argv[0]);
	memset(&k, 0, sizeof(k));
	ads_fetch_init(&k.f, "kaggle", USAGE);
	while ((c = getopt_long(argc, argv, ADS_FETCH_OPTS "S", lopts,
	    NULL)) != -1) {
		if (ads_fetch_opt(&k.f, c, optarg))
			continue;
		switch (c) {
		case 'S':
			k.summary = 1;
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (ads_fetch_start(&k.f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&k.f, NULL);
	k.userpwd = credentials();
	if (k.userpwd == NULL)
		return ads_fetch_skip(&k.f, "KAGGLE_USERNAME/KAGGLE_KEY are "
		    "not set and there is no kaggle.json");
	if (k.f.nqueries == 0) {
		free(k.userpwd);
		return ads_fetch_skip(&k.f, "no queries");
	}
	k.base = ads_http_base("ADS_KAGGLE_URL", SITE);
	memset(&o, 0, sizeof(o));
	o.source = "kaggle";
	o.max_conns = 1;
	o.min_interval = 1.0;
	iv = ads_getenv_nonempty("ADS_KAGGLE_INTERVAL");
	if (iv != NULL)
		o.min_interval = ads_optdouble("ADS_KAGGLE_INTERVAL", iv, 0,
		    3600);
	k.h = ads_http_new(&o);
	for (i = 0; i < k.f.nqueries && !ads_fetch_full(&k.f); i++) {
		k.f.query = k.f.queries[i];
		search(&k, k.f.query);
	}
	/* Wipe the key before freeing it. */
	memset(k.userpwd, 0, strlen(k.userpwd));
	free(k.userpwd);
	rc = ads_fetch_finish(&k.f, k.h);
	return rc;
}
