/*
 * ads-fetch-huggingface -- real rows of Hugging Face datasets as records
 *
 * For each query: the Hub's dataset search (most downloaded first,
 * filtered by the plan's task category and a lone language, searched
 * again unfiltered when that finds nothing),
 * then, for up to MAXDS matching datasets, the dataset viewer's /splits
 * (first config, train split preferred) and /rows pages of 100, up to
 * PARALLEL pages at once.  The features of the first page choose the
 * text column(s) and the label column, whose ClassLabel names replace
 * the label numbers.
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
#include "../../common/util.h"
#include "hf.h"

#define USAGE	"ads-fetch-huggingface [-u] [-l lang[,lang ...]] [-n limit]\n" \
		"[-p plan.json | -q query]"
#define HUB_DEFAULT	"https://huggingface.co"
#define VIEWER_DEFAULT	"https://datasets-server.huggingface.co"
#define MAXDS		5	/* datasets read per query */
#define SEARCH_LIMIT	20	/* candidates asked of the Hub per query */
#define PAGE		100	/* the viewer's largest /rows length */
#define PARALLEL	4	/* /rows pages fetched at once */

static const char *secrets[2];
static char *authhdr;
static const char *hub, *viewer;
static long long nskipped;

static void
prepare(struct ads_http_req *q, const char *url)
{
	memset(q, 0, sizeof(*q));
	q->url = url;
	q->secret_headers = authhdr != NULL ? secrets : NULL;
	/* A gated or broken dataset stays so: replay it offline. */
	q->cacherefusal = 1;
}

/*
 * check -- sort an answer: 0 for a success, 1 when the dataset cannot
 * be read (4xx or 501: gated, missing, blocked, too many configs;
 * reported, not a failure of this run), -1 for a failure for good
 * (transport, 429 or 5xx after the retries; reported, exit 4).
 */
static int
check(struct ads_fetch *f, const char *ds, const char *what, int rc,
    const struct ads_http_resp *r)
{
	char msg[512];

	if (rc == -1) {
		ads_fetch_fail(f, "dataset %s: %s: %s", ds, what, r->err);
		ads_fetch_lost(f, "failed");
		return -1;
	}
	if (r->status == 200)
		return 0;
	hf_error(r->body, r->len, msg, sizeof(msg));
	/* 4xx and 501: this dataset cannot be read; 5xx: try again later. */
	if ((r->status >= 400 && r->status < 500 && r->status != 429) ||
	    r->status == 501) {
		ads_warn("dataset %s: %s: HTTP %ld: %s; skipping it", ds, what,
		    r->status, msg);
		nskipped++;
		return 1;
	}
	ads_fetch_fail(f, "dataset %s: %s: HTTP %ld: %s", ds, what, r->status,
	    msg);
	ads_fetch_lost(f, "failed");
	return -1;
}

/* langok -- the dataset is in one of the wanted languages, or untagged. */
static int
langok(const struct ads_fetch *f, jv ds)
{
	jv langs = ads_json_get(ds, "langs"), l;
	size_t i;
	int k, n, ok;

	n = jv_get_kind(langs) == JV_KIND_ARRAY ?
	    jv_array_length(jv_copy(langs)) : 0;
	ok = n == 0;
	for (k = 0; k < n && !ok; k++) {
		l = jv_array_get(jv_copy(langs), k);
		for (i = 0; i < f->nlangs; i++)
			if (strcmp(jv_string_value(l), f->langs[i]) == 0)
				ok = 1;
		jv_free(l);
	}
	jv_free(langs);
	return ok;
}

/*
 * readds -- up to quota rows of dataset ds (an object with at least
 * "id"; "config" and "split" when the plan named them), from row *pos
 * on; *pos is left at the first row not read.  Returns the records
 * written.
 */
static long long
readds(struct ads_fetch *f, struct ads_http *h, jv ds, long long quota,
    long *pos)
{
	struct ads_http_req reqs[PARALLEL];
	struct ads_http_resp resps[PARALLEL];
	struct ads_http_resp resp;
	struct hf_columns cols;
	char *url, *eds, *ecfg = NULL, *esp = NULL, *urls[PARALLEL];
	char why[256];
	const char *id = ads_json_str(ds, "id", NULL);
	char *config = NULL, *split = NULL;
	jv pick, feats, rows, rec, row;
	long total = -1, offset = *pos / PAGE * PAGE;
	long long got = 0;
	int i, k, m, n, rc, havecols = 0, done = 0;

	eds = ads_http_escape(id);
	if (ads_json_str(ds, "config", NULL) != NULL &&
	    ads_json_str(ds, "split", NULL) != NULL) {
		config = xstrdup(ads_json_str(ds, "config", NULL));
		split = xstrdup(ads_json_str(ds, "split", NULL));
	} else {
		url = xasprintf("%s/splits?dataset=%s", viewer, eds);
		prepare(&reqs[0], url);
		rc = ads_http_do(h, &reqs[0], &resp);
		free(url);
		if (check(f, id, "splits", rc, &resp) != 0) {
			ads_http_resp_free(&resp);
			free(eds);
			return 0;
		}
		pick = hf_splits(resp.body, resp.len);
		ads_http_resp_free(&resp);
		if (!jv_is_valid(pick)) {
			/* Not "no split": an answer that says nothing. */
			jv msg = jv_invalid_get_msg(pick);

			ads_warn("dataset %s: splits: invalid answer: %.*s; "
			    "skipping it", id, jv_get_kind(msg) ==
			    JV_KIND_STRING ? (int)strcspn(jv_string_value(msg),
			    "(") : 7, jv_get_kind(msg) == JV_KIND_STRING ?
			    jv_string_value(msg) : "unknown");
			jv_free(msg);
			ads_fetch_lost(f, "malformed");
			free(eds);
			return 0;
		}
		if (jv_get_kind(pick) != JV_KIND_OBJECT) {
			ads_warn("dataset %s: no split to read; skipping it", id);
			nskipped++;
			jv_free(pick);
			free(eds);
			return 0;
		}
		config = xstrdup(ads_json_str(pick, "config", NULL));
		split = xstrdup(ads_json_str(pick, "split", NULL));
		jv_free(pick);
	}
	ecfg = ads_http_escape(config);
	esp = ads_http_escape(split);
	memset(&cols, 0, sizeof(cols));
	while (got < quota && !done) {
		/* As many pages as the rows still wanted, PARALLEL at most. */
		m = (int)((quota - got + PAGE - 1) / PAGE);
		if (!havecols || m < 1)
			m = 1;
		if (m > PARALLEL)
			m = PARALLEL;
		for (i = 0; i < m; i++) {
			urls[i] = xasprintf("%s/rows?dataset=%s&config=%s"
			    "&split=%s&offset=%ld&length=%d", viewer, eds, ecfg,
			    esp, offset + (long)i * PAGE, PAGE);
			prepare(&reqs[i], urls[i]);
		}
		ads_http_batch(h, reqs, resps, m);
		for (i = 0; i < m; i++) {
			if (done || got >= quota)
				continue;
			rc = resps[i].status == 0 ? -1 : 0;
			if (check(f, id, "rows", rc, &resps[i]) != 0) {
				done = 1;
				continue;
			}
			if (hf_rows(resps[i].body, resps[i].len, &feats, &rows,
			    &total, why, sizeof(why)) == -1) {
				ads_fetch_fail(f, "dataset %s: rows: %s", id, why);
				ads_fetch_lost(f, "malformed");
				done = 1;
				continue;
			}
			if (!havecols) {
				if (hf_columns(feats, &cols) == -1) {
					ads_warn("dataset %s: no text column; "
					    "skipping it", id);
					nskipped++;
					jv_free(feats);
					jv_free(rows);
					done = 1;
					continue;
				}
				havecols = 1;
			}
			n = jv_array_length(jv_copy(rows));
			for (k = 0; k < n && got < quota; k++) {
				if (offset + k < *pos)
					continue;
				*pos = offset + k + 1;
				row = jv_array_get(jv_copy(rows), k);
				rec = hf_record(row, ds, config, split, &cols);
				jv_free(row);
				if (jv_get_kind(rec) == JV_KIND_OBJECT)
					got += ads_fetch_emit(f, rec);
				else {
					ads_fetch_drop(f, "no_text");
					jv_free(rec);
				}
			}
			jv_free(feats);
			jv_free(rows);
			offset += PAGE;
			if (n < PAGE || (total >= 0 && offset >= total))
				done = 1;
		}
		for (i = 0; i < m; i++) {
			ads_http_resp_free(&resps[i]);
			free(urls[i]);
		}
	}
	if (havecols)
		hf_columns_free(&cols);
	free(eds);
	free(ecfg);
	free(esp);
	free(config);
	free(split);
	return got;
}

/*
 * search -- the Hub's datasets for the current query, best first, with
 * the filter parameters filt ("" or "&filter=..."); *failed is set
 * when the request failed (reported; the list is then empty).
 */
static jv
search(struct ads_fetch *f, struct ads_http *h, const char *filt,
    int *failed)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	char *esc, *url, msg[512];
	jv list;

	*failed = 1;
	esc = ads_http_escape(f->query);
	url = xasprintf("%s/api/datasets?search=%s&limit=%d&full=true"
	    "&sort=downloads&direction=-1%s", hub, esc, SEARCH_LIMIT, filt);
	free(esc);
	prepare(&req, url);
	if (ads_http_do(h, &req, &resp) == -1) {
		ads_fetch_fail(f, "query \"%s\": %s", f->query, resp.err);
		list = jv_array();
	} else if (resp.status != 200) {
		ads_fetch_fail(f, "query \"%s\": HTTP %ld: %s", f->query,
		    resp.status, hf_error(resp.body, resp.len, msg,
		    sizeof(msg)));
		list = jv_array();
	} else {
		*failed = 0;
		list = hf_search(resp.body, resp.len);
		if (!jv_is_valid(list)) {
			jv m = jv_invalid_get_msg(list);

			ads_fetch_fail(f, "query \"%s\": invalid answer: %.*s",
			    f->query, jv_get_kind(m) == JV_KIND_STRING ?
			    (int)strcspn(jv_string_value(m), "(") : 0,
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "");
			jv_free(m);
			list = jv_array();
			*failed = 1;
		}
	}
	ads_http_resp_free(&resp);
	free(url);
	return list;
}

/*
 * filters -- the Hub search filters of the plan: its task_category
 * ("&filter=task_categories:text-classification"), and the language
 * when exactly one was asked for (-l, the section's lang or the plan's
 * languages), since the Hub ANDs its filters.  Caller frees.
 */
static char *
filters(const struct ads_fetch *f)
{
	struct ads_buf b = ADS_BUF_INIT;
	char *esc;
	jv v;
	int asked;

	v = ads_fetch_get(f, "task_category");
	if (jv_get_kind(v) == JV_KIND_STRING &&
	    jv_string_value(v)[0] != '\0') {
		esc = ads_http_escape(jv_string_value(v));
		ads_buf_addf(&b, "&filter=task_categories:%s", esc);
		free(esc);
	}
	jv_free(v);
	asked = f->lopt != NULL || ads_json_has(f->section, "lang") ||
	    ads_json_has(f->plan, "languages");
	if (asked && f->nlangs == 1) {
		esc = ads_http_escape(f->langs[0]);
		ads_buf_addf(&b, "&filter=language:%s", esc);
		free(esc);
	}
	return ads_buf_detach(&b, NULL);
}

/*
 * readlist -- rows from the datasets of list, sharing quota: each of
 * the first MAXDS readable datasets gets a fair share of what is left;
 * then, while rows are still wanted, the datasets that filled their
 * share are read further, from the row where they stopped.
 */
static void
readlist(struct ads_fetch *f, struct ads_http *h, jv list, long long quota,
    int filter)
{
	long long got = 0, share, one, more[MAXDS];
	long pos[MAXDS], p;
	int i, n, used = 0, left, pass;
	jv ds, chosen[MAXDS];

	n = jv_array_length(jv_copy(list));
	for (i = 0; i < n && got < quota && used < MAXDS &&
	    !ads_fetch_full(f); i++) {
		ds = jv_array_get(jv_copy(list), i);
		if (filter && !langok(f, ds)) {
			jv_free(ds);
			continue;
		}
		left = MAXDS - used;
		if (left > n - i)
			left = n - i;
		share = (quota - got + left - 1) / left;
		p = 0;
		one = readds(f, h, ds, share, &p);
		got += one;
		if (one == 0) {
			/* Unreadable: its slot goes to the next dataset. */
			jv_free(ds);
			continue;
		}
		more[used] = one >= share;
		pos[used] = p;
		chosen[used++] = ds;
	}
	for (pass = 0; pass < 3 && got < quota && !ads_fetch_full(f); pass++)
		for (i = 0; i < used && got < quota; i++) {
			if (!more[i])
				continue;
			one = readds(f, h, chosen[i], quota - got, &pos[i]);
			more[i] = one >= quota - got;
			got += one;
		}
	for (i = 0; i < used; i++)
		jv_free(chosen[i]);
}

/* planned -- the plan's "datasets": ids, or {id, config, split}. */
static jv
planned(const struct ads_fetch *f)
{
	jv v = ads_fetch_get(f, "datasets"), out = jv_array(), e;
	int i, n;

	if (jv_get_kind(v) != JV_KIND_ARRAY) {
		jv_free(v);
		jv_free(out);
		return jv_null();
	}
	n = jv_array_length(jv_copy(v));
	for (i = 0; i < n; i++) {
		e = jv_array_get(jv_copy(v), i);
		if (jv_get_kind(e) == JV_KIND_STRING)
			out = jv_array_append(out, jv_object_set(jv_object(),
			    jv_string("id"), e));
		else if (ads_json_str(e, "id", NULL) != NULL)
			out = jv_array_append(out, e);
		else
			jv_free(e);
	}
	jv_free(v);
	return out;
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		ADS_FETCH_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	const char *tok;
	char *filt;
	long long left;
	size_t i;
	int c, failed;
	jv list;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "huggingface", USAGE);
	while ((c = getopt_long(argc, argv, ADS_FETCH_OPTS, lopts,
	    NULL)) != -1) {
		if (ads_fetch_opt(&f, c, optarg))
			continue;
		ads_usage(USAGE, ADS_USAGE);
	}
	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&f, NULL);
	tok = ads_getenv_nonempty("HF_TOKEN");
	if (tok != NULL) {
		authhdr = xasprintf("Authorization: Bearer %s", tok);
		secrets[0] = authhdr;
	}
	hub = ads_http_base("ADS_HF_URL", HUB_DEFAULT);
	viewer = ads_http_base("ADS_HF_VIEWER_URL", VIEWER_DEFAULT);
	memset(&o, 0, sizeof(o));
	o.source = "huggingface";
	o.max_conns = PARALLEL;
	h = ads_http_new(&o);
	list = planned(&f);
	if (jv_get_kind(list) == JV_KIND_ARRAY) {
		/* The plan named the datasets: no search. */
		f.query = f.nqueries > 0 ? f.queries[0] : NULL;
		readlist(&f, h, list, f.limit, 0);
	} else {
		filt = filters(&f);
		for (i = 0; i < f.nqueries && !ads_fetch_full(&f); i++) {
			f.query = f.queries[i];
			left = f.limit - f.nout;
			jv_free(list);
			list = search(&f, h, filt, &failed);
			/*
			 * Datasets without the tags are not found with the
			 * filters: when nothing was, search without them.
			 */
			if (!failed && *filt != '\0' &&
			    jv_array_length(jv_copy(list)) == 0) {
				jv_free(list);
				list = search(&f, h, "", &failed);
			}
			readlist(&f, h, list, (left + (long long)(f.nqueries -
			    i) - 1) / (long long)(f.nqueries - i), 1);
		}
		free(filt);
	}
	jv_free(list);
	if (nskipped > 0)
		ads_warn("%lld datasets could not be read", nskipped);
	if (authhdr != NULL) {
		memset(authhdr, 0, strlen(authhdr));
		free(authhdr);
	}
	return ads_fetch_finish(&f, h);
}
