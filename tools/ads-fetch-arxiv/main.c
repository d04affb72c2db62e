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

/* One query's paging: where it is. */
struct apage {
	const char	*base;
	char		*esc;		/* the search query, escaped */
	long		 start;
};

static char *
apage_url(void *ctx)
{
	struct apage *a = ctx;

	if (a->start >= MAX_START)
		return NULL;
	return xasprintf("%s/api/query?search_query=%s&start=%ld"
	    "&max_results=%d&sortBy=relevance&sortOrder=descending",
	    a->base, a->esc, a->start, PAGE);
}

static int
apage_read(void *ctx, struct ads_fetch *f, const struct ads_http_resp *r,
    jv *records, long *nitems)
{
	struct apage *a = ctx;
	struct atom_feed feed;
	char why[256];
	long i;
	int last;

	if (atom_parse(r->body, r->len, &feed, why, sizeof(why)) == -1) {
		if (r->status != 200)
			ads_fetch_fail(f, "query \"%s\": HTTP %ld", f->query,
			    r->status);
		else
			ads_fetch_fail(f, "query \"%s\": %s", f->query, why);
		atom_free(&feed);
		return -1;
	}
	if (feed.error != NULL || r->status != 200) {
		ads_fetch_fail(f, "query \"%s\": HTTP %ld: %s", f->query,
		    r->status, feed.error != NULL ? feed.error :
		    "no error message");
		atom_free(&feed);
		return -1;
	}
	for (i = 0; i < feed.malformed; i++)
		ads_fetch_lost(f, "malformed");
	*records = jv_array();
	jv_array_foreach(feed.records, k, x) {
		(void)k;
		*records = jv_array_append(*records, arxiv_pair(x, task));
	}
	*nitems = feed.nentries;
	a->start += feed.nentries;
	last = feed.nentries == 0 || (feed.total >= 0 &&
	    a->start >= feed.total);
	atom_free(&feed);
	return last;
}

/*
 * fetchquery -- page through one query until quota records were
 * written for it, the results end, or a request fails.  A feed that
 * repeats itself (a huge totalResults, the same entries again) would
 * page on for thousands of requests: ADS_ARXIV_STALE_PAGES pages in a
 * row without a new record stop it.
 */
static void
fetchquery(struct ads_fetch *f, struct ads_http *h, const char *base,
    long long quota)
{
	struct ads_fetch_pager p;
	struct apage a;
	char *sq;

	memset(&p, 0, sizeof(p));
	p.url = apage_url;
	p.page = apage_read;
	p.maxstale = (int)ads_optnum("ADS_ARXIV_STALE_PAGES",
	    ads_http_base("ADS_ARXIV_STALE_PAGES", "3"), 1, 1000);
	sq = searchquery(f->query);
	a.base = base;
	a.esc = ads_http_escape(sq);
	a.start = 0;
	ads_fetch_pages(f, h, &p, &a, quota);
	free(a.esc);
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
	size_t i;
	int c;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "arxiv", USAGE);
	while ((c = ads_fetch_getopt(&f, argc, argv, "c:" ADS_FETCH_OPTS,
	    lopts)) != -1)
		if (c == 'c')
			copt = optarg;
	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&f, NULL);
	task = ads_task_of(f.plan);
	if (copt != NULL)
		cats = ads_strv_split(copt, &ncats);
	else
		cats = ads_fetch_strv(&f, "categories", &ncats);

	ads_fetch_httpopts(&o, "arxiv", 1, 3.0, "ADS_ARXIV_INTERVAL", 60);
	h = ads_http_new(&o);
	base = ads_http_base("ADS_ARXIV_URL", BASE_DEFAULT);
	for (i = 0; i < f.nqueries && !ads_fetch_full(&f); i++) {
		f.query = f.queries[i];
		/* Share what is left fairly among the queries still to do. */
		fetchquery(&f, h, base, ads_fetch_share(f.limit - f.nout,
		    f.nqueries - i));
	}
	ads_strv_free(cats);
	return ads_fetch_finish(&f, h);
}
