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
#include "../../common/columns.h"
#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/labels.h"
#include "../../common/util.h"
#include "hf.h"
#include "ads-fetch-huggingface-help.h"

#define USAGE	"ads-fetch-huggingface [-u] [-l lang[,lang ...]] [-n limit]\n" \
		"[-p plan.json | -q query]"
#define HUB_DEFAULT	"https://huggingface.co"
#define VIEWER_DEFAULT	"https://datasets-server.huggingface.co"
#define MAXDS		5	/* datasets read per query */
#define SEARCH_LIMIT	20	/* candidates asked of the Hub per query */
#define PAGE		100	/* the viewer's largest /rows length */
#define PARALLEL	4	/* /rows pages fetched at once */
#define MAXUNITS	16	/* configs and splits read per dataset */

static const char *secrets[2];
static char *authhdr;
static const char *hub, *viewer;
static long long nskipped;
static struct ads_task task;	/* the plan's task and label set */
static jv skips;		/* reason -> datasets skipped */

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
    const struct ads_http_resp *r, int count)
{
	char msg[512];

	if (rc == -1) {
		ads_fetch_fail(f, "dataset %s: %s: %s", ds, what, r->err);
		ads_fetch_lost(f, "failed");
		return -1;
	}
	if (r->status == 200)
		return 0;
	ads_fetch_errtext(r->body, r->len, "error", NULL, msg,
	    sizeof(msg));
	/* 4xx and 501: this dataset cannot be read; 5xx: try again later. */
	if ((r->status >= 400 && r->status < 500 && r->status != 429) ||
	    r->status == 501) {
		const char *k = r->status == 404 || r->status == 422 ? "gone" :
		    r->status == 401 || r->status == 403 ? "gated" :
		    "unreadable";

		ads_warn("dataset %s: %s: HTTP %ld: %s; skipping %s", ds, what,
		    r->status, msg, count ? "it" : "that split");
		if (!count)
			return 1;
		skips = ads_fetch_count(skips, k);
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

/* One dataset being read: where it stands, and how its rows map. */
struct dsread {
	jv		   ds;		/* {id, ...} from the search or plan */
	jv		   units;	/* [{config, split[, features]}] */
	int		   started;	/* units known */
	int		   unit;	/* the unit being read */
	long		   pos;		/* its next row */
	int		   dead;	/* nothing more to read */
	int		   gone;	/* 404/422: the dataset is not there */
	char		  *why;		/* why no unit fits, the first one */
	/* The current unit's mapping (task mode), or hf_columns. */
	int		   fit;
	struct ads_column *cols;
	size_t		   ncols;
	struct ads_colmap  map;
	struct ads_labelmap lm;
	int		   haslm;
	struct hf_columns  old;
	char		  *src;		/* "dataset/labelcolumn" */
};


/* skipped -- count a dataset skipped for reason, said on stderr. */
static void
skipped(const char *id, const char *reason, const char *why)
{
	ads_warn("dataset %s: %s; skipping it", id, why);
	skips = ads_fetch_count(skips, reason);
	nskipped++;
}

static void
dsread_unfit(struct dsread *r)
{
	if (r->cols != NULL)
		ads_columns_free(r->cols, r->ncols);
	r->cols = NULL;
	r->ncols = 0;
	if (r->haslm)
		ads_labelmap_free(&r->lm);
	r->haslm = 0;
	if (r->fit && task.kind == ADS_TASK_NONE)
		hf_columns_free(&r->old);
	r->fit = 0;
	free(r->src);
	r->src = NULL;
}

static void
dsread_free(struct dsread *r)
{
	dsread_unfit(r);
	jv_free(r->ds);
	jv_free(r->units);
	free(r->why);
}

/*
 * labelwhy -- when a ClassLabel column of r's columns holds a scheme
 * that does not map onto the plan's labels, that reason in why.
 */
static void
labelwhy(const struct dsread *r, char *why, size_t len)
{
	struct ads_labelmap lm;
	char w[300];
	size_t i;

	if (task.labels == NULL)
		return;
	for (i = 0; i < r->ncols; i++) {
		if (r->cols[i].type != ADS_CT_CLASSLABEL)
			continue;
		if (ads_labelmap_init(&lm, task.labels, r->cols[i].names,
		    jv_null(), w, sizeof(w)) != 0) {
			snprintf(why, len, "labels of column %s: %s",
			    r->cols[i].name, w);
			ads_labelmap_free(&lm);
			return;
		}
		ads_labelmap_free(&lm);
	}
}

/*
 * settle -- the columns and label mapping of the current unit from its
 * features (and, for a plain label column, the label values of rows).
 * Returns 1 fitting, 0 not fitting (the reason kept in r->why when it
 * is the first), -1 when the rows are needed to tell.
 */
static int
settle(struct dsread *r, jv feats, jv rows)
{
	const char *id = ads_json_str(r->ds, "id", NULL);
	const struct ads_column *lc;
	char why[400];
	jv sample, names;
	int rc;

	dsread_unfit(r);
	why[0] = '\0';
	if (task.kind == ADS_TASK_NONE) {
		if (hf_columns(feats, &r->old) == -1) {
			snprintf(why, sizeof(why), "no text column");
			goto unfit;
		}
		r->src = xasprintf("%s/%s", id, r->old.label != NULL ?
		    r->old.label : "label");
		r->fit = 1;
		return 1;
	}
	r->cols = ads_columns_hf(feats, &r->ncols);
	if (ads_colmap_choose(&r->map, &task, r->cols, r->ncols, why,
	    sizeof(why)) != 0) {
		/* A foreign label scheme says more than the columns. */
		labelwhy(r, why, sizeof(why));
		goto unfit;
	}
	lc = r->map.col[ADS_R_LABEL] >= 0 ? &r->cols[r->map.col[ADS_R_LABEL]] :
	    NULL;
	r->src = xasprintf("%s/%s", id, lc != NULL ? lc->name : "label");
	if (task.labels != NULL && lc != NULL && task.kind == ADS_TASK_TEXTCLS) {
		if (lc->type == ADS_CT_CLASSLABEL)
			names = jv_copy(lc->names);
		else
			names = jv_null();
		sample = jv_null();
		if (jv_get_kind(names) != JV_KIND_ARRAY) {
			if (jv_get_kind(rows) != JV_KIND_ARRAY) {
				jv_free(names);
				return -1;
			}
			sample = jv_array();
			jv_array_foreach(rows, i, row) {
				jv cells = ads_json_get(row, "row");

				(void)i;
				sample = jv_array_append(sample,
				    ads_json_get(cells, lc->name));
				jv_free(cells);
				jv_free(row);
			}
		}
		rc = ads_labelmap_init(&r->lm, task.labels, names, sample,
		    why, sizeof(why));
		r->haslm = 1;
		jv_free(names);
		jv_free(sample);
		if (rc != 0) {
			char *tmp = xasprintf("labels of column %s: %s",
			    lc->name, why);

			snprintf(why, sizeof(why), "%s", tmp);
			free(tmp);
			goto unfit;
		}
	}
	r->fit = 1;
	return 1;
unfit:
	if (r->why == NULL)
		r->why = xstrdup(why);
	dsread_unfit(r);
	return 0;
}

/* reasonkey -- the count key of a reason text. */
static const char *
reasonkey(const char *why)
{
	return strncmp(why, "labels", 6) == 0 ? "labels" : "columns";
}

/*
 * units -- the dataset's configs and splits: as the plan gave them,
 * else from /info (with their features), else from /splits.  Returns
 * 0, or -1 when the dataset cannot be read (reported).
 */
static int
units(struct ads_fetch *f, struct ads_http *h, struct dsread *r)
{
	struct ads_http_resp resp;
	struct ads_http_req req;
	const char *id = ads_json_str(r->ds, "id", NULL);
	char *url, *eds;
	jv u;
	int rc, st = 0;

	r->started = 1;
	if (ads_json_str(r->ds, "config", NULL) != NULL &&
	    ads_json_str(r->ds, "split", NULL) != NULL) {
		u = jv_object();
		u = ads_json_set(u, "config", ads_json_get(r->ds, "config"));
		u = ads_json_set(u, "split", ads_json_get(r->ds, "split"));
		r->units = jv_array_append(jv_array(), u);
		return 0;
	}
	if (ads_json_has(r->ds, "gated") && authhdr == NULL) {
		skipped(id, "gated", "gated: its terms must be accepted on the "
		    "Hub and HF_TOKEN set");
		return -1;
	}
	eds = ads_http_escape(id);
	if (task.kind != ADS_TASK_NONE) {
		/* Every config's features and splits in one answer. */
		url = xasprintf("%s/info?dataset=%s", viewer, eds);
		prepare(&req, url);
		rc = ads_http_do(h, &req, &resp);
		free(url);
		if (rc == 0 && resp.status == 200) {
			u = hf_units(resp.body, resp.len);
			ads_http_resp_free(&resp);
			if (jv_get_kind(u) == JV_KIND_ARRAY &&
			    jv_array_length(jv_copy(u)) > 0) {
				r->units = u;
				free(eds);
				return 0;
			}
			jv_free(u);
		} else {
			st = rc == 0 ? (int)resp.status : 0;
			ads_http_resp_free(&resp);
		}
	}
	url = xasprintf("%s/splits?dataset=%s", viewer, eds);
	free(eds);
	prepare(&req, url);
	rc = ads_http_do(h, &req, &resp);
	free(url);
	if (rc == 0 && (resp.status == 404 || resp.status == 422) &&
	    (st == 0 || st == 404 || st == 422))
		r->gone = 1;
	if (check(f, id, "splits", rc, &resp, 1) != 0) {
		ads_http_resp_free(&resp);
		return -1;
	}
	u = hf_units(resp.body, resp.len);
	ads_http_resp_free(&resp);
	if (!jv_is_valid(u)) {
		/* Not "no split": an answer that says nothing. */
		jv_free(u);
		ads_warn("dataset %s: splits: invalid answer; skipping it",
		    id);
		ads_fetch_lost(f, "malformed");
		return -1;
	}
	if (jv_get_kind(u) != JV_KIND_ARRAY || jv_array_length(jv_copy(u)) ==
	    0) {
		jv_free(u);
		skipped(id, "no_split", "no split to read");
		return -1;
	}
	/* Without a task, the first config's train split as before. */
	if (task.kind == ADS_TASK_NONE) {
		jv one = jv_array_get(jv_copy(u), 0);

		jv_free(u);
		u = jv_array_append(jv_array(), one);
	}
	r->units = u;
	return 0;
}

/* emitrow -- one /rows row of unit (config, split) as a record. */
static long long
emitrow(struct ads_fetch *f, struct dsread *r, jv row, const char *config,
    const char *split)
{
	const char *id = ads_json_str(r->ds, "id", NULL), *drop = NULL;
	jv rec, cells, meta, v, trunc;
	double idx;

	if (task.kind == ADS_TASK_NONE) {
		rec = hf_record(row, r->ds, config, split, &r->old);
		jv_free(row);
		if (jv_get_kind(rec) != JV_KIND_OBJECT) {
			jv_free(rec);
			ads_fetch_drop(f, "no_text");
			return 0;
		}
		if (r->old.label != NULL && ads_json_has(rec, "label")) {
			v = ads_json_get(rec, "label");
			if (jv_get_kind(v) != JV_KIND_STRING)
				v = jv_dump_string(v, 0);
			rec = ads_json_set(rec, "label_source",
			    jv_string_fmt("source:%s=%s", r->src,
			    jv_string_value(v)));
			jv_free(v);
		}
		return ads_fetch_emit(f, rec);
	}
	cells = ads_json_get(row, "row");
	if (ads_json_num(row, "row_idx", &idx) != 0 ||
	    jv_get_kind(cells) != JV_KIND_OBJECT) {
		jv_free(cells);
		jv_free(row);
		ads_fetch_drop(f, "no_text");
		return 0;
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt(
	    "huggingface:%s:%s:%s:%.0f", id, config, split, idx));
	rec = ads_colmap_record(&r->map, &task, r->cols, r->haslm ? &r->lm :
	    NULL, r->src, cells, rec, &drop);
	if (jv_get_kind(rec) != JV_KIND_OBJECT) {
		jv_free(rec);
		jv_free(cells);
		jv_free(row);
		ads_fetch_drop(f, drop != NULL ? drop : "no_text");
		return 0;
	}
	rec = hf_describe(rec, r->ds);
	meta = jv_object();
	meta = ads_json_set(meta, "dataset", jv_string(id));
	meta = ads_json_set(meta, "config", jv_string(config));
	meta = ads_json_set(meta, "split", jv_string(split));
	meta = ads_json_set(meta, "row", jv_number(idx));
	meta = ads_json_set(meta, "columns",
	    ads_colmap_names(&r->map, r->cols));
	trunc = ads_json_get(row, "truncated_cells");
	if (jv_get_kind(trunc) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(trunc)) > 0)
		meta = ads_json_set(meta, "truncated_cells", trunc);
	else
		jv_free(trunc);
	rec = ads_json_set(rec, "meta", meta);
	jv_free(cells);
	jv_free(row);
	return ads_fetch_emit(f, rec);
}

/*
 * readunit -- up to quota rows of the current unit from r->pos on.
 * Returns the records written; sets *end when the unit is over and
 * r->dead when the dataset failed for good.
 */
static long long
readunit(struct ads_fetch *f, struct ads_http *h, struct dsread *r,
    long long quota, int *end)
{
	struct ads_http_req reqs[PARALLEL];
	struct ads_http_resp resps[PARALLEL];
	char *eds, *ecfg, *esp, *urls[PARALLEL], why[256];
	const char *id = ads_json_str(r->ds, "id", NULL);
	jv unit, feats, rows;
	const char *config, *split;
	long total = -1, offset = r->pos / PAGE * PAGE;
	long long got = 0, c;
	int i, k, m, n, rc;

	*end = 0;
	unit = jv_array_get(jv_copy(r->units), r->unit);
	config = ads_json_str(unit, "config", NULL);
	split = ads_json_str(unit, "split", NULL);
	if (config == NULL || split == NULL) {
		jv_free(unit);
		*end = 1;
		return 0;
	}
	/* Features from /info: a unit that cannot fit costs no request. */
	if (!r->fit && ads_json_has(unit, "features")) {
		feats = ads_json_get(unit, "features");
		rc = settle(r, feats, jv_null());
		jv_free(feats);
		if (rc == 0) {
			jv_free(unit);
			*end = 1;
			return 0;
		}
	}
	eds = ads_http_escape(id);
	ecfg = ads_http_escape(config);
	esp = ads_http_escape(split);
	while (got < quota && !*end && !r->dead) {
		m = (int)((quota - got + PAGE - 1) / PAGE);
		if (!r->fit || m < 1)
			m = 1;
		if (m > PARALLEL)
			m = PARALLEL;
		/* No page past the split's end. */
		if (total < 0 && ads_json_count(unit, "rows", &c) == 0)
			total = (long)c;
		while (m > 1 && total >= 0 && offset + (long)(m - 1) * PAGE >=
		    total)
			m--;
		for (i = 0; i < m; i++) {
			urls[i] = xasprintf("%s/rows?dataset=%s&config=%s"
			    "&split=%s&offset=%ld&length=%d", viewer, eds, ecfg,
			    esp, offset + (long)i * PAGE, PAGE);
			prepare(&reqs[i], urls[i]);
		}
		ads_http_batch(h, reqs, resps, m);
		for (i = 0; i < m; i++) {
			if (*end || r->dead || got >= quota)
				continue;
			rc = resps[i].status == 0 ? -1 : 0;
			rc = check(f, id, "rows", rc, &resps[i], r->unit == 0 &&
			    r->pos == 0);
			if (rc != 0) {
				/* 4xx: this split is over; else failed. */
				if (rc == -1)
					r->dead = 1;
				*end = 1;
				continue;
			}
			if (hf_rows(resps[i].body, resps[i].len, &feats, &rows,
			    &total, why, sizeof(why)) == -1) {
				ads_fetch_fail(f, "dataset %s: rows: %s", id,
				    why);
				ads_fetch_lost(f, "malformed");
				r->dead = 1;
				continue;
			}
			if (!r->fit && settle(r, feats, rows) != 1) {
				jv_free(feats);
				jv_free(rows);
				*end = 1;
				continue;
			}
			n = jv_array_length(jv_copy(rows));
			for (k = 0; k < n && got < quota; k++) {
				if (offset + k < r->pos)
					continue;
				r->pos = offset + k + 1;
				got += emitrow(f, r, jv_array_get(jv_copy(rows),
				    k), config, split);
			}
			jv_free(feats);
			jv_free(rows);
			offset += PAGE;
			/* Over when the last page was read to its end. */
			if (r->pos >= offset - PAGE + n && (n < PAGE ||
			    (total >= 0 && offset >= total)))
				*end = 1;
		}
		for (i = 0; i < m; i++) {
			ads_http_resp_free(&resps[i]);
			free(urls[i]);
		}
	}
	free(eds);
	free(ecfg);
	free(esp);
	jv_free(unit);
	return got;
}

/*
 * readds -- up to quota more rows of dataset r, unit after unit (the
 * configs and splits), from where the last call stopped.  Returns the
 * records written.
 */
static long long
readds(struct ads_fetch *f, struct ads_http *h, struct dsread *r,
    long long quota)
{
	long long got = 0;
	int end, n;

	if (r->dead)
		return 0;
	if (!r->started && units(f, h, r) != 0) {
		r->dead = 1;
		return 0;
	}
	n = jv_array_length(jv_copy(r->units));
	while (got < quota && !r->dead && r->unit < n && r->unit < MAXUNITS) {
		got += readunit(f, h, r, quota - got, &end);
		if (end) {
			r->unit++;
			r->pos = 0;
			dsread_unfit(r);
		}
	}
	if (r->unit >= n || r->unit >= MAXUNITS)
		r->dead = 1;
	if (r->dead && got == 0 && r->why != NULL && !r->gone) {
		const char *id = ads_json_str(r->ds, "id", NULL);

		skipped(id, reasonkey(r->why), r->why);
		free(r->why);
		r->why = NULL;
	}
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
		    resp.status, ads_fetch_errtext(resp.body, resp.len,
		    "error", NULL, msg, sizeof(msg)));
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
	/* Else the plan's task, which is a Hub category but for code. */
	if (jv_get_kind(v) != JV_KIND_STRING && task.name != NULL &&
	    task.kind != ADS_TASK_CODE) {
		jv_free(v);
		v = jv_string(task.name);
	}
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

/* taskmatch -- 1 when ds carries the plan's task id tag. */
static int
taskmatch(jv ds)
{
	jv ids;
	int r = 0;

	if (task.id == NULL)
		return 0;
	ids = ads_json_get(ds, "task_ids");
	if (jv_get_kind(ids) == JV_KIND_ARRAY)
		jv_array_foreach(ids, i, x) {
			(void)i;
			if (jv_get_kind(x) == JV_KIND_STRING &&
			    strcmp(jv_string_value(x), task.id) == 0)
				r = 1;
			jv_free(x);
		}
	jv_free(ids);
	return r;
}

/* ranked -- list with the datasets tagged with the plan's task id first. */
static jv
ranked(jv list)
{
	jv a = jv_array(), b = jv_array();

	jv_array_foreach(list, i, ds) {
		(void)i;
		if (taskmatch(ds))
			a = jv_array_append(a, ds);
		else
			b = jv_array_append(b, ds);
	}
	jv_free(list);
	return jv_array_concat(a, b);
}

/*
 * readlist -- rows from the datasets of list, sharing quota: each of
 * the first MAXDS readable datasets gets a fair share of what is left;
 * then, while rows are still wanted, the datasets that filled their
 * share are read further, from where they stopped.  Returns the number
 * of datasets that are gone (404/422).
 */
static int
readlist(struct ads_fetch *f, struct ads_http *h, jv list, long long quota,
    int filter)
{
	struct dsread rd[MAXDS], one;
	long long got = 0, share, k;
	int i, n, used = 0, left, pass, gone = 0;
	jv ds;

	list = ranked(list);
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
		memset(&one, 0, sizeof(one));
		one.ds = ds;
		one.units = jv_null();
		k = readds(f, h, &one, share);
		got += k;
		if (k == 0) {
			/* Unreadable: its slot goes to the next dataset. */
			gone += one.gone;
			dsread_free(&one);
			continue;
		}
		rd[used++] = one;
	}
	for (pass = 0; pass < 3 && got < quota && !ads_fetch_full(f); pass++)
		for (i = 0; i < used && got < quota; i++)
			got += readds(f, h, &rd[i], quota - got);
	for (i = 0; i < used; i++)
		dsread_free(&rd[i]);
	jv_free(list);
	return gone;
}

/* planned -- the plan's "datasets": ids, or {id, config, split}. */
static jv
planned(const struct ads_fetch *f)
{
	jv v = ads_fetch_get(f, "datasets"), out = jv_array();

	if (jv_get_kind(v) != JV_KIND_ARRAY) {
		jv_free(v);
		jv_free(out);
		return jv_null();
	}
	jv_array_foreach(v, i, e) {
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
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	const char *tok;
	char *filt, *counts;
	long long left;
	size_t i;
	int failed, gone;
	jv list;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "huggingface", USAGE);
	if (ads_fetch_args(&f, argc, argv) != 0)
		return ads_fetch_skip(&f, NULL);
	tok = ads_getenv_nonempty("HF_TOKEN");
	if (tok != NULL) {
		authhdr = xasprintf("Authorization: Bearer %s", tok);
		secrets[0] = authhdr;
	}
	hub = ads_http_base("ADS_HF_URL", HUB_DEFAULT);
	viewer = ads_http_base("ADS_HF_VIEWER_URL", VIEWER_DEFAULT);
	ads_fetch_httpopts(&o, "huggingface", PARALLEL, 0, NULL, 0);
	h = ads_http_new(&o);
	ads_task_plan(f.plan, &task);
	skips = jv_object();
	list = planned(&f);
	gone = 0;
	if (jv_get_kind(list) == JV_KIND_ARRAY) {
		/* The plan named the datasets: no search, unless one is gone. */
		f.query = f.nqueries > 0 ? f.queries[0] : NULL;
		gone = readlist(&f, h, jv_copy(list), f.limit, 0);
	}
	if (jv_get_kind(list) != JV_KIND_ARRAY || (gone > 0 &&
	    !ads_fetch_full(&f))) {
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
			readlist(&f, h, jv_copy(list), ads_fetch_share(left,
			    f.nqueries - i), 1);
		}
		free(filt);
	}
	jv_free(list);
	if (nskipped > 0) {
		counts = ads_fetch_counts(skips);
		ads_warn("%lld datasets could not be read or used (%s)",
		    nskipped, counts);
		free(counts);
	}
	jv_free(skips);
	ads_task_free(&task);
	ads_fetch_wipe(authhdr);
	return ads_fetch_finish(&f, h);
}
