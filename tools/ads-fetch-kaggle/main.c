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

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/labels.h"
#include "../../common/util.h"
#include "kaggle.h"
#include "ads-fetch-kaggle-help.h"

#define USAGE "ads-fetch-kaggle [-Su] [-l lang[,lang ...]] [-M megabytes]\n" \
	"[-n limit] [-p plan.json | -q query]"

#define SITE		"https://www.kaggle.com"
#define MAXPAGES	50	/* 20 datasets a page */
#define MAXFILES	10	/* files read per dataset */
#define MAXMB		64	/* -M default: the largest file read, MB */

struct kaggle {
	struct ads_fetch	 f;
	struct ads_http		*h;
	const char		*base;		/* ADS_KAGGLE_URL */
	char			*userpwd;	/* "user:key" */
	int			 summary;	/* -S */
	struct ads_task		 task;		/* the plan's task: rows mode */
	size_t			 maxbytes;	/* -M: largest file read */
	jv			 skips;		/* reason -> datasets skipped */
	long			 nskipped;
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

/*
 * get -- one request, its body read up to maxbytes (0: the default).
 * Returns 0 on an HTTP 200.
 */
static int
get(struct kaggle *k, const char *url, size_t maxbytes,
    struct ads_http_resp *resp)
{
	struct ads_http_req q;

	memset(&q, 0, sizeof(q));
	memset(resp, 0, sizeof(*resp));
	q.url = url;
	q.userpwd = k->userpwd;
	q.maxbytes = maxbytes;
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
	char *url, *d, *o, *oe, *e, *slash, msg[300];
	jv meta;

	meta = ads_json_get(rec, "meta");
	ref = ads_json_str(meta, "ref", NULL);
	slash = ref != NULL ? strchr(ref, '/') : NULL;
	if (slash == NULL) {
		jv_free(meta);
		return rec;
	}
	o = xstrndup(ref, (size_t)(slash - ref));
	oe = ads_http_escape(o);
	e = ads_http_escape(slash + 1);
	url = xasprintf("%s/api/v1/datasets/metadata/%s/%s", k->base, oe, e);
	free(oe);
	free(o);
	free(e);
	if (get(k, url, 0, &resp) == 0) {
		d = kaggle_description(resp.body, resp.len);
		if (d != NULL)
			rec = kaggle_text(rec, d);
		free(d);
	} else if (resp.status != 404) {
		ads_fetch_errline(&resp, "message", "errorMessage", msg,
		    sizeof(msg));
		ads_fetch_fail(&k->f, "dataset %s: metadata: %s", ref, msg);
	}
	ads_http_resp_free(&resp);
	free(url);
	jv_free(meta);
	return rec;
}

/* skipped -- a dataset or file not used, said and counted by reason. */
static void
skipped(struct kaggle *k, const char *what, const char *reason,
    const char *why)
{
	ads_warn("dataset %s: %s; skipping it", what, why);
	k->skips = ads_fetch_count(k->skips, reason);
	k->nskipped++;
}

/* emit -- kaggle_table's records and drops into the fetch skeleton. */
static int
emit(void *arg, jv rec, const char *drop)
{
	struct kaggle *k = arg;

	if (jv_get_kind(rec) != JV_KIND_OBJECT) {
		jv_free(rec);
		ads_fetch_drop(&k->f, drop);
	} else
		ads_fetch_emit(&k->f, rec);
	return ads_fetch_full(&k->f);
}

/* zipped -- the answer is a zip archive, not the file itself. */
static int
zipped(const struct ads_http_resp *r)
{
	char buf[128];
	const char *ct = ads_http_header(r, "Content-Type", buf, sizeof(buf));

	return (r->len >= 4 && memcmp(r->body, "PK\003\004", 4) == 0) ||
	    (ct != NULL && strstr(ct, "zip") != NULL);
}

/* readfile -- the rows of one file of dataset rec; 1 when any fit. */
static int
readfile(struct kaggle *k, jv rec, const char *ref, const char *owner,
    const char *slug, jv file, char *why, size_t len)
{
	struct ads_http_resp resp;
	const char *name = ads_json_str(file, "name", NULL);
	char *url, *eo, *es, *ef, msg[300], *member = NULL, *data;
	size_t dlen;
	double size = -1;
	long got;
	jv base;

	ads_json_num(file, "size", &size);
	if (name == NULL || !kaggle_readable(name)) {
		snprintf(why, len, "no CSV or JSON file");
		return 0;
	}
	if (size > (double)k->maxbytes) {
		snprintf(why, len, "%s: %.0f bytes, over the -M cap of %zu",
		    name, size, k->maxbytes);
		return 0;
	}
	eo = ads_http_escape(owner);
	es = ads_http_escape(slug);
	ef = ads_http_escape(name);
	url = xasprintf("%s/api/v1/datasets/download/%s/%s/%s", k->base, eo,
	    es, ef);
	free(eo);
	free(es);
	free(ef);
	(void)get(k, url, k->maxbytes, &resp);
	free(url);
	if (resp.status != 200) {
		ads_fetch_errline(&resp, "message", "errorMessage", msg,
		    sizeof(msg));
		if (resp.status == 0 || resp.status >= 500 ||
		    resp.status == 429)
			ads_fetch_fail(&k->f, "dataset %s: %s: %s", ref, name,
			    msg);
		snprintf(why, len, "%s: %s", name, msg);
		ads_http_resp_free(&resp);
		return 0;
	}
	if (zipped(&resp)) {
		/* Kaggle zips larger files: read the member inside. */
		if (kaggle_unzip(resp.body, resp.len, k->maxbytes, &member,
		    &data, &dlen, msg, sizeof(msg)) != 0) {
			snprintf(why, len, "%s: a zip archive: %s", name, msg);
			ads_http_resp_free(&resp);
			return 0;
		}
		ads_http_resp_free(&resp);
		name = member;
	} else {
		data = resp.body;
		dlen = resp.len;
		resp.body = NULL;
		resp.len = 0;
		ads_http_resp_free(&resp);
	}
	base = jv_object();
	base = ads_json_set(base, "title", ads_json_get(rec, "title"));
	base = ads_json_set(base, "url", ads_json_get(rec, "url"));
	if (ads_json_has(rec, "license"))
		base = ads_json_set(base, "license",
		    ads_json_get(rec, "license"));
	if (ads_json_has(rec, "created"))
		base = ads_json_set(base, "created",
		    ads_json_get(rec, "created"));
	got = kaggle_table(&k->task, ref, name, data, dlen, base, emit, k,
	    msg, sizeof(msg));
	jv_free(base);
	free(data);
	if (got < 0) {
		snprintf(why, len, "%s: %s", name, msg);
		free(member);
		return 0;
	}
	free(member);
	return 1;
}

/*
 * readrows -- rows mode: the files of the dataset behind list record
 * rec (consumed), within the license and size rules, through the
 * plan's columns and labels.
 */
static void
readrows(struct kaggle *k, jv rec)
{
	struct ads_http_resp resp;
	jv meta, files, notes;
	const char *ref, *lic, *slash;
	char *owner, *slug, *url, *eo, *es, why[400], msg[300];
	int used = 0;

	meta = ads_json_get(rec, "meta");
	ref = ads_json_str(meta, "ref", NULL);
	slash = ref != NULL ? strchr(ref, '/') : NULL;
	if (slash == NULL || slash == ref || slash[1] == '\0') {
		jv_free(meta);
		jv_free(rec);
		return;
	}
	lic = ads_json_str(meta, "license_name", NULL);
	if (!kaggle_reusable(lic)) {
		snprintf(why, sizeof(why), "license \"%s\" does not allow its "
		    "rows to be copied", lic != NULL ? lic : "none");
		skipped(k, ref, "license", why);
		jv_free(meta);
		jv_free(rec);
		return;
	}
	owner = xstrndup(ref, (size_t)(slash - ref));
	slug = xstrdup(slash + 1);
	eo = ads_http_escape(owner);
	es = ads_http_escape(slug);
	url = xasprintf("%s/api/v1/datasets/list/%s/%s", k->base, eo, es);
	free(eo);
	free(es);
	if (get(k, url, 0, &resp) != 0) {
		ads_fetch_errline(&resp, "message", "errorMessage", msg,
		    sizeof(msg));
		if (resp.status == 0 || resp.status >= 500 ||
		    resp.status == 429)
			ads_fetch_fail(&k->f, "dataset %s: files: %s", ref,
			    msg);
		else
			skipped(k, ref, "unreadable", msg);
		goto out;
	}
	files = kaggle_files(resp.body, resp.len);
	if (!jv_is_valid(files)) {
		jv m = jv_invalid_get_msg(files);

		snprintf(why, sizeof(why), "files: %s",
		    jv_get_kind(m) == JV_KIND_STRING ? jv_string_value(m) :
		    "invalid answer");
		jv_free(m);
		skipped(k, ref, "unreadable", why);
		goto out;
	}
	snprintf(why, sizeof(why), "no CSV or JSON file");
	notes = jv_array();
	jv_array_foreach(files, i, f) {
		char w[400];

		if (i >= MAXFILES || ads_fetch_full(&k->f)) {
			jv_free(f);
			break;
		}
		w[0] = '\0';
		if (readfile(k, rec, ref, owner, slug, f, w, sizeof(w)))
			used++;
		else if (w[0] != '\0' && strcmp(w, "no CSV or JSON file") != 0) {
			/* The first reason that says more than the type. */
			if (strcmp(why, "no CSV or JSON file") == 0)
				snprintf(why, sizeof(why), "%s", w);
			notes = jv_array_append(notes, jv_string(w));
		}
		jv_free(f);
	}
	/* Files left out of a dataset that gave rows. */
	if (used > 0)
		jv_array_foreach(notes, j, w) {
			(void)j;
			ads_warn("dataset %s: file %s; skipping the file", ref,
			    jv_string_value(w));
			jv_free(w);
		}
	jv_free(notes);
	jv_free(files);
	if (used == 0 && !ads_fetch_full(&k->f))
		skipped(k, ref, strncmp(why, "no CSV", 6) == 0 ? "files" :
		    strstr(why, "labels of") != NULL ? "labels" :
		    strstr(why, "zip") != NULL ? "zipped" :
		    strstr(why, "-M cap") != NULL ? "too_large" : "columns", why);
out:
	ads_http_resp_free(&resp);
	free(url);
	free(owner);
	free(slug);
	jv_free(meta);
	jv_free(rec);
}

static void
search(struct kaggle *k, const char *query)
{
	struct ads_http_resp resp;
	char *url, *e, msg[300];
	int page, n;
	long bad;
	jv got, meta;

	e = ads_http_escape(query);
	for (page = 1; page <= MAXPAGES && !ads_fetch_full(&k->f); page++) {
		url = xasprintf("%s/api/v1/datasets/list?search=%s&page=%d",
		    k->base, e, page);
		if (get(k, url, 0, &resp) != 0) {
			ads_fetch_errline(&resp, "message", "errorMessage",
			    msg, sizeof(msg));
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
		jv_array_foreach(got, i, rec) {
			if (ads_fetch_full(&k->f)) {
				jv_free(rec);
				break;
			}
			if (ads_fetch_seen(&k->f, ads_json_str(rec, "id",
			    NULL))) {
				jv_free(rec);
				continue;
			}
			meta = ads_json_get(rec, "meta");
			/* Only the title and subtitle: ask for the rest. */
			if (!k->summary && k->task.kind == ADS_TASK_NONE) {
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
			if (k->task.kind != ADS_TASK_NONE)
				readrows(k, rec);
			else
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
		{ "max-file",	required_argument,	NULL,	'M' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct kaggle k;
	char *counts;
	size_t i;
	int c, rc;

	ads_setprogname(argv[0]);
	memset(&k, 0, sizeof(k));
	ads_fetch_init(&k.f, "kaggle", USAGE);
	k.maxbytes = (size_t)MAXMB * 1024 * 1024;
	k.skips = jv_object();
	while ((c = ads_fetch_getopt(&k.f, argc, argv, ADS_FETCH_OPTS "M:S",
	    lopts)) != -1) {
		switch (c) {
		case 'S':
			k.summary = 1;
			break;
		case 'M':
			k.maxbytes = (size_t)ads_optnum("-M", optarg, 1,
			    4096) * 1024 * 1024;
			break;
		}
	}
	if (ads_fetch_start(&k.f, argc - optind, argv + optind) != 0) {
		jv_free(k.skips);
		return ads_fetch_skip(&k.f, NULL);
	}
	ads_task_plan(k.f.plan, &k.task);
	k.userpwd = credentials();
	if (k.userpwd == NULL || k.f.nqueries == 0) {
		const char *why = k.userpwd == NULL ? "KAGGLE_USERNAME/"
		    "KAGGLE_KEY are not set and there is no kaggle.json" :
		    "no queries";

		free(k.userpwd);
		ads_task_free(&k.task);
		jv_free(k.skips);
		return ads_fetch_skip(&k.f, why);
	}
	k.base = ads_http_base("ADS_KAGGLE_URL", SITE);
	ads_fetch_httpopts(&o, "kaggle", 1, 1.0, "ADS_KAGGLE_INTERVAL", 3600);
	k.h = ads_http_new(&o);
	for (i = 0; i < k.f.nqueries && !ads_fetch_full(&k.f); i++) {
		k.f.query = k.f.queries[i];
		search(&k, k.f.query);
	}
	if (k.nskipped > 0) {
		counts = ads_fetch_counts(k.skips);
		ads_warn("%ld datasets could not be used (%s)", k.nskipped,
		    counts);
		free(counts);
	}
	/* Wipe the key before freeing it. */
	ads_fetch_wipe(k.userpwd);
	rc = ads_fetch_finish(&k.f, k.h);
	ads_task_free(&k.task);
	jv_free(k.skips);
	return rc;
}
