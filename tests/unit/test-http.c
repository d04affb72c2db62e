/*
 * test-http.c -- unit tests of common/http.c and common/fetch.c without
 * a network, and, given arguments, a small HTTP client over the same
 * layer that tests/t5000-http.sh drives against the replay server:
 *
 *	test-http [-4] [-b body] [-c conns] [-H header] [-i interval]
 *	    [-M maxbytes] [-m method] [-N] [-r retries] [-S secret-header]
 *	    [-t timeout-ms] [-U userpwd] [-w max-wait] url ...
 *
 * For each url it prints "status=S cached=C tries=T len=N toolarge=L"
 * and the body
 * on stdout, and resp->err on stderr for a failure; exit 4 when any
 * request failed, else 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/http.h"
#include "../../common/util.h"
#include "unit.h"

static int
client(int argc, char *argv[])
{
	struct ads_http_opts o;
	struct ads_http_req *reqs;
	struct ads_http_resp *resps;
	struct ads_http *h;
	const char *hdrs[16], *secrets[16];
	const char *body = NULL, *method = NULL, *userpwd = NULL;
	size_t nh = 0, ns = 0, i, n, maxbytes = 0;
	int c, nocache = 0, cacherefusal = 0, nfail;

	memset(&o, 0, sizeof(o));
	o.source = "test";
	while ((c = getopt(argc, argv, "4b:c:H:i:M:m:Nr:S:t:U:w:")) != -1) {
		switch (c) {
		case '4':
			cacherefusal = 1;
			break;
		case 'b':
			body = optarg;
			break;
		case 'c':
			o.max_conns = (int)ads_optnum("-c", optarg, 1, 64);
			break;
		case 'H':
			if (nh < 15)
				hdrs[nh++] = optarg;
			break;
		case 'i':
			o.min_interval = ads_optdouble("-i", optarg, 0, 60);
			break;
		case 'M':
			maxbytes = (size_t)ads_optnum("-M", optarg, 1, 1 << 30);
			break;
		case 'm':
			method = optarg;
			break;
		case 'N':
			nocache = 1;
			break;
		case 'r':
			o.retries = (int)ads_optnum("-r", optarg, -1, 100);
			break;
		case 'S':
			if (ns < 15)
				secrets[ns++] = optarg;
			break;
		case 't':
			o.timeout_ms = ads_optnum("-t", optarg, 1, 600000);
			break;
		case 'U':
			userpwd = optarg;
			break;
		case 'w':
			o.max_wait = ads_optdouble("-w", optarg, 0.001, 86400);
			break;
		default:
			return 2;
		}
	}
	hdrs[nh] = NULL;
	secrets[ns] = NULL;
	argc -= optind;
	argv += optind;
	n = argc;
	reqs = xcalloc(n, sizeof(*reqs));
	resps = xcalloc(n, sizeof(*resps));
	for (i = 0; i < n; i++) {
		reqs[i].url = argv[i];
		reqs[i].method = method;
		reqs[i].body = body;
		reqs[i].bodylen = body != NULL ? strlen(body) : 0;
		reqs[i].headers = hdrs;
		reqs[i].secret_headers = secrets;
		reqs[i].userpwd = userpwd;
		reqs[i].nocache = nocache;
		reqs[i].maxbytes = maxbytes;
		reqs[i].cacherefusal = cacherefusal;
	}
	h = ads_http_new(&o);
	if (n == 1)
		nfail = ads_http_do(h, &reqs[0], &resps[0]) == -1;
	else
		nfail = ads_http_batch(h, reqs, resps, n);
	for (i = 0; i < n; i++) {
		printf("status=%ld cached=%d tries=%d len=%zu toolarge=%d\n",
		    resps[i].status, resps[i].cached, resps[i].tries,
		    resps[i].len, resps[i].toolarge);
		if (resps[i].body != NULL)
			fwrite(resps[i].body, 1, resps[i].len, stdout);
		printf("\n");
		if (resps[i].err[0] != '\0')
			fprintf(stderr, "test-http: %s\n", resps[i].err);
		ads_http_resp_free(&resps[i]);
	}
	ads_http_free(h);
	free(reqs);
	free(resps);
	return nfail > 0 ? 4 : 0;
}

int
main(int argc, char *argv[])
{
	struct ads_http_resp r;
	char buf[64], *s;

	ads_setprogname(argv[0]);
	if (argc > 1)
		return client(argc, argv);

	s = ads_http_escape("a b&c=d/é~");
	CHECK_STR("escape: reserved and UTF-8 bytes", s,
	    "a%20b%26c%3Dd%2F%C3%A9~");
	free(s);

	memset(&r, 0, sizeof(r));
	r.headers = xstrdup("HTTP/1.1 200 OK\r\nLink: <a>; rel=\"next\"\r\n"
	    "X-RateLimit-Remaining:  0 \r\nRetry-After: 3\r\n\r\n");
	CHECK_STR("header: case-insensitive, trimmed",
	    ads_http_header(&r, "x-ratelimit-remaining", buf, sizeof(buf)),
	    "0");
	CHECK_STR("header: first line not a header",
	    ads_http_header(&r, "link", buf, sizeof(buf)),
	    "<a>; rel=\"next\"");
	CHECK("header: absent", ads_http_header(&r, "retry", buf,
	    sizeof(buf)) == NULL);
	CHECK_STR("header: truncated to the buffer",
	    ads_http_header(&r, "link", buf, 4), "<a>");
	ads_http_resp_free(&r);
	CHECK("resp_free zeroes", r.headers == NULL && r.len == 0);

	unsetenv("ADS_TEST_BASE");
	CHECK_STR("base: default", ads_http_base("ADS_TEST_BASE",
	    "https://x.org"), "https://x.org");
	setenv("ADS_TEST_BASE", "", 1);
	CHECK_STR("base: empty means default", ads_http_base("ADS_TEST_BASE",
	    "https://x.org"), "https://x.org");
	setenv("ADS_TEST_BASE", "http://127.0.0.1:1", 1);
	CHECK_STR("base: override", ads_http_base("ADS_TEST_BASE",
	    "https://x.org"), "http://127.0.0.1:1");
	return unit_failed;
}
