/*
 * http.h -- HTTP for the fetchers and the planner (ads(7), HTTP)
 *
 * A thin layer over libcurl that every tool talking to a remote service
 * uses, so that all of them behave alike:
 *
 *	- a descriptive User-Agent: "ads/VERSION (+CONTACT) SOURCE", where
 *	  CONTACT is ADS_CONTACT or the project's URL;
 *	- connect and whole-transfer timeouts;
 *	- retries on connection errors, 429 and 5xx with exponential backoff
 *	  and jitter, honouring Retry-After (seconds or an HTTP date) and the
 *	  rate-limit headers x-ratelimit-remaining: 0 + x-ratelimit-reset
 *	  (GitHub: epoch seconds; Reddit: float seconds to wait), never
 *	  waiting longer than max_wait for one answer;
 *	- politeness: at least min_interval seconds between two requests to
 *	  one host, and at most max_conns transfers at once;
 *	- gzip, bounded redirects, TLS verification always on (the CA
 *	  bundle from CURL_CA_BUNDLE or SSL_CERT_FILE, SSL_CERT_DIR);
 *	  transport errors that asking again cannot mend (a certificate
 *	  that does not verify, a bad URL or scheme, an answer over the
 *	  cap) are not retried;
 *	- a response cache (ADS_CACHE = use | refresh | off | only, in
 *	  ADS_CACHE_DIR, default $XDG_CACHE_HOME/ads or ~/.cache/ads): one
 *	  zstd file per answer named by the SHA-256 of method, URL and body,
 *	  holding status, headers and body; only 2xx and 404 are cached,
 *	  and, for a request that asks for it (cacherefusal: a gated or
 *	  broken dataset), a refusal: a 4xx that is no rate limit, or a
 *	  501; a cached 4xx answers again only a request that, like the
 *	  one it answered, carries credentials or carries none.
 *
 * Credentials (secret_headers, userpwd) are sent but never logged, never
 * part of a cache key or file, never in resp->err, and never sent to
 * another origin: the redirects of a request with secret_headers are
 * followed here, and one that leaves the scheme, host and port it was
 * sent to goes on without them.  Query parameters
 * whose names look like credentials (key, token, secret, password, auth,
 * sig...) are replaced by REDACTED in cache keys, cache files and
 * messages.  A request with nocache set is never read from or written to
 * the cache, and so goes to the network even with ADS_CACHE=only.
 * A request with maxbytes set stops reading at that size: the answer
 * keeps its status with toolarge set and the body read so far, is not
 * cached, is not retried and does not count as failed.
 *
 * Bounds on hostile servers (ads(7), Hostile answers):
 *
 *	- an answer is counted after content decoding (a gzip bomb stops
 *	  at the cap): one answer at most ADS_HTTP_MAX_BODY (32 MiB), the
 *	  answers of one batch together at most ADS_HTTP_BUDGET (192 MiB);
 *	  past either the request fails for good;
 *	- a transfer slower than ADS_HTTP_LOW_SPEED bytes/s (100) for
 *	  ADS_HTTP_LOW_SPEED_TIME seconds (20) is cut off and retried;
 *	- after ADS_HTTP_HOST_FAILURES attempts in a row at one host failed
 *	  (no answer, or 5xx; default 6, 0 never), that host is given up on
 *	  for the run, said once; its requests then fail at once;
 *	- an untrusted request (a URL taken from a search result or another
 *	  third-party answer) connects only to public unicast addresses, or
 *	  to those listed in ADS_ALLOW_PRIVATE (tests), checked for every
 *	  connection, redirects and reused connections included, before it
 *	  is made; and only over http or https.  A refused one fails with
 *	  resp->blocked set and counts in stats.blocked, not stats.failed;
 *	- cache directories are made 0700, cache files through mkstemp, and
 *	  cache files are never read through a symbolic link.
 *
 *	struct ads_http_opts o = { .source = "arxiv", .min_interval = 3.0 };
 *	struct ads_http *h = ads_http_new(&o);
 *	struct ads_http_req q = { .url = url };
 *	struct ads_http_resp r;
 *
 *	if (ads_http_do(h, &q, &r) == -1)
 *		ads_warn("%s", r.err);
 *	else if (r.status != 200) ...
 *	ads_http_resp_free(&r);
 *	ads_http_free(h);
 */
#ifndef ADS_HTTP_H
#define ADS_HTTP_H

#include <stddef.h>

struct ads_http;

struct ads_http_opts {
	const char	*source;	/* "arxiv": User-Agent, cache namespace, messages */
	double		 min_interval;	/* seconds between two requests to one host (arXiv 3.0) */
	int		 max_conns;	/* concurrent transfers in ads_http_batch (1 = serial) */
	int		 retries;	/* after the first try; default 4 when 0 */
	long		 timeout_ms;	/* whole transfer; default 30000 when 0 */
	long		 connect_timeout_ms;	/* default 10000 when 0 */
	double		 max_wait;	/* longest Retry-After / rate-limit wait honoured, seconds; default 120 */
	double		 low_speed_time;	/* seconds under ADS_HTTP_LOW_SPEED bytes/s that end a transfer; default 20, < 0 never (an LLM thinking) */
};

struct ads_http_req {
	const char	*method;	/* NULL = GET */
	const char	*url;
	const char	*body;		/* POST body or NULL */
	size_t		 bodylen;
	const char	*const *headers;	/* NULL-terminated "Name: value", or NULL */
	const char	*const *secret_headers;	/* credentials: sent, never logged, never in the cache key */
	const char	*userpwd;	/* HTTP Basic "user:key" (secret), or NULL */
	int		 nocache;	/* never cache this one (token requests) */
	size_t		 maxbytes;	/* stop reading past this many body bytes; 0 = ADS_HTTP_MAX_BODY */
	int		 cacherefusal;	/* a refusal (4xx, 501) may be cached (see above) */
	int		 untrusted;	/* the URL came from a third party: public addresses only */
};

struct ads_http_resp {
	long		 status;	/* HTTP status of the final answer; 0 on transport failure */
	char		*body;		/* NUL-terminated, len bytes; decoded (gzip) */
	size_t		 len;
	char		*headers;	/* raw header block of the final answer */
	char		*url;		/* effective URL after redirects */
	int		 cached;	/* answered from the cache */
	int		 tries;		/* attempts made */
	int		 toolarge;	/* the body passed req->maxbytes: cut, not cached */
	int		 blocked;	/* untrusted, refused: a private address or not http(s) */
	char		 err[256];	/* why it failed, secrets never included */
};

/*
 * ads_http_new -- a client with options o (copied; a zeroed field takes
 * its default).  Initialises libcurl once per process.  Exits ADS_SYSTEM
 * when libcurl cannot start.  Environment read here: ADS_CACHE,
 * ADS_CACHE_DIR, XDG_CACHE_HOME, HOME, ADS_CONTACT, ADS_HTTP_BACKOFF
 * (base backoff in seconds, default 1; tests lower it), ADS_HTTP_RETRIES,
 * ADS_HTTP_TIMEOUT_MS, ADS_HTTP_MAX_WAIT, ADS_HTTP_MAX_BODY,
 * ADS_HTTP_BUDGET, ADS_HTTP_LOW_SPEED, ADS_HTTP_LOW_SPEED_TIME,
 * ADS_HTTP_HOST_FAILURES and ADS_ALLOW_PRIVATE (a bad list exits
 * ADS_USAGE).
 */
struct ads_http *ads_http_new(const struct ads_http_opts *o);

/* ads_http_free -- free h (NULL is fine). */
void ads_http_free(struct ads_http *h);

/*
 * ads_http_do -- perform req and fill resp (which the caller frees with
 * ads_http_resp_free, whatever the result).  Returns 0 when an HTTP
 * answer arrived (any status, after retries of 429/5xx), -1 on transport
 * failure after retries, or a cache miss with ADS_CACHE=only (resp->err
 * says which).
 */
int ads_http_do(struct ads_http *h, const struct ads_http_req *req,
    struct ads_http_resp *resp);

/*
 * ads_http_batch -- n requests with up to max_conns at once (curl
 * multi), politeness kept; resps[i] answers reqs[i].  Returns the number
 * that failed (-1 each as for ads_http_do).
 */
int ads_http_batch(struct ads_http *h, const struct ads_http_req *reqs,
    struct ads_http_resp *resps, size_t n);

/*
 * ads_http_cached -- 1 when the cache would answer req now (ADS_CACHE use
 * or only, and a file for its key), else 0: so that a tool can skip
 * work only the network needs, such as fetching an OAuth token.
 */
int ads_http_cached(const struct ads_http *h, const struct ads_http_req *req);

/* ads_http_resp_free -- free what resp holds; it is zeroed again. */
void ads_http_resp_free(struct ads_http_resp *r);

/*
 * ads_http_header -- the value of header name (case-insensitive) in the
 * final answer, copied into buf (len bytes, truncated), or NULL when
 * absent.
 */
const char *ads_http_header(const struct ads_http_resp *r, const char *name,
    char *buf, size_t len);

/*
 * ads_http_escape -- URL-encode s with curl_easy_escape(3) (RFC 3986
 * unreserved characters kept); caller frees.
 */
char *ads_http_escape(const char *s);

/*
 * ads_http_base -- the base URL for a host: getenv(envname) when set and
 * non-empty, else dflt (e.g. "ADS_ARXIV_URL", "https://export.arxiv.org").
 * The result is borrowed (environment or dflt).
 */
const char *ads_http_base(const char *envname, const char *dflt);

/* Counters for progress and summaries. */
struct ads_http_stats {
	long	requests;	/* requests answered, from the network or cache */
	long	retries;	/* extra attempts made */
	long	cached;		/* answered from the cache */
	long	failed;		/* failed for good (-1), blocked ones aside */
	long	blocked;	/* untrusted requests refused (resp.blocked) */
};

/* ads_http_stats -- copy h's counters into st. */
void ads_http_stats(const struct ads_http *h, struct ads_http_stats *st);

#endif
