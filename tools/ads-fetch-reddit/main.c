/*
 * ads-fetch-reddit -- posts and their top comments from Reddit
 *
 * With REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET the tool takes an
 * application-only OAuth token (POST /api/v1/access_token, HTTP Basic,
 * grant_type=client_credentials) and calls the OAuth host with it, at
 * most 100 requests a minute, renewing the token shortly before it
 * expires; without them it calls the public .json endpoints at 10 a
 * minute.  Both go through the same code: only the base URL, a ".json"
 * suffix, one header and the pace differ.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "pairs.h"
#include "reddit.h"
#include "ads-fetch-reddit-help.h"

#define USAGE "ads-fetch-reddit [-Nu] [-c comments] [-l lang[,lang ...]] " \
	"[-n limit]\n[-p plan.json | -q query] [-R subreddit[,subreddit ...]]"

#define SITE		"https://www.reddit.com"
#define PAGESIZE	100	/* Reddit's largest listing page */
#define MAXPAGES	10	/* searches stop near 250 results anyway */
#define MOREIDS		100	/* ids per /api/morechildren call */
#define MAXPAUSE	600	/* longest x-ratelimit-reset wait, seconds */

struct reddit {
	struct ads_fetch	 f;
	struct ads_http		*h;
	struct reddit_ctx	 ctx;
	const char		*www;		/* ADS_REDDIT_URL */
	const char		*api;		/* the host of the calls */
	const char		*suffix;	/* ".json" without OAuth */
	const char		*id, *secret;	/* OAuth client, or NULL */
	char			*token;		/* bearer token */
	char			*authhdr;	/* "Authorization: bearer ..." */
	time_t			 expires;
	int			 notoken;	/* the token request failed */
	char			*ua;		/* "User-Agent: ..." */
	long			 ncomments;	/* -c */
	long			 skipped;	/* posts left out */
	double			 notbefore;	/* monotonic time of the next call */
};

static int gettoken(struct reddit *);

/*
 * Subreddits written in one language, language code first: the ones
 * ads-plan adds for a language, and a few more.  With the plan's
 * queries_by_lang, such a subreddit is searched with its language's
 * queries only.
 */
static const char *const langsubs[] = {
	"es es mexico argentina chile colombia", "de de Austria",
	"fr france Quebec rance", "pt brasil portugal", "it italy Italia",
	"nl thenetherlands", "ja newsokur", "zh China_irl", "ru ru",
	"pl Polska", "sv sweden", "da Denmark", "no norge", "fi Suomi",
	"ko hanguk", NULL
};

/*
 * pace -- when an answer says the rate-limit window is used up
 * (x-ratelimit-remaining below 1), note that the next request must wait
 * the x-ratelimit-reset seconds it gives, at most MAXPAUSE.  The HTTP
 * layer handles the 429 that would follow; waiting first avoids it.
 */
static void
pace(struct reddit *r, const struct ads_http_resp *resp)
{
	char buf[64], *end;
	double rem, reset;

	if (ads_http_header(resp, "x-ratelimit-remaining", buf,
	    sizeof(buf)) == NULL)
		return;
	rem = strtod(buf, &end);
	if (end == buf || rem >= 1)
		return;
	if (ads_http_header(resp, "x-ratelimit-reset", buf,
	    sizeof(buf)) == NULL)
		return;
	reset = strtod(buf, &end);
	if (end == buf || !(reset > 0))
		return;
	if (reset > MAXPAUSE)
		reset = MAXPAUSE;
	r->notbefore = ads_monotime() + reset;
}

/* waitwindow -- sleep until the rate-limit window noted by pace() ends. */
static void
waitwindow(struct reddit *r)
{
	struct timespec ts;
	double d;

	if (r->notbefore <= 0)
		return;
	d = r->notbefore - ads_monotime();
	r->notbefore = 0;
	if (d <= 0)
		return;
	ads_warn("rate limit reached; waiting %.0f s", d);
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1)
		;
}

/*
 * call -- one request on the API host: path (with its query) relative
 * to r->api.  Renews the token when it is about to expire, and once
 * more when the answer is 401.  Returns as ads_http_do().
 */
static int
call(struct reddit *r, const char *method, const char *url,
    const char *body, struct ads_http_resp *resp)
{
	const char *hdrs[2], *secret[2];
	struct ads_http_req q;
	int rc, again;

	for (again = 0; ; again++) {
		waitwindow(r);
		memset(&q, 0, sizeof(q));
		q.method = method;
		q.url = url;
		q.body = body;
		q.bodylen = body != NULL ? strlen(body) : 0;
		hdrs[0] = r->ua;
		hdrs[1] = NULL;
		q.headers = hdrs;
		/*
		 * The token only for the network: an answer the cache holds
		 * is replayed without one, so a cached run works offline.
		 */
		if (r->id != NULL && time(NULL) + 60 >= r->expires &&
		    !ads_http_cached(r->h, &q)) {
			if (r->notoken || gettoken(r) != 0) {
				r->notoken = 1;
				memset(resp, 0, sizeof(*resp));
				snprintf(resp->err, sizeof(resp->err),
				    "no OAuth token");
				return -1;
			}
		}
		secret[0] = r->authhdr;
		secret[1] = NULL;
		q.secret_headers = r->authhdr != NULL ? secret : NULL;
		rc = ads_http_do(r->h, &q, resp);
		if (rc == 0 && resp->status == 401 && r->id != NULL &&
		    again == 0) {
			ads_http_resp_free(resp);
			r->expires = 0;
			continue;
		}
		if (rc == 0 && !resp->cached)
			pace(r, resp);
		return rc;
	}
}

/*
 * gettoken -- application-only OAuth: POST /api/v1/access_token with
 * HTTP Basic client_id:secret.  The token and the credentials never
 * leave this process's memory and the request is never cached.
 */
static int
gettoken(struct reddit *r)
{
	static const char body[] = "grant_type=client_credentials";
	struct ads_http_req q;
	struct ads_http_resp resp;
	const char *hdrs[2], *tok;
	char *url, *userpwd, msg[300];
	double exp = 3600;
	jv v;
	int rc = -1;

	url = xasprintf("%s/api/v1/access_token", r->www);
	userpwd = xasprintf("%s:%s", r->id, r->secret);
	memset(&q, 0, sizeof(q));
	memset(&resp, 0, sizeof(resp));
	q.method = "POST";
	q.url = url;
	q.body = body;
	q.bodylen = sizeof(body) - 1;
	hdrs[0] = r->ua;
	hdrs[1] = NULL;
	q.headers = hdrs;
	q.userpwd = userpwd;
	q.nocache = 1;
	if (ads_http_do(r->h, &q, &resp) == 0 && resp.status == 200) {
		v = ads_json_parse(resp.body, resp.len);
		tok = ads_json_str(v, "access_token", NULL);
		if (tok != NULL && *tok != '\0' && strchr(tok, '\n') == NULL &&
		    strchr(tok, '\r') == NULL) {
			(void)ads_json_num(v, "expires_in", &exp);
			if (!(exp >= 60 && exp < 1e7))
				exp = 3600;
			free(r->token);
			free(r->authhdr);
			r->token = xstrdup(tok);
			r->authhdr = xasprintf("Authorization: bearer %s",
			    r->token);
			r->expires = time(NULL) + (time_t)exp;
			rc = 0;
		}
		jv_free(v);
	}
	if (rc != 0) {
		if (resp.status == 200)
			snprintf(msg, sizeof(msg), "no access_token in answer");
		else
			ads_fetch_errline(&resp, "message", "reason", msg,
			    sizeof(msg));
		ads_fetch_fail(&r->f, "OAuth token request: %s", msg);
	}
	ads_http_resp_free(&resp);
	free(userpwd);
	free(url);
	return rc;
}

/*
 * morecomments -- expand the first MOREIDS "more" ids of a post when
 * its comment page gave fewer than -c comments: one call, so the
 * expansion is bounded.  With OAuth the form is POSTed (as PRAW does);
 * the public endpoint takes the same fields as a GET query, the method
 * Reddit's API documentation lists, so no unauthenticated POST is made.
 */
static jv
morecomments(struct reddit *r, jv post, jv more, size_t want)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_http_resp resp;
	const char *full;
	char *url, msg[300];
	jv pm, out, more2;
	int k = 0;

	pm = ads_json_get(post, "meta");
	full = ads_json_str(pm, "fullname", NULL);
	ads_buf_adds(&b, "api_type=json&children=");
	jv_array_foreach(more, i, id) {
		const char *s = jv_string_value(id);

		/* Ids are base 36; anything else is never sent. */
		if (*s != '\0' && strlen(s) < 16 && strspn(s,
		    "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(s)) {
			if (k++ > 0)
				ads_buf_adds(&b, "%2C");
			ads_buf_adds(&b, s);
		}
		jv_free(id);
		if (k >= MOREIDS)
			break;
	}
	if (k == 0) {
		ads_buf_free(&b);
		jv_free(pm);
		jv_free(more);
		return jv_array();
	}
	ads_buf_addf(&b, "&link_id=%s&sort=top", full != NULL ? full : "");
	if (r->id != NULL)
		url = xasprintf("%s/api/morechildren%s?raw_json=1", r->api,
		    r->suffix);
	else
		url = xasprintf("%s/api/morechildren%s?%s&raw_json=1", r->api,
		    r->suffix, b.p);
	memset(&resp, 0, sizeof(resp));
	out = jv_array();
	if (call(r, r->id != NULL ? "POST" : NULL, url, r->id != NULL ?
	    b.p : NULL, &resp) == 0 && resp.status == 200) {
		more2 = jv_array();
		jv_free(out);
		out = reddit_morechildren(&r->ctx, post, resp.body, resp.len,
		    want, &more2);
		jv_free(more2);
		if (!jv_is_valid(out)) {
			jv m = jv_invalid_get_msg(out);

			ads_warn("%s: morechildren: %s", full,
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "invalid answer");
			jv_free(m);
			ads_fetch_lost(&r->f, "malformed");
			out = jv_array();
		}
	} else {
		ads_fetch_errline(&resp, "message", "reason", msg,
		    sizeof(msg));
		ads_fetch_fail(&r->f, "%s: morechildren: %s", full, msg);
	}
	ads_http_resp_free(&resp);
	free(url);
	ads_buf_free(&b);
	jv_free(pm);
	jv_free(more);
	return out;
}

static enum ads_task task;	/* the plan's, for its rows */
static jv thread;		/* the comments of the post, for its row */

/* emitall -- emit every record of array a (consumed). */
static void
emitall(struct reddit *r, jv a)
{
	if (ads_task_paired(task))
		thread = jv_array_concat(thread, jv_copy(a));
	ads_fetch_emitall(&r->f, a);
}

/*
 * pairrow -- after the comments of post were emitted (and gathered in
 * thread), the task row they make, if any.
 */
static void
pairrow(struct reddit *r, jv post)
{
	jv row;

	if (!ads_task_paired(task))
		return;
	row = reddit_pair(post, thread, task);
	if (jv_get_kind(row) == JV_KIND_OBJECT && !ads_fetch_full(&r->f))
		(void)ads_fetch_emit(&r->f, row);
	else
		jv_free(row);
	jv_free(thread);
	thread = jv_array();
}

/* comments -- the top -c comments of post, as further records. */
static void
comments(struct reddit *r, jv post)
{
	struct ads_http_resp resp;
	const char *full;
	char *url, msg[300];
	double nc = 1;
	jv pm, got, more;
	size_t want = (size_t)r->ncomments;

	jv_free(thread);
	thread = jv_array();
	pm = ads_json_get(post, "meta");
	full = ads_json_str(pm, "fullname", NULL);
	(void)ads_json_num(pm, "num_comments", &nc);
	if (full == NULL || nc < 1 || want == 0) {
		jv_free(pm);
		return;
	}
	url = xasprintf("%s/comments/%s%s?limit=%zu&sort=top&raw_json=1",
	    r->api, full + 3, r->suffix, want * 2);
	memset(&resp, 0, sizeof(resp));
	if (call(r, NULL, url, NULL, &resp) != 0 || resp.status != 200) {
		ads_fetch_errline(&resp, "message", "reason", msg,
		    sizeof(msg));
		ads_fetch_fail(&r->f, "%s: comments: %s", full, msg);
		goto out;
	}
	more = jv_array();
	got = reddit_comments(&r->ctx, post, resp.body, resp.len, want,
	    &more);
	if (!jv_is_valid(got)) {
		jv m = jv_invalid_get_msg(got);

		ads_fetch_fail(&r->f, "%s: comments: %s", full,
		    jv_get_kind(m) == JV_KIND_STRING ? jv_string_value(m) :
		    "invalid answer");
		jv_free(m);
		jv_free(more);
		goto out;
	}
	if ((size_t)jv_array_length(jv_copy(got)) < want &&
	    jv_array_length(jv_copy(more)) > 0 && !ads_fetch_full(&r->f)) {
		emitall(r, got);
		got = morecomments(r, post, more, want);
	} else
		jv_free(more);
	emitall(r, got);
	pairrow(r, post);
out:
	ads_http_resp_free(&resp);
	free(url);
	jv_free(pm);
}

/*
 * listing -- page through one search (sub == NULL: site-wide) or, when
 * query is NULL, one subreddit's top posts.
 */
static void
listing(struct reddit *r, const char *query, const char *sub)
{
	struct ads_http_resp resp;
	struct ads_buf url = ADS_BUF_INIT;
	char *after = NULL, *q, *s, msg[300];
	int page, n;
	jv got;

	q = query != NULL ? ads_http_escape(query) : NULL;
	s = sub != NULL ? ads_http_escape(sub) : NULL;
	for (page = 0; page < MAXPAGES && !ads_fetch_full(&r->f); page++) {
		ads_buf_reset(&url);
		if (q != NULL && s != NULL)
			ads_buf_addf(&url, "%s/r/%s/search%s?q=%s&restrict_sr=1"
			    "&sort=relevance&t=all&type=link", r->api, s,
			    r->suffix, q);
		else if (q != NULL)
			ads_buf_addf(&url, "%s/search%s?q=%s&sort=relevance"
			    "&t=all&type=link", r->api, r->suffix, q);
		else
			ads_buf_addf(&url, "%s/r/%s/top%s?t=all", r->api, s,
			    r->suffix);
		ads_buf_addf(&url, "&limit=%d&raw_json=1", PAGESIZE);
		if (after != NULL) {
			char *ae = ads_http_escape(after);

			ads_buf_addf(&url, "&after=%s", ae);
			free(ae);
		}
		free(after);
		after = NULL;
		memset(&resp, 0, sizeof(resp));
		if (call(r, NULL, url.p, NULL, &resp) != 0 ||
		    resp.status != 200) {
			ads_fetch_errline(&resp, "message", "reason", msg,
			    sizeof(msg));
			if (query != NULL)
				ads_fetch_fail(&r->f, "query \"%s\"%s%s: %s",
				    query, sub != NULL ? " in r/" : "",
				    sub != NULL ? sub : "", msg);
			else
				ads_fetch_fail(&r->f, "r/%s: %s", sub, msg);
			ads_http_resp_free(&resp);
			break;
		}
		got = reddit_listing(&r->ctx, resp.body, resp.len, &after,
		    &r->skipped);
		ads_http_resp_free(&resp);
		if (!jv_is_valid(got)) {
			jv m = jv_invalid_get_msg(got);

			ads_fetch_fail(&r->f, "query \"%s\": %s",
			    query != NULL ? query : sub,
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "invalid answer");
			jv_free(m);
			break;
		}
		n = jv_array_length(jv_copy(got));
		jv_array_foreach(got, i, rec) {
			if (ads_fetch_full(&r->f)) {
				jv_free(rec);
				break;
			}
			if (ads_fetch_emit(&r->f, jv_copy(rec)))
				comments(r, rec);
			jv_free(rec);
		}
		jv_free(got);
		if (after == NULL || n == 0)
			break;
	}
	free(after);
	free(q);
	free(s);
	ads_buf_free(&url);
}

/*
 * sublang -- the language code of subreddit sub in langsubs (into buf),
 * or NULL when it is not a language's own.
 */
static const char *
sublang(const char *sub, char *buf, size_t len)
{
	const char *const *e;
	const char *p;
	size_t n, m = strlen(sub);

	for (e = langsubs; *e != NULL; e++) {
		p = *e + strcspn(*e, " ");
		while (*p == ' ') {
			p++;
			n = strcspn(p, " ");
			if (n == m && strncasecmp(p, sub, n) == 0) {
				snprintf(buf, len, "%.*s", (int)strcspn(*e,
				    " "), *e);
				return buf;
			}
			p += n;
		}
	}
	return NULL;
}

/*
 * addq -- append the queries of v (n of them) to *out (*nout long)
 * that it does not hold yet.
 */
static void
addq(char ***out, size_t *nout, char **v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < *nout; j++)
			if (strcmp((*out)[j], v[i]) == 0)
				break;
		if (j < *nout)
			continue;
		*out = xreallocarray(*out, *nout + 2, sizeof(**out));
		(*out)[(*nout)++] = xstrdup(v[i]);
		(*out)[*nout] = NULL;
	}
}

/*
 * merged -- the queries of the languages with want[l] set (all when
 * want is NULL), each one's first, then each one's second, ..., once
 * each; NULL when there is none.
 */
static char **
merged(struct reddit *r, char ***lq, size_t *nlq, const int *want,
    size_t *n)
{
	char **out = NULL;
	size_t k, l, rounds = 0;

	*n = 0;
	for (l = 0; l < r->f.nlangs; l++)
		if ((want == NULL || want[l]) && nlq[l] > rounds)
			rounds = nlq[l];
	for (k = 0; k < rounds; k++)
		for (l = 0; l < r->f.nlangs; l++)
			if ((want == NULL || want[l]) && k < nlq[l])
				addq(&out, n, &lq[l][k], 1);
	return out;
}

/*
 * scopes -- the queries each scope searches: sq[0] for all of Reddit
 * (nsubs == 0) or sq[j] for subs[j].  Without queries_by_lang, every
 * scope gets every query.  With it, a language's own subreddit
 * (langsubs) gets that language's queries; the other subreddits get
 * the queries of the languages none of the subreddits is written in
 * (all of them when each has one), and all of Reddit every language's.
 */
static void
scopes(struct reddit *r, char **subs, size_t nsubs, char ***sq, size_t *nsq)
{
	char ***lq, **own, code[8];
	const char *sl;
	size_t j, l, nown, *nlq, nscope = nsubs > 0 ? nsubs : 1;
	int *alone, any = 0;

	if (!ads_fetch_bylang(&r->f)) {
		for (j = 0; j < nscope; j++) {
			sq[j] = NULL;
			nsq[j] = 0;
			addq(&sq[j], &nsq[j], r->f.queries, r->f.nqueries);
		}
		return;
	}
	lq = xcalloc(r->f.nlangs, sizeof(*lq));
	nlq = xcalloc(r->f.nlangs, sizeof(*nlq));
	alone = xcalloc(r->f.nlangs, sizeof(*alone));
	for (l = 0; l < r->f.nlangs; l++) {
		lq[l] = ads_fetch_langq(&r->f, r->f.langs[l], &nlq[l]);
		alone[l] = 1;
		for (j = 0; j < nsubs; j++) {
			sl = sublang(subs[j], code, sizeof(code));
			if (sl != NULL && strcasecmp(sl, r->f.langs[l]) == 0)
				alone[l] = 0;
		}
		any |= alone[l];
	}
	if (nsubs == 0)
		sq[0] = merged(r, lq, nlq, NULL, &nsq[0]);
	for (j = 0; j < nsubs; j++) {
		sl = sublang(subs[j], code, sizeof(code));
		if (sl != NULL) {
			/* A language not planned still has its own queries. */
			sq[j] = NULL;
			nsq[j] = 0;
			own = ads_fetch_langq(&r->f, sl, &nown);
			addq(&sq[j], &nsq[j], own, nown);
			ads_strv_free(own);
		} else
			sq[j] = merged(r, lq, nlq, any ? alone : NULL,
			    &nsq[j]);
	}
	for (l = 0; l < r->f.nlangs; l++)
		ads_strv_free(lq[l]);
	free(lq);
	free(nlq);
	free(alone);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "comments",	required_argument,	NULL,	'c' },
		ADS_FETCH_LONGOPTS,
		{ "nsfw",	no_argument,		NULL,	'N' },
		{ "subreddit",	required_argument,	NULL,	'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct reddit r;
	const char *ropt = NULL, *user;
	char **subs = NULL, ***sq;
	size_t nsubs = 0, i, j, nscope, rounds = 0, *nsq;
	int c, rc;

	ads_setprogname(argv[0]);
	memset(&r, 0, sizeof(r));
	r.ncomments = 10;
	ads_fetch_init(&r.f, "reddit", USAGE);
	while ((c = ads_fetch_getopt(&r.f, argc, argv, ADS_FETCH_OPTS "c:NR:",
	    lopts)) != -1) {
		switch (c) {
		case 'c':
			r.ncomments = (long)ads_optnum("-c", optarg, 0, 500);
			break;
		case 'N':
			r.ctx.nsfw = 1;
			break;
		case 'R':
			if (*optarg == '\0')
				ads_die(ADS_USAGE, "-R needs a subreddit");
			ropt = optarg;
			break;
		}
	}
	if (ads_fetch_start(&r.f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&r.f, NULL);
	task = ads_task_of(r.f.plan);
	thread = jv_array();
	if (ropt != NULL)
		subs = ads_strv_split(ropt, &nsubs);
	else
		subs = ads_fetch_strv(&r.f, "subreddits", &nsubs);
	/* "r/name" and "/r/name" are accepted too. */
	for (j = 0; j < nsubs; j++) {
		char *p = subs[j];

		if (*p == '/')
			p++;
		if (p[0] == 'r' && p[1] == '/')
			p += 2;
		memmove(subs[j], p, strlen(p) + 1);
	}
	if (r.f.nqueries == 0 && nsubs == 0) {
		ads_strv_free(subs);
		return ads_fetch_skip(&r.f, "no queries and no subreddits");
	}

	r.ctx.site = SITE;
	r.www = ads_http_base("ADS_REDDIT_URL", SITE);
	r.id = ads_getenv_nonempty("REDDIT_CLIENT_ID");
	r.secret = ads_getenv_nonempty("REDDIT_CLIENT_SECRET");
	if (r.id == NULL || r.secret == NULL)
		r.id = r.secret = NULL;
	user = ads_getenv_nonempty("REDDIT_USERNAME");
	if (user != NULL && strpbrk(user, "\r\n") != NULL)
		ads_die(ADS_USAGE, "REDDIT_USERNAME holds a line break");
	/* Reddit's required form: <platform>:<app ID>:<version> (by /u/...) */
	if (user != NULL)
		r.ua = xasprintf("User-Agent: unix:ads-fetch-reddit:%s "
		    "(by /u/%s)", ADS_VERSION_STRING, user);
	else
		r.ua = xasprintf("User-Agent: unix:ads-fetch-reddit:%s "
		    "(+%s)", ADS_VERSION_STRING,
		    ads_getenv_nonempty("ADS_CONTACT") != NULL ?
		    ads_getenv_nonempty("ADS_CONTACT") :
		    "https://github.com/ads-project/ads");
	if (r.id != NULL) {
		r.api = ads_http_base("ADS_REDDIT_OAUTH_URL",
		    "https://oauth.reddit.com");
		r.suffix = "";
	} else {
		r.api = r.www;
		r.suffix = ".json";
	}
	/* 100 requests a minute with OAuth, 10 without. */
	ads_fetch_httpopts(&o, "reddit", 1, r.id != NULL ? 0.6 : 6.0,
	    "ADS_REDDIT_INTERVAL", 3600);
	r.h = ads_http_new(&o);

	/* Each scope's first query, then each one's second, ... */
	nscope = nsubs > 0 ? nsubs : 1;
	sq = xcalloc(nscope, sizeof(*sq));
	nsq = xcalloc(nscope, sizeof(*nsq));
	scopes(&r, subs, nsubs, sq, nsq);
	for (j = 0; j < nscope; j++)
		if (nsq[j] > rounds)
			rounds = nsq[j];
	for (i = 0; i < rounds && !ads_fetch_full(&r.f) && !r.notoken; i++)
		for (j = 0; j < nscope && !ads_fetch_full(&r.f) &&
		    !r.notoken; j++) {
			if (i >= nsq[j])
				continue;
			r.f.query = sq[j][i];
			listing(&r, r.f.query, nsubs > 0 ? subs[j] : NULL);
		}
	r.f.query = NULL;
	for (j = 0; j < nscope; j++)
		ads_strv_free(sq[j]);
	free(sq);
	free(nsq);
	if (rounds == 0)
		for (j = 0; j < nsubs && !ads_fetch_full(&r.f) && !r.notoken;
		    j++) {
			r.f.query = subs[j];
			listing(&r, NULL, subs[j]);
		}
	if (r.skipped > 0)
		ads_warn("%ld posts left out (removed, deleted or NSFW)",
		    r.skipped);
	ads_strv_free(subs);
	free(r.ua);
	free(r.authhdr);
	free(r.token);
	jv_free(thread);
	rc = ads_fetch_finish(&r.f, r.h);
	return rc;
}
