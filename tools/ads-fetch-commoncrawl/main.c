/*
 * ads-fetch-commoncrawl -- pages of the Common Crawl web archive as
 * records (ads-fetch-commoncrawl(1))
 *
 * For each query (a URL pattern or a domain) the CDX index server of
 * each crawl searched (the newest first, from collinfo.json, or the
 * crawls the plan or -c name) lists the captures; each 200 HTML capture
 * is read with a range request on the data host, its gzip member
 * inflated, its WARC response record parsed and its page's main text
 * taken by the article extractor the news fetcher uses.  The index
 * server is asked one request a second, as Common Crawl asks, and its
 * 503s are waited out by the HTTP layer; the data host four at a time.
 *
 * With -f or -F it reads local WARC or WET files instead, one record at
 * a time in bounded memory, so that large jobs can shard over crawl
 * files.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/article.h"
#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"
#include "cc.h"
#include "warc.h"
#include "ads-fetch-commoncrawl-help.h"

#define USAGE	"ads-fetch-commoncrawl [-u] [-C count] " \
		"[-c crawl[,crawl ...]] [-F listfile] [-f file] " \
		"[-l lang[,lang ...]] [-n limit]\n[-p plan.json | -q pattern]"
#define INDEX_DEFAULT	"https://index.commoncrawl.org"
#define DATA_DEFAULT	"https://data.commoncrawl.org"
#define BATCH		8
#define MAXBLOCK	(16u << 20)
#define MAXCRAWLS	16

static char **crawls;
static size_t ncrawls;
static long ncount = 1;
static char **files;
static size_t nfiles;

static void
addstr(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

/* newest -- the newest crawls from the index server's collinfo.json. */
static void
newest(struct ads_fetch *f, struct ads_http *h, const char *index)
{
	struct ads_http_req q;
	struct ads_http_resp r;
	char *url = xasprintf("%s/collinfo.json", index);
	jv ids;

	memset(&q, 0, sizeof(q));
	q.url = url;
	if (ads_http_do(h, &q, &r) != 0 || r.status != 200) {
		ads_fetch_fail(f, "the list of crawls: %s", r.status != 0 ?
		    "HTTP error" : r.err);
		ads_http_resp_free(&r);
		free(url);
		return;
	}
	ids = cc_crawls(r.body, r.len);
	if (!jv_is_valid(ids)) {
		ads_fetch_lost(f, "malformed");
		ads_fetch_fail(f, "the list of crawls is not a JSON list");
	} else {
		jv_array_foreach(ids, i, s) {
			if (i < ncount)
				addstr(&crawls, &ncrawls, jv_string_value(s));
			jv_free(s);
		}
	}
	jv_free(ids);
	ads_http_resp_free(&r);
	free(url);
}

/* fetchcaps -- read caps[0..n) from the data host; records written. */
static long long
fetchcaps(struct ads_fetch *f, struct ads_http *data, const char *base,
    const char *crawl, struct cc_capture *caps, size_t n, long long quota)
{
	struct ads_http_req reqs[BATCH];
	struct ads_http_resp resps[BATCH];
	char *urls[BATCH], *ranges[BATCH], *hdrs[BATCH][2];
	struct warc_record w;
	struct warc_reader *r;
	const char *why;
	long long got = 0;
	size_t i, k, m;
	jv rec;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < n && got < quota && !ads_fetch_full(f); i += m) {
		m = n - i < BATCH ? n - i : BATCH;
		if ((long long)m > (quota - got) * 2 + 1)
			m = (size_t)((quota - got) * 2 + 1);
		memset(reqs, 0, sizeof(reqs));
		for (k = 0; k < m; k++) {
			const struct cc_capture *c = &caps[i + k];

			/*
			 * The range is part of the URL's fragment too, which
			 * is never sent: it keys the cache per range.
			 */
			urls[k] = xasprintf("%s/%s#bytes=%lld-%lld", base,
			    c->filename, c->offset, c->offset + c->length - 1);
			ranges[k] = xasprintf("Range: bytes=%lld-%lld",
			    c->offset, c->offset + c->length - 1);
			hdrs[k][0] = ranges[k];
			hdrs[k][1] = NULL;
			reqs[k].url = urls[k];
			reqs[k].headers = (const char *const *)hdrs[k];
			reqs[k].maxbytes = (size_t)c->length + 1024;
			/*
			 * The file name is the index's: public addresses
			 * only, redirects included (ADS_ALLOW_PRIVATE lists
			 * a local mirror's).
			 */
			reqs[k].untrusted = 1;
		}
		ads_http_batch(data, reqs, resps, m);
		for (k = 0; k < m; k++) {
			const struct cc_capture *c = &caps[i + k];

			if (resps[k].status == 0) {
				ads_fetch_lost(f, resps[k].blocked ? "blocked" :
				    "failed");
				ads_warn("%s: %s", c->url, resps[k].err);
			} else if (resps[k].status != 206 &&
			    !(resps[k].status == 200 &&
			    (long long)resps[k].len == c->length)) {
				ads_fetch_lost(f, "failed");
				ads_warn("%s: HTTP %ld for its WARC record",
				    c->url, resps[k].status);
			} else {
				r = warc_open_mem(resps[k].body, resps[k].len,
				    MAXBLOCK);
				if (warc_next(r, &w) != 1) {
					ads_fetch_lost(f, "malformed");
					ads_warn("%s: %s", c->url,
					    warc_error(r));
				} else {
					rec = cc_record(&w, crawl, c->filename,
					    c->offset, c->length, &why);
					if (jv_is_valid(rec))
						got += ads_fetch_emit(f, rec);
					else {
						jv_free(rec);
						ads_fetch_drop(f, why);
					}
				}
				warc_next(r, &w);	/* frees w */
				warc_close(r);
			}
			ads_http_resp_free(&resps[k]);
			free(urls[k]);
			free(ranges[k]);
		}
	}
	return got;
}

/*
 * fetchquery -- the captures of one pattern in each crawl, read until
 * quota records were written.
 */
static void
fetchquery(struct ads_fetch *f, struct ads_http *index, struct ads_http *data,
    const char *ibase, const char *dbase, long long quota)
{
	struct ads_http_req q;
	struct ads_http_resp r;
	struct cc_capture *caps = NULL;
	const char *p, *e;
	char *esc, *url, *id;
	long long got = 0, lim;
	size_t ci, n, cap = 0;
	int domain;

	esc = ads_http_escape(f->query);
	/* A bare host: every page of the domain. */
	domain = strpbrk(f->query, "/*") == NULL;
	lim = quota * 3 < 10 ? 10 : quota * 3 > 1000 ? 1000 : quota * 3;
	for (ci = 0; ci < ncrawls && got < quota && !ads_fetch_full(f); ci++) {
		url = xasprintf("%s/%s-index?url=%s%s&output=json&limit=%lld"
		    "&filter=%%3Dstatus%%3A200", ibase, crawls[ci], esc,
		    domain ? "&matchType=domain" : "", lim);
		memset(&q, 0, sizeof(q));
		q.url = url;
		q.cacherefusal = 1;	/* "no captures" is a 404 */
		if (ads_http_do(index, &q, &r) != 0) {
			ads_fetch_fail(f, "%s in %s: %s", f->query, crawls[ci],
			    r.err);
			ads_http_resp_free(&r);
			free(url);
			continue;
		}
		free(url);
		if (r.status == 404) {
			ads_http_resp_free(&r);
			continue;
		}
		if (r.status != 200) {
			ads_fetch_fail(f, "%s in %s: HTTP %ld", f->query,
			    crawls[ci], r.status);
			ads_http_resp_free(&r);
			continue;
		}
		n = 0;
		for (p = r.body; p < r.body + r.len; p = e + 1) {
			e = memchr(p, '\n', (size_t)(r.body + r.len - p));
			if (e == NULL)
				e = r.body + r.len;
			if (e == p)
				continue;
			if (n == cap) {
				cap = cap * 2 + 64;
				caps = xreallocarray(caps, cap, sizeof(*caps));
			}
			if (cc_capture_parse(p, (size_t)(e - p), &caps[n]) != 0) {
				ads_fetch_lost(f, "malformed");
				continue;
			}
			if (!cc_capture_html(&caps[n])) {
				ads_fetch_drop(f, "not_html");
				cc_capture_free(&caps[n]);
				continue;
			}
			id = xasprintf("commoncrawl:%s", caps[n].digest != NULL ?
			    caps[n].digest : "");
			if (caps[n].digest != NULL && ads_fetch_seen(f, id)) {
				ads_fetch_drop(f, "duplicate");
				cc_capture_free(&caps[n]);
			} else
				n++;
			free(id);
		}
		ads_http_resp_free(&r);
		got += fetchcaps(f, data, dbase, crawls[ci], caps, n,
		    quota - got);
		while (n > 0)
			cc_capture_free(&caps[--n]);
	}
	free(caps);
	free(esc);
}

/* readlist -- the paths of listfile, one a line. */
static void
readlist(const char *listfile)
{
	FILE *fp = strcmp(listfile, "-") == 0 ? stdin : fopen(listfile, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (fp == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", listfile);
	while ((n = getline(&line, &cap, fp)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0 && line[0] != '#')
			addstr(&files, &nfiles, line);
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "crawls",	required_argument,	NULL,	'C' },
		{ "crawl",	required_argument,	NULL,	'c' },
		{ "file-list",	required_argument,	NULL,	'F' },
		{ "file",	required_argument,	NULL,	'f' },
		ADS_FETCH_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct ads_fetch f;
	struct ads_http *index = NULL, *data = NULL;
	const char *ibase, *dbase, *copt = NULL;
	size_t i;
	int c;

	ads_setprogname(argv[0]);
	/* Before anything else uses libxml2. */
	article_arena();
	ads_fetch_init(&f, "commoncrawl", USAGE);
	while ((c = ads_fetch_getopt(&f, argc, argv, "C:c:F:f:" ADS_FETCH_OPTS,
	    lopts)) != -1) {
		switch (c) {
		case 'C':
			ncount = (long)ads_optnum("-C", optarg, 1, MAXCRAWLS);
			break;
		case 'c':
			copt = optarg;
			break;
		case 'F':
			readlist(optarg);
			break;
		case 'f':
			addstr(&files, &nfiles, optarg);
			break;
		}
	}
	/* Local files answer no query: their path stands for it. */
	if (nfiles > 0 && f.planpath == NULL && f.qopt == NULL)
		f.qopt = files[0];
	if (ads_fetch_start(&f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&f, NULL);
	if (nfiles > 0) {
		for (i = 0; i < nfiles && !ads_fetch_full(&f); i++)
			cc_readfile(&f, files[i]);
		ads_strv_free(files);
		return ads_fetch_finish(&f, NULL);
	}
	if (copt != NULL) {
		/* The first MAXCRAWLS. */
		crawls = ads_strv_split(copt, &ncrawls);
		for (; ncrawls > MAXCRAWLS; ncrawls--) {
			free(crawls[ncrawls - 1]);
			crawls[ncrawls - 1] = NULL;
		}
	} else
		crawls = ads_fetch_strv(&f, "crawls", &ncrawls);
	for (i = 0; i < ncrawls; i++)
		if (strncmp(crawls[i], "CC-MAIN-", 8) != 0 ||
		    strspn(crawls[i], "CMAIN-0123456789") != strlen(crawls[i]))
			ads_die(ADS_USAGE, "not a crawl id: %s (CC-MAIN-2025-43)",
			    crawls[i]);

	ads_fetch_httpopts(&o, "commoncrawl", 1, 1.0, "ADS_CC_INTERVAL", 60);
	index = ads_http_new(&o);
	o.min_interval = 0;
	o.max_conns = 4;
	data = ads_http_new(&o);
	ibase = ads_http_base("ADS_CC_INDEX_URL", INDEX_DEFAULT);
	dbase = ads_http_base("ADS_CC_DATA_URL", DATA_DEFAULT);
	if (ncrawls == 0)
		newest(&f, index, ibase);
	for (i = 0; i < f.nqueries && !ads_fetch_full(&f) && ncrawls > 0;
	    i++) {
		f.query = f.queries[i];
		fetchquery(&f, index, data, ibase, dbase,
		    ads_fetch_share(f.limit - f.nout, f.nqueries - i));
	}
	ads_strv_free(crawls);
	ads_http_free(data);
	return ads_fetch_finish(&f, index);
}
