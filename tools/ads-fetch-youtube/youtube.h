/*
 * youtube.h -- the parsers of ads-fetch-youtube: Data API v3 search
 * answers, the watch page, the innertube player answer and timedtext
 * transcripts (XML, srv3 and json3)
 *
 * They take a response body as bytes and never fail on any input.
 * They are linked into fuzz/ads-fetch-youtube/.
 */
#ifndef YOUTUBE_H
#define YOUTUBE_H

#include <stddef.h>

#include <jv.h>

/*
 * yt_search -- the videos of a search.list answer, as an array of
 * objects {id, title, channel, channel_id, published, description}, in
 * order; *next receives nextPageToken (caller frees) or NULL.  An
 * error answer ({"error": {"code", "message", "errors": [{"reason"}]}})
 * or a bad body gives an invalid jv with the message, and the first
 * reason ("quotaExceeded") in reason.
 */
jv yt_search(const char *p, size_t n, char **next, char *reason,
    size_t rlen);

/* yt_innertube_key -- "INNERTUBE_API_KEY":"..." of a watch page, or NULL. */
char *yt_innertube_key(const char *p, size_t n);
/*
 * yt_consent -- the value of the consent form's "v" field when the
 * page is the EU consent page (action consent.youtube.com), else NULL.
 */
char *yt_consent(const char *p, size_t n);
/* yt_captcha -- 1 when the page is the "too many requests" captcha. */
int yt_captcha(const char *p, size_t n);

/* What the innertube player answer tells about one video. */
struct yt_player {
	char	*status;	/* playabilityStatus.status ("OK", "ERROR", ...) */
	char	*reason;	/* playabilityStatus.reason, or NULL */
	char	*id, *title, *author, *channel_id;
	double	 length;	/* seconds, -1 when unknown */
	double	 views;		/* -1 when unknown */
	int	 ntracks;	/* caption tracks listed */
	/* The chosen track: */
	char	*url;		/* baseUrl without &fmt=..., or NULL */
	char	*lang;		/* its languageCode */
	int	 asr;		/* auto-generated */
	int	 potoken;	/* the track needs a PO token (&exp=xpe) */
};

/*
 * yt_player -- parse the answer p and choose a caption track: for each
 * language of langs in turn, a manual track, then an auto-generated one
 * (a language matches its regional variants: "en" takes "en-GB").
 * Returns 0, or -1 when p is not a JSON object.  Free with
 * yt_player_free() either way.
 */
int yt_player(const char *p, size_t n, char *const *langs, size_t nlangs,
    struct yt_player *pl);
void yt_player_free(struct yt_player *pl);

/*
 * yt_transcript -- the text of a timedtext answer (<transcript><text>,
 * srv3 <timedtext><body><p>, or json3 {"events": [{"segs": [{"utf8"}]}]}),
 * HTML entities and tags removed, segments joined by spaces.  Returns a
 * new string (caller frees) and the segment count in *nsegs, or NULL
 * when there is no text.  XML with a DOCTYPE declaring entities gives
 * NULL (the caller tells it with ads_xml_entities()); the text stops
 * growing at YT_MAX_TRANSCRIPT bytes.
 */
#define YT_MAX_TRANSCRIPT	(4 * 1024 * 1024)
char *yt_transcript(const char *p, size_t n, size_t *nsegs);

/*
 * yt_timed -- the segments of a timedtext answer (the formats of
 * yt_transcript) with their start: a new array of {"start": seconds,
 * "text": cleaned text}, empty when there is none (or the XML declares
 * entities).
 */
jv yt_timed(const char *p, size_t n);

#endif
