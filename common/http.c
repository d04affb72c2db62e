/*
 * http.c -- HTTP through libcurl: retries, politeness, cache (http.h)
 *
 * Every request, single or batched, goes through one loop over a curl
 * multi handle.  Each request is a small state machine: waiting until
 * its host may be asked again (min_interval, or a rate-limit wait),
 * running, or done.  A transport error, a 429 or a retryable 5xx sends
 * it back to waiting with a delay: the server's Retry-After or
 * rate-limit reset when given, else exponential backoff with jitter.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <curl/curl.h>
#include <zstd.h>

#include "buf.h"
#include "hash.h"
#include "http.h"
#include "progress.h"
#include "util.h"

#ifndef ADS_VERSION
#define ADS_VERSION ADS_VERSION_STRING
#endif

#define CONTACT_DEFAULT	"https://github.com/ads-tools/ads"
#define MAX_BODY	(32UL * 1024 * 1024)	/* one answer, decoded */
#define MAX_BUDGET	(192UL * 1024 * 1024)	/* the answers of one batch */
#define MAX_CACHED	(512UL * 1024 * 1024)	/* a cache file, decoded */
#define HOST_FAILURES	6
#define LOW_SPEED	100L		/* bytes per second ... */
#define LOW_SPEED_TIME	20L		/* ... for this many seconds */
#define MAX_ALLOWED	16		/* addresses in ADS_ALLOW_PRIVATE */
#define MAX_REDIRS	10L
#define CACHE_MAGIC	"ads-http-cache 1\n"

enum cachemode { CACHE_USE, CACHE_REFRESH, CACHE_OFF, CACHE_ONLY };

struct host {
	char	*name;
	double	 next;		/* monotonic time of the next allowed start */
	int	 fails;		/* consecutive failed attempts */
	int	 dead;		/* given up on for this run */
};

/* An address ADS_ALLOW_PRIVATE lets untrusted requests reach. */
struct allowed {
	int		family;		/* AF_INET or AF_INET6 */
	unsigned char	addr[16];
};

struct ads_http {
	struct ads_http_opts	 o;
	char			*source;
	char			*ua;
	enum cachemode		 cmode;
	char			*cachedir;	/* NULL: no cache */
	double			 backoff;	/* base backoff, seconds */
	CURLM			*multi;
	struct host		*hosts;
	size_t			 nhosts;
	struct ads_http_stats	 st;
	unsigned int		 seed;
	size_t			 maxbody;	/* one answer's cap */
	size_t			 budget;	/* a batch's answers together */
	size_t			 held;		/* bytes held by this batch */
	int			 hostfailures;	/* give a host up after these */
	long			 lowspeed, lowspeedtime;
	struct allowed		 allow[MAX_ALLOWED];
	int			 nallow;
};

enum state { WAITING, RUNNING, DONE };

/* One request in flight inside ads_http_batch(). */
struct xfer {
	const struct ads_http_req *req;
	struct ads_http_resp	*resp;
	enum state		 state;
	double			 at;		/* earliest start, monotonic */
	size_t			 host;		/* index in h->hosts, which may move */
	CURL			*easy;
	struct curl_slist	*hdrs;
	struct ads_buf		 body;
	struct ads_buf		 head;
	char			 errbuf[CURL_ERROR_SIZE];
	char			 key[2 * ADS_SHA256_LEN + 1];
	int			 failed;
	int			 toobig;	/* the body passed maxbody */
	int			 overbudget;	/* ... or the batch's budget */
	size_t			 counted;	/* bytes of body in h->held */
	int			 blocked;	/* a private address was refused */
	char			 blockedaddr[INET6_ADDRSTRLEN];
	struct ads_http		*h;
	int			 cut;		/* the body passed req->maxbytes */
	/* Redirects of a request with credentials, followed here. */
	char			*url;		/* the target, or NULL */
	int			 nredirs;
	int			 nosecrets;	/* the target is another origin */
	int			 asget;		/* 303, or 301/302 after POST */
	int			 redirecting;	/* not a retry */
};

static int curl_ready;

/*
 * envnum -- the number in environment variable name (with sized, a byte
 * size: an optional K, M or G after it), or dflt when unset or bad (bad:
 * a warning).
 */
static double
envnum(const char *name, double dflt, double lo, double hi, int sized)
{
	static const char units[] = "kmg";
	const char *s = ads_getenv_nonempty(name), *u;
	char *end;
	double d;

	if (s == NULL)
		return dflt;
	errno = 0;
	d = strtod(s, &end);
	if (sized && *end != '\0' &&
	    (u = strchr(units, tolower((unsigned char)*end))) != NULL) {
		for (; u >= units; u--)
			d *= 1024;
		end++;
	}
	if (errno != 0 || *end != '\0' || !(d >= lo && d <= hi)) {
		ads_warn("%s: ignoring bad value: %s", name, s);
		return dflt;
	}
	return d;
}

/*
 * setallowed -- read ADS_ALLOW_PRIVATE: IP addresses, separated by
 * commas or blanks, that untrusted requests may connect to although
 * they are not public (tests: the replay server's 127.0.0.1).  A value
 * that is not a list of addresses is a usage error.
 */
static void
setallowed(struct ads_http *h)
{
	const char *s = ads_getenv_nonempty("ADS_ALLOW_PRIVATE");
	char *dup, *tok, *save = NULL, *p;
	struct allowed *a;

	if (s == NULL)
		return;
	dup = xstrdup(s);
	for (p = dup; (tok = strtok_r(p, ", \t", &save)) != NULL; p = NULL) {
		if (h->nallow == MAX_ALLOWED)
			ads_die(ADS_USAGE, "ADS_ALLOW_PRIVATE: more than %d "
			    "addresses", MAX_ALLOWED);
		a = &h->allow[h->nallow];
		memset(a, 0, sizeof(*a));
		if (inet_pton(AF_INET, tok, a->addr) == 1)
			a->family = AF_INET;
		else if (inet_pton(AF_INET6, tok, a->addr) == 1)
			a->family = AF_INET6;
		else
			ads_die(ADS_USAGE, "ADS_ALLOW_PRIVATE: not an IP "
			    "address: %s", tok);
		h->nallow++;
	}
	free(dup);
}

static int
public4(const unsigned char *a)
{
	/* Not public unicast (RFC 6890 and friends). */
	static const struct {
		unsigned long	net;
		int		bits;
	} bad[] = {
		{ 0x00000000UL, 8 },	/* this network */
		{ 0x0a000000UL, 8 },	/* private */
		{ 0x64400000UL, 10 },	/* shared (carrier-grade NAT) */
		{ 0x7f000000UL, 8 },	/* loopback */
		{ 0xa9fe0000UL, 16 },	/* link local, cloud metadata */
		{ 0xac100000UL, 12 },	/* private */
		{ 0xc0000000UL, 24 },	/* IETF protocol assignments */
		{ 0xc0000200UL, 24 },	/* documentation */
		{ 0xc0586300UL, 24 },	/* 6to4 relay anycast */
		{ 0xc0a80000UL, 16 },	/* private */
		{ 0xc6120000UL, 15 },	/* benchmarking */
		{ 0xc6336400UL, 24 },	/* documentation */
		{ 0xcb007100UL, 24 },	/* documentation */
		{ 0xe0000000UL, 4 },	/* multicast */
		{ 0xf0000000UL, 4 },	/* reserved, broadcast */
	};
	unsigned long v = (unsigned long)a[0] << 24 | (unsigned long)a[1] <<
	    16 | (unsigned long)a[2] << 8 | a[3], mask;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mask = (0xffffffffUL << (32 - bad[i].bits)) & 0xffffffffUL;
		if ((v & mask) == bad[i].net)
			return 0;
	}
	return 1;
}

/* The prefix of an IPv4-mapped IPv6 address, ::ffff:0:0/96. */
static const unsigned char mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

static int
public6(const unsigned char *a)
{
	static const unsigned char nat64[12] = {
		0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0
	};

	/* IPv4 inside IPv6: the IPv4 address decides. */
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return public4(a + 12);
	/*
	 * Only global unicast (2000::/3): this leaves out ::, ::1, the
	 * IPv4-compatible ::/96, fc00::/7, fe80::/10, fec0::/10 and
	 * ff00::/8 among others.
	 */
	if ((a[0] & 0xe0) != 0x20)
		return 0;
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] < 0x02)
		return 0;	/* 2001::/23: Teredo, benchmarking, ORCHID */
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
		return 0;	/* documentation */
	if (a[0] == 0x20 && a[1] == 0x02)
		return public4(a + 2);	/* 6to4 */
	return 1;
}

/*
 * addrok -- 1 when an untrusted request may connect to address
 * (family, a: 4 or 16 bytes): a public unicast address, or one that
 * ADS_ALLOW_PRIVATE lists.  Its text goes into buf either way.
 */
static int
addrok(const struct ads_http *h, int family, const unsigned char *a,
    char *buf, size_t len)
{
	int i;

	if (inet_ntop(family, a, buf, len) == NULL)
		snprintf(buf, len, "?");
	if (family == AF_INET6 && memcmp(a, mapped, 12) == 0) {
		family = AF_INET;
		a += 12;
	}
	for (i = 0; i < h->nallow; i++)
		if (h->allow[i].family == family && memcmp(h->allow[i].addr,
		    a, family == AF_INET ? 4 : 16) == 0)
			return 1;
	if (family == AF_INET)
		return public4(a);
	if (family == AF_INET6)
		return public6(a);
	return 0;
}

static char *
cachedir(const char *source)
{
	const char *d, *home;

	d = ads_getenv_nonempty("ADS_CACHE_DIR");
	if (d != NULL)
		return xasprintf("%s/%s", d, source);
	d = ads_getenv_nonempty("XDG_CACHE_HOME");
	if (d != NULL)
		return xasprintf("%s/ads/%s", d, source);
	home = ads_getenv_nonempty("HOME");
	if (home != NULL)
		return xasprintf("%s/.cache/ads/%s", home, source);
	return NULL;
}

struct ads_http *
ads_http_new(const struct ads_http_opts *o)
{
	struct ads_http *h;
	const char *s, *contact;

	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			ads_die(ADS_SYSTEM, "cannot initialise libcurl");
		curl_ready = 1;
	}
	h = xcalloc(1, sizeof(*h));
	h->o = *o;
	h->source = xstrdup(o->source != NULL ? o->source : "ads");
	h->o.source = h->source;
	if (h->o.max_conns < 1)
		h->o.max_conns = 1;
	if (h->o.retries == 0)
		h->o.retries = 4;
	if (h->o.retries < 0)
		h->o.retries = 0;
	h->o.retries = (int)envnum("ADS_HTTP_RETRIES", h->o.retries, 0,
	    100, 0);
	if (h->o.timeout_ms <= 0)
		h->o.timeout_ms = 30000;
	h->o.timeout_ms = (long)envnum("ADS_HTTP_TIMEOUT_MS",
	    h->o.timeout_ms, 1, 86400000, 0);
	if (h->o.connect_timeout_ms <= 0)
		h->o.connect_timeout_ms = 10000;
	if (h->o.max_wait <= 0)
		h->o.max_wait = 120;
	h->o.max_wait = envnum("ADS_HTTP_MAX_WAIT", h->o.max_wait, 0,
	    86400, 0);
	if (h->o.min_interval < 0)
		h->o.min_interval = 0;
	h->backoff = envnum("ADS_HTTP_BACKOFF", 1.0, 0, 3600, 0);
	h->maxbody = (size_t)envnum("ADS_HTTP_MAX_BODY", MAX_BODY, 1024,
	    (double)MAX_CACHED, 1);
	h->budget = (size_t)envnum("ADS_HTTP_BUDGET", MAX_BUDGET, 1024,
	    64.0 * 1024 * 1024 * 1024, 1);
	if (h->budget < h->maxbody)
		h->budget = h->maxbody;
	h->hostfailures = (int)envnum("ADS_HTTP_HOST_FAILURES",
	    HOST_FAILURES, 0, 1000000, 0);
	h->lowspeed = (long)envnum("ADS_HTTP_LOW_SPEED", LOW_SPEED, 0,
	    1e9, 0);
	if (h->o.low_speed_time == 0)
		h->o.low_speed_time = LOW_SPEED_TIME;
	h->lowspeedtime = h->o.low_speed_time < 0 ? 0 :
	    (long)envnum("ADS_HTTP_LOW_SPEED_TIME", h->o.low_speed_time,
	    0, 86400, 0);
	setallowed(h);
	contact = ads_getenv_nonempty("ADS_CONTACT");
	if (contact == NULL)
		contact = CONTACT_DEFAULT;
	h->ua = xasprintf("ads/%s (+%s) %s", ADS_VERSION, contact, h->source);

	h->cmode = CACHE_USE;
	s = ads_getenv_nonempty("ADS_CACHE");
	if (s == NULL || strcmp(s, "use") == 0)
		h->cmode = CACHE_USE;
	else if (strcmp(s, "refresh") == 0)
		h->cmode = CACHE_REFRESH;
	else if (strcmp(s, "off") == 0)
		h->cmode = CACHE_OFF;
	else if (strcmp(s, "only") == 0)
		h->cmode = CACHE_ONLY;
	else
		ads_die(ADS_USAGE, "ADS_CACHE must be use, refresh, off or "
		    "only: %s", s);
	if (h->cmode != CACHE_OFF)
		h->cachedir = cachedir(h->source);
	h->multi = curl_multi_init();
	if (h->multi == NULL)
		ads_die(ADS_SYSTEM, "cannot initialise libcurl");
	/* One host never gets more connections than transfers allowed. */
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)h->o.max_conns);
	h->seed = (unsigned int)getpid() ^ (unsigned int)time(NULL);
	return h;
}

void
ads_http_free(struct ads_http *h)
{
	size_t i;

	if (h == NULL)
		return;
	curl_multi_cleanup(h->multi);
	for (i = 0; i < h->nhosts; i++)
		free(h->hosts[i].name);
	free(h->hosts);
	free(h->cachedir);
	free(h->ua);
	free(h->source);
	free(h);
}

void
ads_http_stats(const struct ads_http *h, struct ads_http_stats *st)
{
	*st = h->st;
}

void
ads_http_resp_free(struct ads_http_resp *r)
{
	if (r == NULL)
		return;
	free(r->body);
	free(r->headers);
	free(r->url);
	memset(r, 0, sizeof(*r));
}

const char *
ads_http_base(const char *envname, const char *dflt)
{
	const char *s = ads_getenv_nonempty(envname);

	return s != NULL ? s : dflt;
}

char *
ads_http_escape(const char *s)
{
	char *e, *r;

	e = curl_easy_escape(NULL, s, 0);
	if (e == NULL)
		ads_die(ADS_SYSTEM, "out of memory");
	r = xstrdup(e);
	curl_free(e);
	return r;
}

const char *
ads_http_header(const struct ads_http_resp *r, const char *name, char *buf,
    size_t len)
{
	const char *p, *e, *v;
	size_t nl = strlen(name), n;

	if (r == NULL || r->headers == NULL || len == 0)
		return NULL;
	for (p = r->headers; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) <= nl || p[nl] != ':' ||
		    strncasecmp(p, name, nl) != 0)
			continue;
		v = p + nl + 1;
		while (v < e && (*v == ' ' || *v == '\t'))
			v++;
		n = e - v;
		while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == ' ' ||
		    v[n - 1] == '\t'))
			n--;
		if (n >= len)
			n = len - 1;
		memcpy(buf, v, n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

/*
 * secretparam -- 1 when a query parameter name looks like a credential
 * (key, api_key, access_token, client_secret, password, sig...).
 */
static int
secretparam(const char *name, size_t n)
{
	static const char *const words[] = {
		"key", "token", "secret", "password", "passwd", "auth",
		"signature", "sig"
	};
	char low[64];
	size_t i;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * redact -- url with the values of credential-like query parameters
 * and any userinfo removed; used for cache keys and messages.  Caller
 * frees.
 */
static char *
redact(const char *url)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p, *q, *at, *slash, *eq, *amp;

	p = strstr(url, "://");
	if (p != NULL) {
		p += 3;
		slash = p + strcspn(p, "/?#");
		at = memchr(p, '@', slash - p);
		ads_buf_add(&b, url, p - url);
		if (at != NULL)
			p = at + 1;
	} else
		p = url;
	q = strchr(p, '?');
	if (q == NULL) {
		ads_buf_adds(&b, p);
		return ads_buf_detach(&b, NULL);
	}
	ads_buf_add(&b, p, q + 1 - p);
	for (p = q + 1; *p != '\0'; p = *amp != '\0' ? amp + 1 : amp) {
		amp = p + strcspn(p, "&#");
		eq = memchr(p, '=', amp - p);
		if (eq != NULL && secretparam(p, eq - p)) {
			ads_buf_add(&b, p, eq + 1 - p);
			ads_buf_adds(&b, "REDACTED");
		} else
			ads_buf_add(&b, p, amp - p);
		if (*amp == '&')
			ads_buf_addc(&b, '&');
		else if (*amp == '#') {
			ads_buf_adds(&b, amp);
			break;
		}
	}
	return ads_buf_detach(&b, NULL);
}

static size_t
hostof(struct ads_http *h, const char *url)
{
	const char *p, *e;
	size_t i, n;

	p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;
	e = p + strcspn(p, "/?#");
	n = e - p;
	for (i = 0; i < h->nhosts; i++)
		if (strlen(h->hosts[i].name) == n &&
		    strncasecmp(h->hosts[i].name, p, n) == 0)
			return i;
	h->hosts = xreallocarray(h->hosts, h->nhosts + 1, sizeof(*h->hosts));
	h->hosts[h->nhosts].name = xstrndup(p, n);
	h->hosts[h->nhosts].next = 0;
	h->hosts[h->nhosts].fails = 0;
	h->hosts[h->nhosts].dead = 0;
	return h->nhosts++;
}

/* credentialed -- 1 when req carries credentials. */
static int
credentialed(const struct ads_http_req *req)
{
	return req->userpwd != NULL || (req->secret_headers != NULL &&
	    req->secret_headers[0] != NULL);
}

/*
 * refusedbefore -- 1 (and resp emptied) when a cached refusal (a 4xx
 * other than 404) was stored for a request with credentials and req
 * has none, or the other way round: credentials may open what was
 * closed, and their absence close it.
 */
static int
refusedbefore(const struct ads_http_req *req, struct ads_http_resp *resp,
    int cred)
{
	if (resp->status < 400 || resp->status == 404 || resp->status >= 500 ||
	    cred == credentialed(req))
		return 0;
	ads_http_resp_free(resp);
	return 1;
}

/* The cache key: SHA-256 of method, redacted URL and body. */
static void
cachekey(const struct ads_http_req *req, char *hex)
{
	struct ads_buf b = ADS_BUF_INIT;
	char *u = redact(req->url);

	ads_buf_addf(&b, "%s\n%s\n", req->method != NULL ? req->method :
	    "GET", u);
	if (req->body != NULL)
		ads_buf_add(&b, req->body, req->bodylen);
	ads_hash_sha256_hex(b.p, b.len, hex);
	ads_buf_free(&b);
	free(u);
}

static char *
cachepath(const struct ads_http *h, const char *key)
{
	return xasprintf("%s/%.2s/%s.zst", h->cachedir, key, key);
}

/*
 * cacheget -- fill resp from the cache file for key.  Returns 0 on a
 * hit, -1 on a miss or an unreadable file.
 */
static int
cacheget(struct ads_http *h, const char *key, struct ads_http_resp *resp,
    int *cred)
{
	char *path, *raw = NULL, *dat = NULL, *p, *e;
	unsigned long long n;
	long status;
	size_t ulen, hlen, blen, got;
	struct stat sb;
	int fd, rc = -1;

	if (h->cachedir == NULL)
		return -1;
	path = cachepath(h, key);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size <= 0 || (unsigned long long)sb.st_size > MAX_CACHED)
		goto out;
	raw = xmalloc(sb.st_size);
	if (read(fd, raw, sb.st_size) != sb.st_size)
		goto out;
	n = ZSTD_getFrameContentSize(raw, sb.st_size);
	if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR ||
	    n > MAX_CACHED)
		goto out;
	dat = xmalloc(n + 1);
	got = ZSTD_decompress(dat, n, raw, sb.st_size);
	if (ZSTD_isError(got) || got != n)
		goto out;
	dat[n] = '\0';
	if (strncmp(dat, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) != 0)
		goto out;
	p = dat + sizeof(CACHE_MAGIC) - 1;
	*cred = 0;
	if (sscanf(p, "%ld %zu %zu %zu %d", &status, &ulen, &hlen, &blen,
	    cred) < 4)
		goto out;
	e = strchr(p, '\n');
	if (e == NULL)
		goto out;
	p = e + 1;
	if (ulen > n || hlen > n || blen > n ||
	    (size_t)(dat + n - p) != ulen + hlen + blen)
		goto out;
	resp->status = status;
	resp->url = xstrndup(p, ulen);
	resp->headers = xstrndup(p + ulen, hlen);
	resp->body = xmalloc(blen + 1);
	memcpy(resp->body, p + ulen + hlen, blen);
	resp->body[blen] = '\0';
	resp->len = blen;
	resp->cached = 1;
	rc = 0;
out:
	close(fd);
	free(raw);
	free(dat);
	return rc;
}

static int
mkdirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/*
 * cacheput -- store resp under key, atomically (temporary file and
 * rename).  Failures are reported once and otherwise ignored: a cache
 * that cannot be written only makes the next run slower.  The URL kept
 * is redacted.
 */
static void
cacheput(struct ads_http *h, const char *key, const struct ads_http_resp *resp,
    int cred)
{
	static int warned;
	struct ads_buf b = ADS_BUF_INIT;
	char *dir, *path, *tmp, *u, *z;
	size_t zn, zc;
	FILE *fp;
	int fd, ok = 0;

	if (h->cachedir == NULL)
		return;
	u = redact(resp->url != NULL ? resp->url : "");
	ads_buf_adds(&b, CACHE_MAGIC);
	ads_buf_addf(&b, "%ld %zu %zu %zu %d\n", resp->status, strlen(u),
	    resp->headers != NULL ? strlen(resp->headers) : 0, resp->len,
	    cred);
	ads_buf_adds(&b, u);
	if (resp->headers != NULL)
		ads_buf_adds(&b, resp->headers);
	ads_buf_add(&b, resp->body != NULL ? resp->body : "", resp->len);
	free(u);
	zc = ZSTD_compressBound(b.len);
	z = xmalloc(zc);
	zn = ZSTD_compress(z, zc, b.p, b.len, 3);
	ads_buf_free(&b);
	dir = xasprintf("%s/%.2s", h->cachedir, key);
	path = cachepath(h, key);
	/* A name nobody can guess or plant a link at. */
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if (!ZSTD_isError(zn) && mkdirs(dir) == 0 &&
	    (fd = mkstemp(tmp)) != -1) {
		fp = fdopen(fd, "wb");
		if (fp == NULL) {
			close(fd);
			unlink(tmp);
		} else {
			ok = fwrite(z, 1, zn, fp) == zn;
			if (fclose(fp) != 0)
				ok = 0;
			if (ok && rename(tmp, path) == -1)
				ok = 0;
			if (!ok)
				unlink(tmp);
		}
	}
	if (!ok && !warned) {
		warned = 1;
		ads_warn_errno("cannot write the HTTP cache in %s", h->cachedir);
	}
	free(z);
	free(dir);
	free(path);
	free(tmp);
}

static size_t
onbody(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	n *= size;
	if (x->req->maxbytes > 0 && x->body.len + n > x->req->maxbytes) {
		x->cut = 1;
		return 0;
	}
	if (x->body.len + n > x->h->maxbody) {
		x->toobig = 1;
		return 0;
	}
	if (x->h->held + n > x->h->budget) {
		x->overbudget = 1;
		return 0;
	}
	ads_buf_add(&x->body, p, n);
	x->h->held += n;
	x->counted += n;
	return n;
}

/* Keep only the header block of the last answer (after redirects). */
static size_t
onheader(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0)
		ads_buf_reset(&x->head);
	if (x->head.len + n < 1024 * 1024)
		ads_buf_add(&x->head, p, size * n);
	return size * n;
}

/*
 * onopensocket -- libcurl is about to connect an untrusted request to
 * sa: refuse (before any packet leaves) an address that is not public
 * unicast, unless ADS_ALLOW_PRIVATE lists it.  Called for every
 * connection, redirects included.
 */
static curl_socket_t
onopensocket(void *arg, curlsocktype purpose, struct curl_sockaddr *sa)
{
	struct xfer *x = arg;
	const unsigned char *a = NULL;
	int ok = 0;

	(void)purpose;
	if (sa->family == AF_INET)
		a = (const unsigned char *)&((const struct sockaddr_in *)
		    (const void *)&sa->addr)->sin_addr;
	else if (sa->family == AF_INET6)
		a = (const unsigned char *)&((const struct sockaddr_in6 *)
		    (const void *)&sa->addr)->sin6_addr;
	if (a != NULL)
		ok = addrok(x->h, sa->family, a, x->blockedaddr,
		    sizeof(x->blockedaddr));
	else
		snprintf(x->blockedaddr, sizeof(x->blockedaddr),
		    "family %d", sa->family);
	if (!ok) {
		x->blocked = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(sa->family, sa->socktype, sa->protocol);
}

/*
 * onprereq -- the same check on the address of a connection about to
 * carry an untrusted request, which also covers a connection reused
 * from the pool (opened by a trusted request).
 */
static int
onprereq(void *arg, char *ip, char *local, int port, int lport)
{
	struct xfer *x = arg;
	unsigned char a[16];
	int family;

	(void)local;
	(void)port;
	(void)lport;
	family = inet_pton(AF_INET, ip, a) == 1 ? AF_INET :
	    inet_pton(AF_INET6, ip, a) == 1 ? AF_INET6 : AF_UNSPEC;
	if (family == AF_UNSPEC)
		snprintf(x->blockedaddr, sizeof(x->blockedaddr), "%s", ip);
	if (family == AF_UNSPEC || !addrok(x->h, family, a, x->blockedaddr,
	    sizeof(x->blockedaddr))) {
		x->blocked = 1;
		return CURL_PREREQFUNC_ABORT;
	}
	return CURL_PREREQFUNC_OK;
}

/* httpurl -- 1 when url's scheme is http or https. */
static int
httpurl(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

static void
start(struct ads_http *h, struct xfer *x)
{
	const struct ads_http_req *q = x->req;
	const char *const *hp;
	const char *m = q->method != NULL ? q->method : "GET";
	const char *ca;
	CURL *e;

	e = curl_easy_init();
	if (e == NULL)
		ads_die(ADS_SYSTEM, "cannot initialise libcurl");
	x->easy = e;
	x->h = h;
	h->held -= x->counted < h->held ? x->counted : h->held;
	x->counted = 0;
	x->blocked = 0;
	ads_buf_reset(&x->body);
	ads_buf_reset(&x->head);
	x->errbuf[0] = '\0';
	curl_easy_setopt(e, CURLOPT_URL, x->url != NULL ? x->url : q->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->ua);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onbody);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onheader);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	/*
	 * libcurl drops Authorization and the user and password when a
	 * redirect leaves the host, but sends every other header on:
	 * follow the redirects of a request with credentials here, so an
	 * API key header never reaches another origin.
	 */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION,
	    q->secret_headers != NULL ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, MAX_REDIRS);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, h->o.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* A host that drips its answer is cut off, not waited for. */
	if (h->lowspeedtime > 0 && h->lowspeed > 0) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, h->lowspeed);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->lowspeedtime);
	}
	if (q->untrusted) {
		curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, onopensocket);
		curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
		curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, onprereq);
		curl_easy_setopt(e, CURLOPT_PREREQDATA, x);
	}
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	ca = ads_getenv_nonempty("CURL_CA_BUNDLE");
	if (ca == NULL)
		ca = ads_getenv_nonempty("SSL_CERT_FILE");
	if (ca != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	ca = ads_getenv_nonempty("SSL_CERT_DIR");
	if (ca != NULL)
		curl_easy_setopt(e, CURLOPT_CAPATH, ca);
	if (q->body != NULL && !x->asget) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)q->bodylen);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, q->body);
	}
	if (strcmp(m, "GET") != 0 && !(strcmp(m, "POST") == 0 &&
	    q->body != NULL) && !x->asget)
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m);
	if (q->userpwd != NULL && !x->nosecrets) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERPWD, q->userpwd);
	}
	curl_slist_free_all(x->hdrs);
	x->hdrs = NULL;
	for (hp = q->headers; hp != NULL && *hp != NULL; hp++)
		x->hdrs = curl_slist_append(x->hdrs, *hp);
	for (hp = q->secret_headers; hp != NULL && *hp != NULL &&
	    !x->nosecrets; hp++)
		x->hdrs = curl_slist_append(x->hdrs, *hp);
	/* No "Expect: 100-continue" pause on POST. */
	x->hdrs = curl_slist_append(x->hdrs, "Expect:");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	if (!x->redirecting) {
		x->resp->tries++;
		if (x->resp->tries > 1)
			h->st.retries++;
	}
	x->redirecting = 0;
	x->state = RUNNING;
	h->hosts[x->host].next = ads_monotime() + h->o.min_interval;
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK)
		ads_die(ADS_SYSTEM, "cannot start a transfer");
}

static int
retryable(long status, int ratelimited)
{
	/* GitHub's rate limits answer 403; other 4xx never mend. */
	if (status == 429 || (ratelimited && status == 403))
		return 1;
	return status >= 500 && status != 501 && status != 505;
}

/*
 * serverwait -- seconds the answer asks us to wait (Retry-After, or
 * x-ratelimit-remaining 0 with x-ratelimit-reset), or -1 when it does
 * not say.  *ratelimited is set when a rate-limit header says so.
 */
static double
serverwait(const struct ads_http_resp *r, int *ratelimited)
{
	char buf[128], *end;
	double d, rem;
	time_t t;

	*ratelimited = 0;
	if (ads_http_header(r, "retry-after", buf, sizeof(buf)) != NULL) {
		d = strtod(buf, &end);
		if (end != buf && *end == '\0' && d >= 0) {
			*ratelimited = 1;
			return d;
		}
		t = curl_getdate(buf, NULL);
		if (t != -1) {
			*ratelimited = 1;
			d = difftime(t, time(NULL));
			return d > 0 ? d : 0;
		}
	}
	if (ads_http_header(r, "x-ratelimit-remaining", buf,
	    sizeof(buf)) != NULL) {
		rem = strtod(buf, &end);
		if (end != buf && rem < 1 &&
		    ads_http_header(r, "x-ratelimit-reset", buf,
		    sizeof(buf)) != NULL) {
			d = strtod(buf, &end);
			if (end == buf)
				return -1;
			*ratelimited = 1;
			/* GitHub: epoch seconds; Reddit: seconds to wait. */
			if (d > 1e9)
				d = difftime((time_t)d, time(NULL));
			return d > 0 ? d : 0;
		}
	}
	return -1;
}

static double
jitter(struct ads_http *h)
{
	return 0.5 + (double)rand_r(&h->seed) / RAND_MAX;
}

static void
seterr(struct xfer *x, const char *fmt, ...) ADS_PRINTF(2, 3);

static void
seterr(struct xfer *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->resp->err, sizeof(x->resp->err), fmt, ap);
	va_end(ap);
}

/*
 * fatal -- 1 for a transport error that asking again cannot mend: a
 * certificate that does not verify, a bad URL or scheme, an answer too
 * large.
 */
static int
fatal(CURLcode rc)
{
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_FILESIZE_EXCEEDED:
	case CURLE_WRITE_ERROR:
		return 1;
	default:
		return 0;
	}
}

/* originlen -- the length of url's "scheme://authority". */
static size_t
originlen(const char *url)
{
	const char *p = strstr(url, "://");

	if (p == NULL)
		return 0;
	p += 3;
	return p + strcspn(p, "/?#") - url;
}

/*
 * redirect -- a request with credentials answered 3xx: set it to ask
 * the target next, without its credentials when the target is another
 * origin (scheme, host or port).  Returns 1 when it will, 0 when the
 * answer stands (no target, not HTTP, too many).
 */
static int
redirect(struct ads_http *h, struct xfer *x, long status, const char *to)
{
	const char *from = x->url != NULL ? x->url : x->req->url;
	size_t n;
	char *u;

	if (to == NULL || (status != 301 && status != 302 && status !=
	    303 && status != 307 && status != 308))
		return 0;
	if (strncasecmp(to, "http://", 7) != 0 &&
	    strncasecmp(to, "https://", 8) != 0)
		return 0;
	if (++x->nredirs > MAX_REDIRS) {
		u = redact(x->req->url);
		seterr(x, "%s: more than %ld redirects", u, MAX_REDIRS);
		free(u);
		x->failed = 1;
		return 0;
	}
	n = originlen(from);
	if (n == 0 || originlen(to) != n || strncasecmp(from, to, n) != 0)
		x->nosecrets = 1;
	if (status == 303 || ((status == 301 || status == 302) &&
	    x->req->body != NULL))
		x->asget = 1;
	u = xstrdup(to);
	free(x->url);
	x->url = u;
	x->host = hostof(h, u);
	x->redirecting = 1;
	x->state = WAITING;
	x->at = 0;
	return 1;
}

/*
 * hostfailed -- one more failed attempt (no answer, or a 5xx) at x's
 * host.  Returns 1 when the host is given up on for the run: after
 * ADS_HTTP_HOST_FAILURES attempts in a row failed, said once.
 */
static int
hostfailed(struct ads_http *h, struct xfer *x)
{
	struct host *hp = &h->hosts[x->host];

	if (h->hostfailures <= 0)
		return 0;
	if (++hp->fails >= h->hostfailures && !hp->dead) {
		hp->dead = 1;
		ads_warn("%s: %d failures in a row; giving up on this host "
		    "for the run", hp->name, hp->fails);
	}
	return hp->dead;
}

/*
 * finish -- a transfer ended with code rc: keep its answer, or put the
 * request back to wait for a retry.
 */
static void
finish(struct ads_http *h, struct xfer *x, CURLcode rc)
{
	struct ads_http_resp *r = x->resp;
	const struct ads_http_req *q = x->req;
	char *eff = NULL, *to = NULL, *u;
	long status = 0;
	double wait;
	int rl, canretry, dead = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &to);
	free(r->headers);
	free(r->body);
	free(r->url);
	r->headers = ads_buf_detach(&x->head, NULL);
	r->body = ads_buf_detach(&x->body, &r->len);
	r->url = xstrdup(eff != NULL ? eff : q->url);
	r->status = rc == CURLE_OK ? status : 0;
	r->toolarge = 0;
	if (rc == CURLE_UNSUPPORTED_PROTOCOL && q->untrusted && !x->blocked) {
		/* A redirect to file:, gopher: ...: refused as well. */
		x->blocked = 1;
		snprintf(x->blockedaddr, sizeof(x->blockedaddr),
		    "a URL that is not http or https");
	}
	if (rc != CURLE_OK && x->blocked) {
		/* A private address: refused before connecting, for good. */
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
		u = redact(r->url);
		if (strchr(x->blockedaddr, ' ') != NULL)
			seterr(x, "%s: refused to follow %s", u,
			    x->blockedaddr);
		else
			seterr(x, "%s: refused to connect to %s: not a "
			    "public address", u, x->blockedaddr);
		free(u);
		r->status = 0;
		r->blocked = 1;
		x->failed = 1;
		x->state = DONE;
		return;
	}
	if (rc == CURLE_WRITE_ERROR && x->cut) {
		/* An answer, only larger than the caller wants. */
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
		x->cut = 0;
		r->status = status;
		r->toolarge = 1;
		u = redact(q->url);
		seterr(x, "%s: answer larger than %zu bytes", u, q->maxbytes);
		free(u);
		x->state = DONE;
		return;
	}
	if (rc == CURLE_OK && q->secret_headers != NULL &&
	    redirect(h, x, status, to)) {
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
		return;
	}
	curl_multi_remove_handle(h->multi, x->easy);
	curl_easy_cleanup(x->easy);
	x->easy = NULL;
	canretry = r->tries <= h->o.retries;
	if (x->failed) {
		/* Too many redirects. */
		x->state = DONE;
		return;
	}

	if (rc != CURLE_OK) {
		u = redact(q->url);
		if (x->toobig)
			seterr(x, "%s: answer larger than %zu bytes", u,
			    h->maxbody);
		else if (x->overbudget)
			seterr(x, "%s: answers held at once larger than %zu "
			    "bytes", u, h->budget);
		else {
			seterr(x, "%s: %s", u, x->errbuf[0] != '\0' ?
			    x->errbuf : curl_easy_strerror(rc));
			dead = hostfailed(h, x);
		}
		free(u);
		x->toobig = 0;
		x->overbudget = 0;
		if (canretry && !fatal(rc) && !dead) {
			x->state = WAITING;
			x->at = ads_monotime() + h->backoff *
			    pow(2, r->tries - 1) * jitter(h);
			return;
		}
		x->failed = 1;
		x->state = DONE;
		return;
	}
	wait = serverwait(r, &rl);
	if (rl && wait >= 0 && r->status < 400 && wait <= h->o.max_wait) {
		/* A success that spent the budget: pause the host. */
		if (ads_monotime() + wait > h->hosts[x->host].next)
			h->hosts[x->host].next = ads_monotime() + wait;
	}
	if (r->status >= 500 && r->status != 501 && r->status != 505)
		dead = hostfailed(h, x);
	else
		h->hosts[x->host].fails = 0;
	if (retryable(r->status, rl && r->status >= 400)) {
		u = redact(q->url);
		seterr(x, "%s: HTTP %ld", u, r->status);
		free(u);
		if (wait < 0)
			wait = h->backoff * pow(2, r->tries - 1) * jitter(h);
		if (canretry && wait <= h->o.max_wait && !dead) {
			x->state = WAITING;
			x->at = ads_monotime() + wait;
			if (x->at > h->hosts[x->host].next)
				h->hosts[x->host].next = x->at;
			return;
		}
		if (wait > h->o.max_wait) {
			u = redact(q->url);
			seterr(x, "%s: HTTP %ld: rate limited for %.0f s, "
			    "longer than the %g s allowed", u, r->status,
			    wait, h->o.max_wait);
			free(u);
		}
	} else
		r->err[0] = '\0';
	x->state = DONE;
	if (h->cachedir != NULL && !q->nocache && h->cmode != CACHE_ONLY &&
	    ((r->status >= 200 && r->status < 300) || r->status == 404 ||
	    (q->cacherefusal && ((r->status >= 400 && r->status < 500 &&
	    r->status != 429 && !rl) || r->status == 501))))
		cacheput(h, x->key, r, credentialed(q));
}

int
ads_http_cached(const struct ads_http *h, const struct ads_http_req *req)
{
	char key[2 * ADS_SHA256_LEN + 1], *path;
	int hit;

	if (h->cachedir == NULL || req->nocache ||
	    (h->cmode != CACHE_USE && h->cmode != CACHE_ONLY))
		return 0;
	cachekey(req, key);
	path = cachepath(h, key);
	hit = access(path, R_OK) == 0;
	free(path);
	return hit;
}

/*
 * startable -- 1 when x may be sent; otherwise x is done, failed: its
 * host was given up on, or, untrusted, its URL is no http(s) one.
 */
static int
startable(struct ads_http *h, struct xfer *x)
{
	const char *url = x->url != NULL ? x->url : x->req->url;
	char *u;

	if (x->req->untrusted && !httpurl(url)) {
		u = redact(url);
		seterr(x, "%s: refused: not an http or https URL", u);
		free(u);
		x->resp->blocked = 1;
	} else if (h->hosts[x->host].dead) {
		u = redact(url);
		seterr(x, "%s: host given up after %d failures in a row", u,
		    h->hosts[x->host].fails);
		free(u);
	} else
		return 1;
	x->failed = 1;
	x->state = DONE;
	return 0;
}

int
ads_http_batch(struct ads_http *h, const struct ads_http_req *reqs,
    struct ads_http_resp *resps, size_t n)
{
	struct xfer *xs;
	struct xfer *x;
	CURLMsg *msg;
	double t, next;
	size_t i, left;
	int running, nfail = 0, still, ms, cred;
	char *u;

	if (n == 0)
		return 0;
	xs = xcalloc(n, sizeof(*xs));
	left = n;
	h->held = 0;
	for (i = 0; i < n; i++) {
		x = &xs[i];
		x->req = &reqs[i];
		x->resp = &resps[i];
		memset(x->resp, 0, sizeof(*x->resp));
		x->host = hostof(h, reqs[i].url);
		x->state = WAITING;
		cachekey(&reqs[i], x->key);
		if (reqs[i].nocache || h->cmode == CACHE_OFF)
			continue;
		if ((h->cmode == CACHE_USE || h->cmode == CACHE_ONLY) &&
		    cacheget(h, x->key, x->resp, &cred) == 0 &&
		    !refusedbefore(&reqs[i], x->resp, cred)) {
			h->st.cached++;
			x->state = DONE;
			left--;
			continue;
		}
		if (h->cmode == CACHE_ONLY) {
			u = redact(reqs[i].url);
			seterr(x, "%s: not in the cache (ADS_CACHE=only)", u);
			free(u);
			x->failed = 1;
			x->state = DONE;
			left--;
		}
	}
	running = 0;
	while (left > 0) {
		/* Start what may start, in order. */
		t = ads_monotime();
		next = t + 3600;
		for (i = 0; i < n && running < h->o.max_conns; i++) {
			x = &xs[i];
			if (x->state != WAITING)
				continue;
			if (!startable(h, x)) {
				left--;
				continue;
			}
			if (x->at > t || h->hosts[x->host].next > t) {
				if (x->at > h->hosts[x->host].next) {
					if (x->at < next)
						next = x->at;
				} else if (h->hosts[x->host].next < next)
					next = h->hosts[x->host].next;
				continue;
			}
			start(h, x);
			running++;
		}
		ms = (int)((next - t) * 1000) + 1;
		if (ms > 1000)
			ms = 1000;
		if (ms < 0)
			ms = 0;
		if (running == 0) {
			if (ms > 0)
				usleep(ms * 1000);
			continue;
		}
		curl_multi_perform(h->multi, &still);
		while ((msg = curl_multi_info_read(h->multi, &still)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			x = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&x);
			finish(h, x, msg->data.result);
			running--;
			if (x->state == DONE)
				left--;
		}
		if (left > 0 && running > 0)
			curl_multi_poll(h->multi, NULL, 0, ms > 100 ? 100 : ms,
			    NULL);
	}
	for (i = 0; i < n; i++) {
		x = &xs[i];
		curl_slist_free_all(x->hdrs);
		free(x->url);
		ads_buf_free(&x->body);
		ads_buf_free(&x->head);
		h->st.requests++;
		if (x->failed) {
			x->resp->status = 0;
			if (x->resp->blocked)
				h->st.blocked++;
			else
				h->st.failed++;
			nfail++;
		}
	}
	ads_progress_http(h->st.requests, h->st.retries, h->st.cached,
	    h->st.failed);
	free(xs);
	return nfail;
}

int
ads_http_do(struct ads_http *h, const struct ads_http_req *req,
    struct ads_http_resp *resp)
{
	return ads_http_batch(h, req, resp, 1) > 0 ? -1 : 0;
}
