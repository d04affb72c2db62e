/*
 * ads-fetch-arxiv -- titles and abstracts from the arXiv export API
 *
 * One search per query, paged by start/max_results (100 a page, the
 * API's 30000-result ceiling kept), one request every 3 seconds on a
 * single connection as arXiv's terms ask.  Each entry becomes a record
 * as soon as its page is parsed.
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
#include "../../common/progress.h"
#include "../../common/util.h"
#include "atom.h"
#include "pairs.h"
#include "ads-fetch-arxiv-help.h"

#define USAGE	"ads-fetch-arxiv [-u] [-c category[,category ...]] " \
		"[-l lang[,lang ...]] [-n limit]\n[-p plan.json | -q query]"
#define PAGE		100
#define MAX_START	30000
#define BASE_DEFAULT	"https://export.arxiv.org"

static char **cats;
static size_t ncats;
static enum ads_task task;	/* the plan's, for its rows */

/*
 * searchquery -- the search_query for q: q itself when it uses field
 * prefixes ("ti:", "au:", "cat:"...), else every word under all: joined
 * by AND; the categories, when given, ANDed as (cat:a OR cat:b).
 */
static char *
searchquery(const char *q)
{
	struct ads_buf b = ADS_BUF_INIT;
	char *dup, *w, *save = NULL, *p;
	size_t i;
	int n = 0;

	if (strchr(q, ':') != NULL) {
		ads_buf_addf(&b, "(%s)", q);
	} else {
		dup = xstrdup(q);
		ads_buf_adds(&b, "(");
		for (p = dup; (w = strtok_r(p, " \t\n", &save)) != NULL;
		    p = NULL) {
			ads_buf_addf(&b, "%sall:%s", n++ > 0 ? " AND " : "",
			    w);
		}
		ads_buf_adds(&b, ")");
		free(dup);
	}
	if (ncats > 0) {
		ads_buf_adds(&b, " AND (");
		for (i = 0; i < ncats; i++)
			ads_buf_addf(&b, "%scat:%s", i > 0 ? " OR " : "",
			    cats[i]);
		ads_buf_adds(&b, ")");
	}
	return ads_buf_detach(&b, NULL);
}

/*
 * fetchquery -- page through one query until quota records were
 * written for it, the results end, or a request fails.
 */
static void
fetchquery(struct ads_fetch *f, struct ads_http *h, const char *base,
    long long quota)
{
	struct ads_http_req req;
	struct ads_http_resp resp;
	struct atom_feed feed;
	char why[256], *sq, *esc, *url;
	long start = 0;
	long long got = 0, before;
	size_t i, n;
	int stale = 0, maxstale;

	maxstale = (int)ads_optnum("ADS_ARXIV_STALE_PAGES",
	    ads_http_base("ADS_ARXIV_STALE_PAGES", "3"), 1, 1000);

	sq = searchquery(f->query);
	esc = ads_http_escape(sq);
	while (got < quota && !ads_fetch_full(f) && start < MAX_START) {
		url = xasprintf("%s/api/query?search_query=%s&start=%ld"
		    "&max_results=%d&sortBy=relevance&sortOrder=descending",
		    base, esc, start, PAGE);
		memset(&req, 0, sizeof(req));
		req.url = url;
		if (ads_http_do(h, &req, &resp) == -1) {
			ads_fetch_fail(f, "query \"%s\": %s", f->query,
			    resp.err);
			ads_http_resp_free(&resp);
			free(url);
			break;
		}
		free(url);
		if (atom_parse(resp.body, resp.len, &feed, why,
		    sizeof(why)) == -1) {
			if (resp.status != 200)
				ads_fetch_fail(f, "query \"%s\": HTTP %ld",
				    f->query, resp.status);
			else
				ads_fetch_fail(f, "query \"%s\": %s",
				    f->query, why);
			atom_free(&feed);
			ads_http_resp_free(&resp);
			break;
		}
		if (feed.error != NULL || resp.status != 200) {
			ads_fetch_fail(f, "query \"%s\": HTTP %ld: %s",
			    f->query, resp.status, feed.error != NULL ?
			    feed.error : "no error message");
			atom_free(&feed);
			ads_http_resp_free(&resp);
			break;
		}
		n = jv_array_length(jv_copy(feed.records));
		for (i = 0; i < (size_t)feed.malformed; i++)
			ads_fetch_lost(f, "malformed");
		before = got;
		for (i = 0; i < n && got < quota; i++)
			got += ads_fetch_emit(f, arxiv_pair(jv_array_get(
			    jv_copy(feed.records), (int)i), task));
		start += feed.nentries;
		/*
		 * A feed that repeats itself (a huge totalResults, the same
		 * entries again) would page on for thousands of requests.
		 */
		stale = got > before ? 0 : stale + 1;
		if (stale >= maxstale && feed.nentries > 0 &&
		    (feed.total < 0 || start < feed.total)) {
			ads_warn("query \"%s\": %d pages in a row brought no "
			    "new record; stopping", f->query, stale);
			atom_free(&feed);
			ads_http_resp_free(&resp);
			break;
		}
		if (feed.nentries == 0 || (feed.total >= 0 &&
		    start >= feed.total)) {
			atom_free(&feed);
			ads_http_resp_free(&resp);
			break;
		}
		atom_free(&feed);
		ads_http_resp_free(&resp);
	}
	free(esc);
	free(sq);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "category",	required_argument,	NULL,	'c' },
		ADS_FETCH_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	const char *base, *copt = NULL;
	char *dup, *w, *save = NULL, *p;
	long long left;
	size_t i;
	int c;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "arxiv", USAGE);
	while ((c = getopt_long(argc, argv, "c:" ADS_FETCH_OPTS, lopts,
	    NULL)) != -1) {
		if (ads_fetch_opt(&f, c, optarg))
			continue;
		switch (c) {
		case 'c':
			copt = optarg;
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&f, NULL);
	task = ads_task_of(f.plan);
	if (copt != NULL) {
		dup = xstrdup(copt);
		for (p = dup; (w = strtok_r(p, ", ", &save)) != NULL;
		    p = NULL) {
			cats = xreallocarray(cats, ncats + 2, sizeof(*cats));
			cats[ncats++] = xstrdup(w);
			cats[ncats] = NULL;
		}
		free(dup);
	} else
		cats = ads_fetch_strv(&f, "categories", &ncats);

	memset(&o, 0, sizeof(o));
	o.source = "arxiv";
	o.max_conns = 1;
	o.min_interval = 3.0;
	p = (char *)ads_getenv_nonempty("ADS_ARXIV_INTERVAL");
	if (p != NULL)
		o.min_interval = ads_optdouble("ADS_ARXIV_INTERVAL", p, 0,
		    60);
	h = ads_http_new(&o);
	base = ads_http_base("ADS_ARXIV_URL", BASE_DEFAULT);
	for (i = 0; i < f.nqueries && !ads_fetch_full(&f); i++) {
		f.query = f.queries[i];
		/* Share what is left fairly among the queries still to do. */
		left = f.limit - f.nout;
		fetchquery(&f, h, base, (left + (long long)(f.nqueries - i) -
		    1) / (long long)(f.nqueries - i));
	}
	ads_strv_free(cats);
	return ads_fetch_finish(&f, h);
}
