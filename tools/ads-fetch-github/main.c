/*
 * ads-fetch-github -- repository READMEs from the GitHub REST API
 *
 * For each query: /search/repositories pages, followed by their Link
 * rel="next", then each repository's README (/repos/O/R/readme, asked
 * for raw; base64 JSON still read) reduced from Markdown to plain text.  Requests
 * are serial, as GitHub asks; rate limits (403 or 429 with
 * x-ratelimit-remaining: 0 or Retry-After) are waited out within
 * ADS_HTTP_MAX_WAIT, and otherwise end the run cleanly with exit 4.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/markdown.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "gh.h"
#include "pairs.h"
#include "ads-fetch-github-help.h"

#define USAGE	"ads-fetch-github [-u] [-l lang[,lang ...]] [-n limit]\n" \
		"[-p plan.json | -q query]"
#define BASE_DEFAULT	"https://api.github.com"
#define PER_PAGE	30
#define README_MAX	(4 * 1024 * 1024)	/* one README answer */

static const char *hdrs[] = {
	"Accept: application/vnd.github+json",
	"X-GitHub-Api-Version: 2022-11-28",
	NULL
};
/* READMEs as they are, not base64 in JSON. */
static const char *rawhdrs[] = {
	"Accept: application/vnd.github.raw+json",
	"X-GitHub-Api-Version: 2022-11-28",
	NULL
};
static const char *secrets[2];
static char *authhdr;
static int stopped;		/* rate limited for longer than allowed */
static enum ads_task task;	/* the plan's, for its rows */
static long nskipped;		/* issues that were no pair */

/* Code rows taken from one README at most. */
#define CODE_ROWS	20

static long long coderows(struct ads_fetch *, jv, const char *, size_t);

/*
 * failed -- report an answer that is not a success; a rate limit stops
 * the whole run (asking again would only prolong it).
 */
static void
failed(struct ads_fetch *f, const char *what, const struct ads_http_resp *r)
{
	char msg[512], rem[32];

	if (r->status == 0) {
		ads_fetch_fail(f, "%s: %s", what, r->err);
		return;
	}
	ads_fetch_errtext(r->body, r->len, "message", "error", msg,
	    sizeof(msg));
	if (r->status == 429 || (r->status == 403 && (ads_http_header(r,
	    "retry-after", rem, sizeof(rem)) != NULL || (ads_http_header(r,
	    "x-ratelimit-remaining", rem, sizeof(rem)) != NULL &&
	    atof(rem) < 1)))) {
		stopped = 1;
		ads_fetch_fail(f, "%s: HTTP %ld: %s; stopping (rate limited%s%s)",
		    what, r->status, msg, r->err[0] != '\0' ? ": " : "",
		    r->err[0] != '\0' ? strstr(r->err, "rate limited") != NULL ?
		    strstr(r->err, "rate limited") + 13 : r->err : "");
		return;
	}
	ads_fetch_fail(f, "%s: HTTP %ld: %s", what, r->status, msg);
}

static void
prepare(struct ads_http_req *q, const char *url)
{
	memset(q, 0, sizeof(*q));
	q->url = url;
	q->headers = hdrs;
	q->secret_headers = authhdr != NULL ? secrets : NULL;
}

/* readmes -- README texts for the records of one page, then emit. */
static void
readmes(struct ads_fetch *f, struct ads_http *h, const char *base, jv recs,
    long long quota, long long *got)
{
	struct ads_http_req *reqs;
	struct ads_http_resp *resps, *r;
	char **urls, *what;
	jv text, meta;
	int j, k, m = 0, *slot;
	const char *full, *id, *err;
	char *md, ctype[128];
	size_t mdlen;

	k = jv_array_length(jv_copy(recs));
	reqs = xcalloc(k > 0 ? k : 1, sizeof(*reqs));
	resps = xcalloc(k > 0 ? k : 1, sizeof(*resps));
	urls = xcalloc(k > 0 ? k : 1, sizeof(*urls));
	slot = xcalloc(k > 0 ? k : 1, sizeof(*slot));
	/* Only as many READMEs as records are still wanted. */
	jv_array_foreach(recs, i, rec) {
		slot[i] = -1;
		if (*got + m >= quota) {
			jv_free(rec);
			continue;
		}
		id = ads_json_str(rec, "id", NULL);
		full = ads_json_str(rec, "_readme", NULL);
		if (!ads_fetch_seen(f, id)) {
			urls[m] = xasprintf("%s/repos/%s/readme", base, full);
			prepare(&reqs[m], urls[m]);
			reqs[m].headers = rawhdrs;
			/* A README is small; the batch's budget bounds all. */
			reqs[m].maxbytes = README_MAX;
			slot[i] = m++;
		}
		jv_free(rec);
	}
	ads_http_batch(h, reqs, resps, m);
	jv_array_foreach(recs, i, rec) {
		if (*got >= quota || stopped) {
			jv_free(rec);
			break;
		}
		if (slot[i] < 0) {
			jv_free(rec);
			continue;
		}
		r = &resps[slot[i]];
		full = ads_json_str(rec, "_readme", NULL);
		text = jv_null();
		md = NULL;
		meta = ads_json_get(rec, "meta");
		if (r->status == 200 && r->toolarge) {
			ads_warn("query \"%s\": README of %s: larger than %d "
			    "bytes; skipped", f->query, full, README_MAX);
			ads_fetch_lost(f, "too_large");
		} else if (r->status == 200) {
			md = gh_readme_md(r->body, r->len, ads_http_header(r,
			    "content-type", ctype, sizeof(ctype)), &mdlen, &err);
			meta = ads_json_set(meta, "readme", jv_true());
			if (md != NULL)
				text = ads_md_text(md, mdlen);
			else {
				ads_warn("query \"%s\": README of %s: invalid "
				    "answer: %s; skipped", f->query, full, err);
				ads_fetch_lost(f, "malformed");
			}
		} else if (r->status == 404) {
			/* No README: the description is all there is. */
			meta = ads_json_set(meta, "readme", jv_false());
			text = ads_json_get(meta, "description");
		} else {
			what = xasprintf("query \"%s\": README of %s",
			    f->query, full);
			failed(f, what, r);
			free(what);
			ads_fetch_lost(f, r->blocked ? "blocked" : "failed");
		}
		rec = jv_object_delete(rec, jv_string("_readme"));
		if (jv_get_kind(text) == JV_KIND_STRING &&
		    jv_string_length_bytes(jv_copy(text)) > 0) {
			rec = ads_json_set(rec, "text", text);
			rec = ads_json_set(rec, "meta", meta);
			if (task == ADS_TASK_CODE && md != NULL)
				*got += coderows(f, jv_copy(rec), md, mdlen);
			*got += ads_fetch_emit(f, rec);
		} else {
			if ((r->status == 200 && !r->toolarge &&
			    jv_get_kind(text) == JV_KIND_STRING) ||
			    r->status == 404)
				ads_fetch_drop(f, "no_text");
			jv_free(text);
			jv_free(meta);
			jv_free(rec);
		}
		free(md);
	}
	for (j = 0; j < k; j++) {
		ads_http_resp_free(&resps[j]);
		free(urls[j]);
	}
	free(reqs);
	free(resps);
	free(urls);
	free(slot);
}

/*
 * search -- the records of one query from GitHub's search API, page by
 * page along Link rel="next" (1000 results at most): repositories,
 * whose READMEs readmes() fetches, or with issues the summarization
 * rows of /search/issues (is:issue added).
 */
static void
search(struct ads_fetch *f, struct ads_http *h, const char *base,
    long long quota, int issues)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	char *url, *q, *esc, *next, *what, link[4096];
	const char *m;
	long total, bad = 0, j;
	int incomplete, pages = 0;
	long long got = 0;
	jv recs, msg;

	q = xasprintf(issues ? "%s is:issue" : "%s", f->query);
	esc = ads_http_escape(q);
	free(q);
	url = xasprintf("%s/search/%s?q=%s&per_page=%d", base,
	    issues ? "issues" : "repositories", esc, PER_PAGE);
	free(esc);
	what = xasprintf(issues ? "query \"%s\": issues" : "query \"%s\"",
	    f->query);
	while (url != NULL && got < quota && !stopped &&
	    pages++ < 1000 / PER_PAGE + 1) {
		prepare(&req, url);
		if (ads_http_do(h, &req, &resp) == -1 || resp.status != 200) {
			failed(f, what, &resp);
			ads_http_resp_free(&resp);
			break;
		}
		recs = issues ? gh_issues(resp.body, resp.len, &total,
		    &incomplete, &nskipped) : gh_search(resp.body, resp.len,
		    &total, &incomplete, &bad);
		if (!jv_is_valid(recs)) {
			msg = jv_invalid_get_msg(recs);
			m = jv_get_kind(msg) == JV_KIND_STRING ?
			    jv_string_value(msg) : "unknown";
			/* A repositories answer's message, up to its "(". */
			ads_fetch_fail(f, "%s: invalid answer: %.*s", what,
			    (int)(issues ? strlen(m) : strcspn(m, "(")), m);
			jv_free(msg);
			ads_http_resp_free(&resp);
			break;
		}
		if (bad > 0)
			ads_warn("%s: %ld repositories without a name or an "
			    "id; skipped", what, bad);
		for (j = 0; j < bad; j++)
			ads_fetch_lost(f, "malformed");
		if (incomplete)
			ads_warn("%s: GitHub says the results are incomplete "
			    "(the search timed out)", what);
		if (!issues)
			readmes(f, h, base, recs, quota, &got);
		else
			jv_array_foreach(recs, i, rec) {
				if (got >= quota) {
					jv_free(rec);
					break;
				}
				got += ads_fetch_emit(f, rec);
			}
		jv_free(recs);
		next = gh_next(ads_http_header(&resp, "link", link,
		    sizeof(link)), base);
		ads_http_resp_free(&resp);
		free(url);
		url = next;
	}
	free(url);
	free(what);
}

int
main(int argc, char *argv[])
{
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	const char *base, *tok;
	size_t i;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "github", USAGE);
	if (ads_fetch_args(&f, argc, argv) != 0)
		return ads_fetch_skip(&f, NULL);
	task = ads_task_of(f.plan);
	tok = ads_getenv_nonempty("GITHUB_TOKEN");
	if (tok != NULL) {
		authhdr = xasprintf("Authorization: Bearer %s", tok);
		secrets[0] = authhdr;
	}
	ads_fetch_httpopts(&o, "github", 1, 0, NULL, 0);
	h = ads_http_new(&o);
	base = ads_http_base("ADS_GITHUB_URL", BASE_DEFAULT);
	for (i = 0; i < f.nqueries && !ads_fetch_full(&f) && !stopped; i++) {
		f.query = f.queries[i];
		search(&f, h, base, ads_fetch_share(f.limit - f.nout,
		    f.nqueries - i), task == ADS_TASK_SUMMARY);
	}
	if (nskipped > 0)
		ads_warn("%ld issues were pull requests, or too short to "
		    "summarize", nskipped);
	/* Do not leave the token lying in freed memory. */
	ads_fetch_wipe(authhdr);
	return ads_fetch_finish(&f, h);
}

/*
 * coderows -- emit the code rows of README Markdown md (n bytes) for
 * repository record rec (consumed).  Returns the rows written.
 */
static long long
coderows(struct ads_fetch *f, jv rec, const char *md, size_t n)
{
	long long got;

	got = ads_fetch_emitall(f, gh_code_rows(rec, md, n, CODE_ROWS));
	jv_free(rec);
	return got;
}
