/*
 * ads-fetch-youtube -- video transcripts from YouTube
 *
 * Videos are found with the Data API v3 (search.list, 100 quota units
 * a call, YOUTUBE_API_KEY sent in the X-Goog-Api-Key header so it never
 * reaches a URL, a log or the cache key) or listed in the plan
 * (sources.youtube.videos, no key needed).  Each video's transcript is
 * then read the way maintained transcript tools do it: the watch page
 * for the innertube key (after the EU consent page if one comes), the
 * innertube player answer for the caption tracks, and the chosen
 * track's timedtext.  A video without a usable transcript is counted
 * and passed over; it never fails the run.
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
#include "../../common/markdown.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "chapters.h"
#include "youtube.h"
#include "ads-fetch-youtube-help.h"

#define USAGE "ads-fetch-youtube [-au] [-l lang[,lang ...]] [-n limit]\n" \
	"[-p plan.json | -q query]"

#define MAXPAGES	10	/* search pages per query and language */
#define SEARCHCOST	100	/* quota units of one search.list call */
#define LICENSE		"LicenseRef-YouTube-Terms-of-Service"

/* Why a video gave no record. */
enum skip {
	S_UNAVAILABLE, S_LOGIN, S_UNPLAYABLE, S_DISABLED, S_NOLANG,
	S_POTOKEN, S_EMPTY, S_BLOCKED, S_AUTO, NSKIP
};
static const char *const skipname[NSKIP] = {
	"unavailable", "login_required", "unplayable", "disabled",
	"no_language", "po_token", "empty", "blocked", "auto_only"
};

struct yt {
	struct ads_fetch	 f;
	struct ads_http		*h;
	const char		*api;		/* ADS_YOUTUBE_API_URL */
	const char		*site;		/* ADS_YOUTUBE_URL */
	char			*keyhdr;	/* "X-Goog-Api-Key: ..." */
	int			 manual;	/* -a: manual captions only */
	int			 quotaout;	/* quota exceeded: no more searches */
	long			 quota;		/* units spent (not cached) */
	long			 searches;
	long			 skips[NSKIP];
};

/* reqmsg -- why a request failed, in a few words. */
static void
reqmsg(const struct ads_http_resp *r, char *buf, size_t len)
{
	if (r->status == 0)
		snprintf(buf, len, "%s", r->err);
	else
		snprintf(buf, len, "HTTP %ld", r->status);
}

/* get -- one GET or POST to YouTube's site; 0 on an HTTP 200. */
static int
get(struct yt *y, const char *method, const char *url, const char *body,
    const char *cookie, const char *lang, struct ads_http_resp *resp)
{
	struct ads_http_req q;
	const char *hdrs[4];
	char al[64];
	int k = 0;

	memset(&q, 0, sizeof(q));
	memset(resp, 0, sizeof(*resp));
	snprintf(al, sizeof(al), "Accept-Language: %s", lang);
	hdrs[k++] = al;
	if (body != NULL)
		hdrs[k++] = "Content-Type: application/json";
	if (cookie != NULL)
		hdrs[k++] = cookie;
	hdrs[k] = NULL;
	q.method = method;
	q.url = url;
	q.body = body;
	q.bodylen = body != NULL ? strlen(body) : 0;
	q.headers = hdrs;
	/* A URL off our base came from an answer: public addresses only. */
	q.untrusted = strncmp(url, y->site, strlen(y->site)) != 0 ||
	    (url[strlen(y->site)] != '/' && url[strlen(y->site)] != '?');
	if (ads_http_do(y->h, &q, resp) != 0 || resp->status != 200)
		return -1;
	return 0;
}

/*
 * innertube -- the innertube key of video id's watch page, passing the
 * EU consent page once; NULL after reporting why.
 */
static char *
innertube(struct yt *y, const char *id, const char *lang)
{
	struct ads_http_resp resp;
	char *url, *key = NULL, *v, *cookie = NULL, msg[300];
	int tries;

	url = xasprintf("%s/watch?v=%s", y->site, id);
	for (tries = 0; tries < 2 && key == NULL; tries++) {
		if (get(y, NULL, url, NULL, cookie, lang, &resp) != 0) {
			reqmsg(&resp, msg, sizeof(msg));
			ads_fetch_fail(&y->f, "video %s: watch page: %s", id,
			    msg);
			ads_http_resp_free(&resp);
			break;
		}
		key = yt_innertube_key(resp.body, resp.len);
		if (key == NULL && cookie == NULL &&
		    (v = yt_consent(resp.body, resp.len)) != NULL) {
			cookie = xasprintf("Cookie: CONSENT=YES+%s", v);
			free(v);
		} else if (key == NULL) {
			if (yt_captcha(resp.body, resp.len)) {
				y->skips[S_BLOCKED]++;
				ads_fetch_fail(&y->f, "video %s: blocked by "
				    "YouTube (too many requests)", id);
			} else
				ads_fetch_fail(&y->f, "video %s: no innertube "
				    "key in the watch page", id);
			tries = 2;
		}
		ads_http_resp_free(&resp);
	}
	free(cookie);
	free(url);
	if (key == NULL)
		ads_fetch_lost(&y->f, "failed");
	return key;
}

/* skipvideo -- count a video that gives no record, and say why. */
static void
skipvideo(struct yt *y, enum skip why, const char *id, const char *reason)
{
	y->skips[why]++;
	ads_warn("video %s: %s%s%s", id, skipname[why], reason != NULL ?
	    ": " : "", reason != NULL ? reason : "");
}

static enum ads_task task;	/* the plan's, for its rows */

/*
 * chapterrows -- the rows of the chapters in desc (may be NULL) cut
 * from the timed transcript segs (consumed), for video record rec
 * (consumed).
 */
static void
chapterrows(struct yt *y, jv rec, const char *desc, jv segs)
{
	jv ch;

	if (desc != NULL) {
		ch = yt_chapters(desc, strlen(desc));
		ads_fetch_emitall(&y->f, yt_chapter_rows(rec, segs, ch, task));
		jv_free(ch);
	}
	jv_free(segs);
	jv_free(rec);
}

/* video -- one video's transcript as a record; info is borrowed. */
static void
video(struct yt *y, const char *id, jv info)
{
	static const char ctx[] = "{\"context\":{\"client\":{\"clientName\":"
	    "\"ANDROID\",\"clientVersion\":\"20.10.38\"}},\"videoId\":\"%s\"}";
	struct ads_http_resp resp;
	struct yt_player pl;
	const char *lang = y->f.langs[0], *s, *tt;
	char *key, *url = NULL, *body = NULL, *text = NULL, *t, msg[300];
	char *desc = NULL;
	size_t nsegs = 0;
	enum skip why;
	jv rec, meta, segs = jv_null();

	memset(&pl, 0, sizeof(pl));
	key = innertube(y, id, lang);
	if (key == NULL)
		return;
	url = xasprintf("%s/youtubei/v1/player?key=%s", y->site, key);
	body = xasprintf(ctx, id);
	if (get(y, "POST", url, body, NULL, lang, &resp) != 0) {
		reqmsg(&resp, msg, sizeof(msg));
		ads_fetch_fail(&y->f, "video %s: player: %s", id, msg);
		ads_fetch_lost(&y->f, "failed");
		ads_http_resp_free(&resp);
		goto out;
	}
	if (yt_player(resp.body, resp.len, y->f.langs, y->f.nlangs,
	    &pl) != 0) {
		ads_fetch_fail(&y->f, "video %s: player: not JSON", id);
		ads_fetch_lost(&y->f, "malformed");
		ads_http_resp_free(&resp);
		goto out;
	}
	if (ads_task_paired(task))
		desc = yt_description(resp.body, resp.len);
	ads_http_resp_free(&resp);
	s = pl.status != NULL ? pl.status : "";
	if (strcmp(s, "OK") != 0) {
		if (strcmp(s, "LOGIN_REQUIRED") == 0)
			skipvideo(y, pl.reason != NULL && strstr(pl.reason,
			    "bot") != NULL ? S_BLOCKED : S_LOGIN, id,
			    pl.reason);
		else if (strcmp(s, "ERROR") == 0)
			skipvideo(y, S_UNAVAILABLE, id, pl.reason);
		else
			skipvideo(y, S_UNPLAYABLE, id, pl.reason);
		goto out;
	}
	/* Captions off, none in a wanted language, -a, a PO token wanted. */
	why = pl.ntracks == 0 ? S_DISABLED : pl.url == NULL ? S_NOLANG :
	    pl.asr && y->manual ? S_AUTO : pl.potoken ? S_POTOKEN : NSKIP;
	if (why != NSKIP) {
		skipvideo(y, why, id, NULL);
		goto out;
	}
	/* The track URL names youtube.com; keep its path on our base. */
	tt = strstr(pl.url, "/api/timedtext");
	free(url);
	url = tt != NULL ? xasprintf("%s%s", y->site, tt) : xstrdup(pl.url);
	if (get(y, NULL, url, NULL, NULL, lang, &resp) != 0) {
		reqmsg(&resp, msg, sizeof(msg));
		ads_fetch_fail(&y->f, "video %s: transcript: %s", id, msg);
		ads_fetch_lost(&y->f, resp.blocked ? "blocked" : "failed");
		ads_http_resp_free(&resp);
		goto out;
	}
	if (ads_xml_entities(resp.body, resp.len)) {
		ads_warn("video %s: transcript refused: a DOCTYPE declaring "
		    "entities", id);
		ads_fetch_lost(&y->f, "malformed");
		ads_http_resp_free(&resp);
		goto out;
	}
	text = yt_transcript(resp.body, resp.len, &nsegs);
	if (desc != NULL)
		segs = yt_timed(resp.body, resp.len);
	ads_http_resp_free(&resp);
	if (text == NULL) {
		skipvideo(y, S_EMPTY, id, NULL);
		goto out;
	}

	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("youtube:%s", id));
	rec = ads_json_set(rec, "source", jv_string("youtube"));
	rec = ads_json_set(rec, "text", jv_string(text));
	s = pl.title != NULL ? pl.title : ads_json_str(info, "title", NULL);
	if (s != NULL) {
		/* search.list titles come HTML-escaped ("&#39;"). */
		t = ads_html_text(s, strlen(s), NULL);
		rec = ads_json_set(rec, "title", jv_string(t));
		free(t);
	}
	rec = ads_json_set(rec, "url", jv_string_fmt(
	    "https://www.youtube.com/watch?v=%s", id));
	rec = ads_json_set(rec, "lang", jv_string(pl.lang));
	rec = ads_json_set(rec, "license", jv_string(LICENSE));
	s = ads_json_str(info, "published", NULL);
	if (s != NULL)
		rec = ads_json_set(rec, "created", jv_string(s));
	meta = jv_object();
	meta = ads_json_set(meta, "video_id", jv_string(id));
	s = pl.author != NULL ? pl.author : ads_json_str(info, "channel",
	    NULL);
	if (s != NULL)
		meta = ads_json_set(meta, "channel", jv_string(s));
	s = pl.channel_id != NULL ? pl.channel_id : ads_json_str(info,
	    "channel_id", NULL);
	if (s != NULL)
		meta = ads_json_set(meta, "channel_id", jv_string(s));
	if (pl.length >= 0)
		meta = ads_json_set(meta, "duration", jv_number(pl.length));
	if (pl.views >= 0)
		meta = ads_json_set(meta, "views", jv_number(pl.views));
	meta = ads_json_set(meta, "captions", jv_string(pl.asr ?
	    "auto" : "manual"));
	meta = ads_json_set(meta, "segments", jv_number((double)nsegs));
	rec = ads_json_set(rec, "meta", meta);
	ads_fetch_emit(&y->f, jv_copy(rec));
	chapterrows(y, rec, desc, segs);
	segs = jv_null();
out:
	jv_free(segs);
	free(desc);
	yt_player_free(&pl);
	free(text);
	free(body);
	free(url);
	free(key);
}

/* search -- one query in one language, page by page. */
static void
search(struct yt *y, const char *query, const char *lang)
{
	struct ads_http_req q;
	struct ads_http_resp resp;
	struct ads_buf url = ADS_BUF_INIT;
	const char *secret[2] = { y->keyhdr, NULL };
	char *e, *next = NULL, reason[64], msg[300];
	int page, n;
	jv got;

	e = ads_http_escape(query);
	for (page = 0; page < MAXPAGES && !ads_fetch_full(&y->f) &&
	    !y->quotaout; page++) {
		ads_buf_reset(&url);
		ads_buf_addf(&url, "%s/youtube/v3/search?part=snippet"
		    "&type=video&maxResults=50&q=%s&relevanceLanguage=%.8s",
		    y->api, e, lang);
		if (next != NULL) {
			char *t = ads_http_escape(next);

			ads_buf_addf(&url, "&pageToken=%s", t);
			free(t);
		}
		free(next);
		next = NULL;
		memset(&q, 0, sizeof(q));
		memset(&resp, 0, sizeof(resp));
		q.url = url.p;
		q.secret_headers = secret;
		if (ads_http_do(y->h, &q, &resp) != 0) {
			ads_fetch_fail(&y->f, "query \"%s\": %s", query,
			    resp.err);
			ads_http_resp_free(&resp);
			break;
		}
		y->searches++;
		if (!resp.cached)
			y->quota += SEARCHCOST;
		got = yt_search(resp.body, resp.len, &next, reason,
		    sizeof(reason));
		if (!jv_is_valid(got) || resp.status != 200) {
			jv m = jv_null();

			if (!jv_is_valid(got))
				m = jv_invalid_get_msg(got);
			else
				jv_free(got);
			reqmsg(&resp, msg, sizeof(msg));
			ads_fetch_fail(&y->f, "query \"%s\": %s%s%s", query,
			    msg, jv_get_kind(m) == JV_KIND_STRING ? ": " : "",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "");
			if (strcmp(reason, "quotaExceeded") == 0 ||
			    strcmp(reason, "dailyLimitExceeded") == 0 ||
			    strcmp(reason, "keyInvalid") == 0 ||
			    resp.status == 400 || resp.status == 403)
				y->quotaout = 1;
			jv_free(m);
			ads_http_resp_free(&resp);
			break;
		}
		ads_http_resp_free(&resp);
		n = jv_array_length(jv_copy(got));
		jv_array_foreach(got, i, it) {
			char id[80];

			if (ads_fetch_full(&y->f)) {
				jv_free(it);
				break;
			}
			snprintf(id, sizeof(id), "youtube:%s",
			    ads_json_str(it, "id", NULL));
			if (!ads_fetch_seen(&y->f, id))
				video(y, ads_json_str(it, "id", NULL), it);
			jv_free(it);
		}
		jv_free(got);
		if (next == NULL || n == 0)
			break;
	}
	free(next);
	free(e);
	ads_buf_free(&url);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		ADS_FETCH_LONGOPTS,
		{ "manual",	no_argument,		NULL,	'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_http_opts o;
	struct yt y;
	const char *key;
	char **videos, ***lq;
	size_t nvideos = 0, i, l, rounds = 0, *nlq;
	long nskip = 0;
	int c, k;
	jv sk;

	ads_setprogname(argv[0]);
	memset(&y, 0, sizeof(y));
	ads_fetch_init(&y.f, "youtube", USAGE);
	while ((c = ads_fetch_getopt(&y.f, argc, argv, "a" ADS_FETCH_OPTS,
	    lopts)) != -1)
		if (c == 'a')
			y.manual = 1;
	if (ads_fetch_start(&y.f, argc - optind, argv + optind) != 0)
		return ads_fetch_skip(&y.f, NULL);
	task = ads_task_of(y.f.plan);
	/* Language codes go into a header and a URL: letters, digits, '-'. */
	for (l = 0; l < y.f.nlangs; l++)
		if (strlen(y.f.langs[l]) > 16 || strspn(y.f.langs[l],
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_") != strlen(y.f.langs[l]))
			ads_die(ADS_USAGE, "invalid language code: %.40s",
			    y.f.langs[l]);
	videos = ads_fetch_strv(&y.f, "videos", &nvideos);
	key = ads_getenv_nonempty("YOUTUBE_API_KEY");
	if (key == NULL && nvideos == 0) {
		ads_strv_free(videos);
		return ads_fetch_skip(&y.f, "YOUTUBE_API_KEY is not set");
	}
	if (key != NULL && (strchr(key, '\n') != NULL ||
	    strchr(key, '\r') != NULL))
		ads_die(ADS_USAGE, "YOUTUBE_API_KEY holds a line break");
	y.api = ads_http_base("ADS_YOUTUBE_API_URL",
	    "https://www.googleapis.com");
	y.site = ads_http_base("ADS_YOUTUBE_URL", "https://www.youtube.com");
	ads_fetch_httpopts(&o, "youtube", 1, 0.5, "ADS_YOUTUBE_INTERVAL",
	    3600);
	y.h = ads_http_new(&o);

	for (i = 0; i < nvideos && !ads_fetch_full(&y.f); i++) {
		char id[80];

		snprintf(id, sizeof(id), "youtube:%.64s", videos[i]);
		y.f.query = y.f.nqueries > 0 ? y.f.queries[0] : NULL;
		if (strspn(videos[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		    "nopqrstuvwxyz0123456789_-") != strlen(videos[i]) ||
		    strlen(videos[i]) > 64) {
			ads_warn("video \"%s\": not a video id", videos[i]);
			continue;
		}
		if (!ads_fetch_seen(&y.f, id))
			video(&y, videos[i], jv_null());
	}
	if (key != NULL) {
		y.keyhdr = xasprintf("X-Goog-Api-Key: %s", key);
		/*
		 * Each relevanceLanguage gets its language's own queries
		 * when the plan has queries_by_lang, every query otherwise:
		 * each language's first query, then each one's second, ...
		 */
		lq = xcalloc(y.f.nlangs, sizeof(*lq));
		nlq = xcalloc(y.f.nlangs, sizeof(*nlq));
		for (l = 0; l < y.f.nlangs; l++) {
			lq[l] = ads_fetch_langq(&y.f, y.f.langs[l], &nlq[l]);
			if (nlq[l] > rounds)
				rounds = nlq[l];
		}
		for (i = 0; i < rounds && !ads_fetch_full(&y.f); i++)
			for (l = 0; l < y.f.nlangs && !ads_fetch_full(&y.f);
			    l++) {
				if (i >= nlq[l])
					continue;
				y.f.query = lq[l][i];
				search(&y, y.f.query, y.f.langs[l]);
			}
		y.f.query = NULL;
		for (l = 0; l < y.f.nlangs; l++)
			ads_strv_free(lq[l]);
		free(lq);
		free(nlq);
	}
	sk = jv_object();
	for (k = 0; k < NSKIP; k++) {
		nskip += y.skips[k];
		if (y.skips[k] > 0)
			sk = ads_json_set(sk, skipname[k],
			    jv_number(y.skips[k]));
	}
	ads_warn("%ld search calls (%ld quota units), %ld videos without "
	    "a transcript", y.searches, y.quota, nskip);
	ads_progress_emit("collecting", y.f.nout, y.f.limit, jv_object_set(
	    ads_json_set(jv_object(), "quota_units",
	    jv_number(y.quota)), jv_string("no_transcript"), sk));
	ads_strv_free(videos);
	free(y.keyhdr);
	return ads_fetch_finish(&y.f, y.h);
}
