/*
 * youtube.c -- YouTube answers into facts and text
 *
 * The transcript path is the one youtube-transcript-api (jdepoix)
 * follows today: the watch page gives INNERTUBE_API_KEY, the innertube
 * player answer lists captions.playerCaptionsTracklistRenderer.
 * captionTracks (baseUrl, languageCode, kind "asr" for auto-generated),
 * and each track's baseUrl answers timedtext XML.  Shapes are in
 * ../shared/fixtures/youtube (PROVENANCE-more.md).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/markdown.h"
#include "../../common/util.h"
#include "youtube.h"

static char *
dupstr(jv obj, const char *key)
{
	const char *s = ads_json_str(obj, key, NULL);

	return s != NULL ? xstrdup(s) : NULL;
}

jv
yt_search(const char *p, size_t n, char **next, char *reason, size_t rlen)
{
	jv v, err, items, id, sn, o, r0;
	const char *s;

	*next = NULL;
	if (rlen > 0)
		reason[0] = '\0';
	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return jv_invalid_with_msg(jv_string("not a search answer"));
	}
	err = ads_json_get(v, "error");
	if (jv_get_kind(err) == JV_KIND_OBJECT) {
		r0 = ads_json_get(err, "errors");
		r0 = jv_get_kind(r0) == JV_KIND_ARRAY &&
		    jv_array_length(jv_copy(r0)) > 0 ? jv_array_get(r0, 0) :
		    (jv_free(r0), jv_null());
		s = ads_json_str(r0, "reason", NULL);
		if (s != NULL && rlen > 0)
			snprintf(reason, rlen, "%s", s);
		s = ads_json_str(err, "message", NULL);
		o = jv_invalid_with_msg(jv_string(s != NULL ? s :
		    "error answer"));
		jv_free(r0);
		jv_free(err);
		jv_free(v);
		return o;
	}
	jv_free(err);
	items = ads_json_get(v, "items");
	if (jv_get_kind(items) != JV_KIND_ARRAY) {
		jv_free(items);
		jv_free(v);
		return jv_invalid_with_msg(jv_string("no items in answer"));
	}
	s = ads_json_str(v, "nextPageToken", NULL);
	if (s != NULL && *s != '\0')
		*next = xstrdup(s);
	o = jv_array();
	jv_array_foreach(items, i, it) {
		id = ads_json_get(it, "id");
		sn = ads_json_get(it, "snippet");
		s = ads_json_str(id, "videoId", NULL);
		/*
		 * search.list with type=video: id is {kind, videoId}.  The
		 * id goes into URLs and a JSON body: only YouTube's own
		 * alphabet (letters, digits, '-', '_') is taken.
		 */
		if (s != NULL && *s != '\0' && strlen(s) < 64 && strspn(s,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_") == strlen(s)) {
			jv x = jv_object();

			x = ads_json_set(x, "id", jv_string(s));
#define COPY(k, f) do { const char *z_ = ads_json_str(sn, f, NULL); \
	if (z_ != NULL) x = jv_object_set(x, jv_string(k), jv_string(z_)); \
	} while (0)
			COPY("title", "title");
			COPY("channel", "channelTitle");
			COPY("channel_id", "channelId");
			COPY("published", "publishedAt");
			COPY("description", "description");
#undef COPY
			o = jv_array_append(o, x);
		}
		jv_free(sn);
		jv_free(id);
		jv_free(it);
	}
	jv_free(items);
	jv_free(v);
	return o;
}

/* memfind -- strstr over n bytes. */
static const char *
memfind(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	const char *q, *end;

	if (k == 0 || n < k)
		return NULL;
	end = p + n - k;
	for (q = p; q <= end; q++) {
		q = memchr(q, s[0], (size_t)(end - q) + 1);
		if (q == NULL)
			return NULL;
		if (memcmp(q, s, k) == 0)
			return q;
	}
	return NULL;
}

/* quoted -- the JSON string value right after key in p..p+n. */
static char *
quoted(const char *p, size_t n, const char *key)
{
	const char *k, *e, *end = p + n;

	k = memfind(p, n, key);
	if (k == NULL)
		return NULL;
	k += strlen(key);
	while (k < end && (*k == ' ' || *k == ':'))
		k++;
	if (k >= end || *k != '"')
		return NULL;
	k++;
	for (e = k; e < end && *e != '"' && *e != '\\' && e - k < 256; e++)
		;
	if (e >= end || *e != '"' || e == k)
		return NULL;
	return xstrndup(k, (size_t)(e - k));
}

char *
yt_innertube_key(const char *p, size_t n)
{
	return quoted(p, n, "\"INNERTUBE_API_KEY\"");
}

char *
yt_consent(const char *p, size_t n)
{
	const char *k, *e, *end = p + n;

	if (memfind(p, n, "action=\"https://consent.youtube.com/s\"") == NULL)
		return NULL;
	k = memfind(p, n, "name=\"v\" value=\"");
	if (k == NULL)
		return NULL;
	k += 16;
	for (e = k; e < end && *e != '"' && e - k < 128; e++)
		if ((unsigned char)*e < 0x21 || *e == ';')
			return NULL;
	if (e >= end || *e != '"' || e == k)
		return NULL;
	return xstrndup(k, (size_t)(e - k));
}

int
yt_captcha(const char *p, size_t n)
{
	return memfind(p, n, "class=\"g-recaptcha\"") != NULL;
}

/* langmatch -- "en" matches "en", "en-GB", "en_US"; case-blind. */
static int
langmatch(const char *want, const char *have)
{
	size_t k = strlen(want);

	if (strncasecmp(want, have, k) != 0)
		return 0;
	return have[k] == '\0' || have[k] == '-' || have[k] == '_';
}

/* trackurl -- baseUrl with &fmt=... removed (the classic XML answer). */
static char *
trackurl(const char *u)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p, *e;

	for (p = u; *p != '\0'; p = e) {
		e = p + 1 + strcspn(p + 1, "&");
		if (strncmp(p, "&fmt=", 5) == 0 || strncmp(p, "?fmt=", 5) ==
		    0) {
			if (*p == '?' && *e == '&') {
				ads_buf_addc(&b, '?');
				e++;
			} else if (*p == '?')
				ads_buf_addc(&b, '?');
			continue;
		}
		ads_buf_add(&b, p, (size_t)(e - p));
	}
	return ads_buf_detach(&b, NULL);
}

int
yt_player(const char *p, size_t n, char *const *langs, size_t nlangs,
    struct yt_player *pl)
{
	jv v, ps, vd, tracks, t, best = jv_null();
	const char *base, *lc, *kind;
	double d;
	size_t l;
	int pass, len;

	memset(pl, 0, sizeof(*pl));
	pl->length = pl->views = -1;
	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return -1;
	}
	ps = ads_json_get(v, "playabilityStatus");
	pl->status = dupstr(ps, "status");
	pl->reason = dupstr(ps, "reason");
	jv_free(ps);
	vd = ads_json_get(v, "videoDetails");
	pl->id = dupstr(vd, "videoId");
	pl->title = dupstr(vd, "title");
	pl->author = dupstr(vd, "author");
	pl->channel_id = dupstr(vd, "channelId");
	/* lengthSeconds and viewCount are strings of digits. */
	lc = ads_json_str(vd, "lengthSeconds", NULL);
	if (lc != NULL && *lc != '\0' && strspn(lc, "0123456789") ==
	    strlen(lc))
		pl->length = strtod(lc, NULL);
	else if (ads_json_num(vd, "lengthSeconds", &d) == 0)
		pl->length = d;
	lc = ads_json_str(vd, "viewCount", NULL);
	if (lc != NULL && *lc != '\0' && strspn(lc, "0123456789") ==
	    strlen(lc))
		pl->views = strtod(lc, NULL);
	jv_free(vd);

	t = ads_json_get(v, "captions");
	tracks = ads_json_get2(t, "playerCaptionsTracklistRenderer",
	    "captionTracks");
	jv_free(t);
	if (jv_get_kind(tracks) == JV_KIND_ARRAY) {
		len = jv_array_length(jv_copy(tracks));
		pl->ntracks = len;
		for (l = 0; l < nlangs && jv_get_kind(best) == JV_KIND_NULL;
		    l++)
			for (pass = 0; pass < 2 &&
			    jv_get_kind(best) == JV_KIND_NULL; pass++)
				jv_array_foreach(tracks, i, tr) {
					lc = ads_json_str(tr, "languageCode",
					    NULL);
					kind = ads_json_str(tr, "kind", NULL);
					base = ads_json_str(tr, "baseUrl", NULL);
					if (lc != NULL && base != NULL &&
					    langmatch(langs[l], lc) &&
					    (kind != NULL && strcmp(kind,
					    "asr") == 0) == pass) {
						best = tr;
						break;
					}
					jv_free(tr);
				}
	}
	jv_free(tracks);
	if (jv_get_kind(best) == JV_KIND_OBJECT) {
		base = ads_json_str(best, "baseUrl", NULL);
		kind = ads_json_str(best, "kind", NULL);
		pl->url = trackurl(base);
		pl->lang = dupstr(best, "languageCode");
		pl->asr = kind != NULL && strcmp(kind, "asr") == 0;
		pl->potoken = strstr(base, "&exp=xpe") != NULL;
	}
	jv_free(best);
	jv_free(v);
	return 0;
}

void
yt_player_free(struct yt_player *pl)
{
	free(pl->status);
	free(pl->reason);
	free(pl->id);
	free(pl->title);
	free(pl->author);
	free(pl->channel_id);
	free(pl->url);
	free(pl->lang);
	memset(pl, 0, sizeof(*pl));
}

/* addseg -- one caption segment, cleaned, onto b. */
static void
addseg(struct ads_buf *b, const char *seg, size_t *nsegs)
{
	char *s, *r, *w;
	size_t n;
	int sp = 1;

	/*
	 * Timedtext text is escaped HTML inside XML: the XML parser makes
	 * "&amp;lt;i&amp;gt;" "&lt;i&gt;", a first HTML reading "<i>" (as
	 * youtube-transcript-api unescapes), a second drops the tags.
	 */
	r = ads_html_text(seg, strlen(seg), &n);
	s = ads_html_text(r, n, NULL);
	free(r);
	for (r = w = s; *r != '\0'; r++) {
		if (isspace((unsigned char)*r)) {
			if (!sp)
				*w++ = ' ';
			sp = 1;
		} else {
			*w++ = *r;
			sp = 0;
		}
	}
	while (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
	/* A transcript is capped: a hostile one stops growing here. */
	if (*s != '\0' && b->len + (size_t)(w - s) + 1 <= YT_MAX_TRANSCRIPT) {
		if (b->len > 0)
			ads_buf_addc(b, ' ');
		ads_buf_adds(b, s);
		(*nsegs)++;
	}
	free(s);
}

/* seg_fn -- takes each segment of a timedtext answer: its start, its text. */
typedef void (*seg_fn)(void *arg, double start, const char *text);

static void
xmlsegs(xmlNode *node, seg_fn fn, void *arg, int depth)
{
	xmlNode *c;
	xmlChar *t, *a;
	double st;

	for (c = node; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "text") == 0 ||
		    strcmp((const char *)c->name, "p") == 0) {
			/* srv1 "start" in seconds, srv3 "t" in ms. */
			st = 0;
			if ((a = xmlGetProp(c, (const xmlChar *)"start")) !=
			    NULL)
				st = atof((const char *)a);
			else if ((a = xmlGetProp(c, (const xmlChar *)"t")) !=
			    NULL)
				st = atof((const char *)a) / 1000;
			xmlFree(a);
			t = xmlNodeGetContent(c);
			if (t != NULL)
				fn(arg, st, (const char *)t);
			xmlFree(t);
		} else if (depth < 8)
			xmlsegs(c->children, fn, arg, depth + 1);
	}
}

/*
 * segments -- each segment of timedtext answer p (n bytes), in order,
 * to fn: none when p is empty or an XML answer declaring entities.
 */
static void
segments(const char *p, size_t n, seg_fn fn, void *arg)
{
	struct ads_buf line = ADS_BUF_INIT;
	xmlDocPtr doc;
	jv v, ev, segs;
	const char *u;
	double st;
	size_t i;

	for (i = 0; i < n && isspace((unsigned char)p[i]); i++)
		;
	if (i == n || n > 0x7fffffff)
		return;
	if (p[i] != '{') {
		/*
		 * No entity expansion, no network: predefined entities only;
		 * a DOCTYPE declaring entities is refused.
		 */
		if (ads_xml_entities(p, n))
			return;
		doc = xmlReadMemory(p, (int)n, NULL, NULL, XML_PARSE_NONET |
		    XML_PARSE_RECOVER | XML_PARSE_NOERROR |
		    XML_PARSE_NOWARNING);
		if (doc != NULL) {
			xmlsegs(xmlDocGetRootElement(doc), fn, arg, 0);
			xmlFreeDoc(doc);
		}
		return;
	}
	v = ads_json_parse(p, n);
	ev = ads_json_get(v, "events");
	if (jv_get_kind(ev) != JV_KIND_ARRAY) {
		jv_free(ev);
		ev = jv_array();
	}
	jv_array_foreach(ev, k, e) {
		segs = ads_json_get(e, "segs");
		ads_buf_reset(&line);
		if (jv_get_kind(segs) != JV_KIND_ARRAY) {
			jv_free(segs);
			segs = jv_array();
		}
		jv_array_foreach(segs, j, s) {
			u = ads_json_str(s, "utf8", NULL);
			if (u != NULL)
				ads_buf_adds(&line, u);
			jv_free(s);
		}
		st = 0;
		if (ads_json_num(e, "tStartMs", &st) == 0)
			st /= 1000;
		if (line.len > 0)
			fn(arg, st, line.p);
		jv_free(segs);
		jv_free(e);
	}
	ads_buf_free(&line);
	jv_free(ev);
	jv_free(v);
}

/* The transcript being joined, and its segment count. */
struct joined {
	struct ads_buf	 b;
	size_t		 n;
};

static void
joinseg(void *arg, double start, const char *text)
{
	struct joined *t = arg;

	(void)start;
	addseg(&t->b, text, &t->n);
}

char *
yt_transcript(const char *p, size_t n, size_t *nsegs)
{
	struct joined t = { ADS_BUF_INIT, 0 };

	segments(p, n, joinseg, &t);
	*nsegs = t.n;
	if (t.b.len == 0) {
		ads_buf_free(&t.b);
		return NULL;
	}
	return ads_buf_detach(&t.b, NULL);
}

/* timedseg -- one cleaned segment with its start onto *out. */
static void
timedseg(void *arg, double start, const char *text)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv *out = arg;
	size_t n = 0;

	addseg(&b, text, &n);
	if (n > 0)
		*out = jv_array_append(*out, ads_json_set(ads_json_set(
		    jv_object(), "start", jv_number(start)), "text",
		    jv_string_sized(b.p, (int)b.len)));
	ads_buf_free(&b);
}

jv
yt_timed(const char *p, size_t n)
{
	jv out = jv_array();

	segments(p, n, timedseg, &out);
	return out;
}
