/*
 * chapters.h -- a video's chapters (the timestamps of its description)
 * and its transcript cut by them, for the task rows
 */
#ifndef YT_CHAPTERS_H
#define YT_CHAPTERS_H

#include <stddef.h>

#include <jv.h>

#include "../../common/task.h"

/*
 * yt_chapters -- the chapters in description s (n bytes), as YouTube
 * reads them: lines with a timestamp (M:SS, MM:SS or H:MM:SS) at their
 * start (after a bullet or an opening bracket) or at their end, and a
 * title.  They count only as YouTube counts them: three or more, the
 * first at 0:00, in increasing order, each at least 10 seconds long.
 * Returns a new array of {"start": seconds, "title": text}, empty when
 * the description has no chapters.
 */
jv yt_chapters(const char *s, size_t n);

/*
 * yt_description -- videoDetails.shortDescription of an innertube
 * player answer (p, n bytes), or NULL.  Caller frees.
 */
char *yt_description(const char *p, size_t n);

/*
 * yt_chapter_rows -- the rows of task t that record rec (a video's
 * record; borrowed) makes from its timed transcript segs (an array of
 * {"start", "text"}, yt_timed) and its chapters: one row a chapter of
 * 20 words or more, id VIDEO#ch-K, context_id the video's id,
 * meta.chapter its title and meta.start its time.  For summarization
 * the chapter's transcript is the document and its title (of two
 * words or more) the summary; for the other paired tasks the chunks are
 * passages for ads-synth(1).  Returns a new array.
 */
jv yt_chapter_rows(jv rec, jv segs, jv chapters, enum ads_task t);

#endif
