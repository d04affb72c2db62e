/*
 * progress.h -- the ADS_PROGRESS emitter (ads(7), PROGRESS)
 *
 * When ADS_PROGRESS names a file descriptor number ("3") or a path, a
 * tool writes one JSON object per line there:
 *
 *	{"tool":"ads-fetch-arxiv","source":"arxiv","phase":"collecting",
 *	 "done":120,"total":500}
 *
 * Each line is written with a single write(2) of less than PIPE_BUF
 * bytes where possible, so lines from tools sharing one pipe do not mix.
 * Without ADS_PROGRESS every call is a cheap no-op.
 */
#ifndef ADS_PROGRESS_H
#define ADS_PROGRESS_H

#include <jv.h>

/*
 * ads_progress_init -- open ADS_PROGRESS; source may be NULL (filters).
 * A bad value is reported once and progress is off.
 */
void ads_progress_init(const char *source);
/*
 * ads_progress -- report done of total (total < 0: unknown).  Lines are
 * written at most every 250 ms for one phase; a new phase is always
 * written.
 */
void ads_progress(const char *phase, long long done, long long total);
/*
 * ads_progress_emit -- write one line now, with the fields of extra (an
 * object, or jv_null()) after the standard ones.  Consumes extra.
 */
void ads_progress_emit(const char *phase, long long done, long long total,
    jv extra);
/*
 * ads_progress_http -- the HTTP layer's counters so far, added to every
 * later ads_progress() line as "requests", "retries", "cached" and
 * "failed"; the last line is written again with them when it is older
 * than 250 ms, so that a tool busy with requests shows them.
 */
void ads_progress_http(long long requests, long long retries,
    long long cached, long long failed);
/* ads_progress_close -- close the progress stream. */
void ads_progress_close(void);

#endif
