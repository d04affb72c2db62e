/*
 * ads-fetch-semanticscholar -- papers from the Semantic Scholar Graph
 * API (ads-fetch-semanticscholar(1))
 *
 * One search per query: the relevance search, paged by offset (100 a
 * page, within the API's first 1000 results), or the bulk search, paged
 * by its continuation token, when a query's share is larger or -b is
 * given.  One request a second on one connection: the unauthenticated
 * limit is shared by everyone, so 429 and Retry-After are obeyed (the
 * HTTP layer's retries); S2_API_KEY, when set, goes in x-api-key.
 * Papers that also have an arXiv id are left to ads-fetch-arxiv when
 * the plan has an arXiv section (or -A), so the two never deliver the
 * same paper twice.
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
#include "s2.h"
#include "ads-fetch-semanticscholar-help.h"

#define USAGE	"ads-fetch-semanticscholar [-Abu] [-c field[,field ...]] " \
		"[-l lang[,lang ...]] [-n limit]\n[-p plan.json | -q query]"
#define PAGE		100
#define MAX_OFFSET	1000	/* the relevance search's window */
#define BASE_DEFAULT	"https://api.semanticscholar.org"
#define FIELDS		"title,abstract,year,venue,authors,citationCount," \
			"openAccessPdf,externalIds,s2FieldsOfStudy," \
			"publicationDate,url,corpusId"

static int bulk, skiparxiv = -1;
static char *fos;		/* fieldsOfStudy filter, escaped, or NULL */
static const char *secret[2];

/* counts -- count a page's papers that were not made records. */
static void
counts(struct ads_fetch *f, const struct s2_page *p)
{
	long i;

	for (i = 0; i < p->nmissing; i++)
		ads_fetch_drop(f, "missing");
	for (i = 0; i < p->nnotext; i++)
		ads_fetch_drop(f, "no_abstract");
	for (i = 0; i < p->nonarxiv; i++)
		ads_fetch_drop(f, "on_arxiv");
	for (i = 0; i < p->nmalformed; i++)
		ads_fetch_lost(f, "malformed");
}

/* One query's paging: where it is. */
struct spage {
	const char	*base;
	char		*esc;		/* the query, escaped */
	int		 usebulk;
	long		 offset;	/* relevance: the next offset */
	char		*tok;		/* bulk: the continuation token */
};

static char *
spage_url(void *ctx)
{
	struct spage *s = ctx;
	char *etok, *url;

	if (s->usebulk) {
		etok = s->tok != NULL ? ads_http_escape(s->tok) : NULL;
		url = xasprintf("%s/graph/v1/paper/search/bulk?query=%s"
		    "&fields=%s%s%s%s%s", s->base, s->esc, FIELDS,
		    fos != NULL ? "&fieldsOfStudy=" : "",
		    fos != NULL ? fos : "", etok != NULL ? "&token=" : "",
		    etok != NULL ? etok : "");
		free(etok);
		return url;
	}
	return xasprintf("%s/graph/v1/paper/search?query=%s"
	    "&offset=%ld&limit=%d&fields=%s%s%s", s->base, s->esc,
	    s->offset, PAGE, FIELDS, fos != NULL ? "&fieldsOfStudy=" : "",
	    fos != NULL ? fos : "");
}

static int
spage_read(void *ctx, struct ads_fetch *f, const struct ads_http_resp *r,
    jv *records, long *nitems)
{
	struct spage *s = ctx;
	struct s2_page page;
	char why[256];
	int last;

	if (s2_parse(r->body, r->len, skiparxiv, &page, why,
	    sizeof(why)) == -1 || r->status != 200 || page.error != NULL) {
		if (r->status != 200 || page.error != NULL)
			ads_fetch_fail(f, "query \"%s\": HTTP %ld: %s",
			    f->query, r->status, page.error != NULL ?
			    page.error : "no error message");
		else {
			ads_fetch_lost(f, "malformed");
			ads_fetch_fail(f, "query \"%s\": %s", f->query, why);
		}
		s2_free(&page);
		return -1;
	}
	counts(f, &page);
	*records = jv_copy(page.records);
	*nitems = page.nitems;
	free(s->tok);
	s->tok = page.token != NULL ? xstrdup(page.token) : NULL;
	s->offset = page.next;
	last = s->usebulk ? s->tok == NULL : s->offset < 0 ||
	    s->offset + PAGE > MAX_OFFSET;
	s2_free(&page);
	return last;
}

/*
 * fetchquery -- page through one query until quota records were written
 * for it, the results end, a request fails, or three pages in a row
 * brought no new record.
 */
static void
fetchquery(struct ads_fetch *f, struct ads_http *h, const char *base,
    long long quota)
{
	struct ads_fetch_pager p;
	struct spage s;

	memset(&p, 0, sizeof(p));
	p.url = spage_url;
	p.page = spage_read;
	p.secret_headers = secret[0] != NULL ? secret : NULL;
	p.maxstale = 3;
	memset(&s, 0, sizeof(s));
	s.base = base;
	s.esc = ads_http_escape(f->query);
	s.usebulk = bulk || quota > MAX_OFFSET;
	ads_fetch_pages(f, h, &p, &s, quota);
	free(s.tok);
	free(s.esc);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "skip-arxiv",	no_argument,		NULL,	'A' },
		{ "bulk",	no_argument,		NULL,	'b' },
		{ "fields",	required_argument,	NULL,	'c' },
		ADS_FETCH_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *h;
	const char *base, *copt = NULL, *key;
	char *hdr = NULL, **v;
	size_t i, nv;
	jv arx;
	int c;

	ads_setprogname(argv[0]);
	ads_fetch_init(&f, "semanticscholar", USAGE);
	while ((c = ads_fetch_getopt(&f, argc, argv, "Abc:" ADS_FETCH_OPTS,
	    lopts)) != -1) {
		switch (c) {
		case 'A':
			skiparxiv = 1;
			break;
		case 'b':
			bulk = 1;
			break;
		case 'c':
			copt = optarg;
			break;
		}
	}
	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&f, NULL);
	if (copt != NULL)
		fos = ads_http_escape(copt);
	else if ((v = ads_fetch_strv(&f, "fields_of_study", &nv)) != NULL) {
		struct ads_buf b = ADS_BUF_INIT;

		for (i = 0; i < nv; i++)
			ads_buf_addf(&b, "%s%s", i > 0 ? "," : "", v[i]);
		if (b.len > 0)
			fos = ads_http_escape(b.p);
		ads_buf_free(&b);
		ads_strv_free(v);
	}
	/* The arXiv fetcher has the papers on arXiv when the plan has it. */
	if (skiparxiv < 0) {
		arx = jv_get_kind(f.plan) == JV_KIND_OBJECT ?
		    jv_getpath(jv_copy(f.plan), JV_ARRAY(jv_string("sources"),
		    jv_string("arxiv"))) : jv_null();
		skiparxiv = jv_get_kind(arx) == JV_KIND_OBJECT;
		jv_free(arx);
	}
	if ((key = ads_getenv_nonempty("S2_API_KEY")) != NULL) {
		hdr = xasprintf("x-api-key: %s", key);
		secret[0] = hdr;
	}

	ads_fetch_httpopts(&o, "semanticscholar", 1, 1.0, "ADS_S2_INTERVAL",
	    60);
	h = ads_http_new(&o);
	base = ads_http_base("ADS_S2_URL", BASE_DEFAULT);
	for (i = 0; i < f.nqueries && !ads_fetch_full(&f); i++) {
		f.query = f.queries[i];
		fetchquery(&f, h, base, ads_fetch_share(f.limit - f.nout,
		    f.nqueries - i));
	}
	free(fos);
	free(hdr);
	return ads_fetch_finish(&f, h);
}
