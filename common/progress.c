/*
 * progress.c -- ADS_PROGRESS lines
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jv.h>

#include "buf.h"
#include "json.h"
#include "progress.h"
#include "util.h"

static int pfd = -1;
static int pown;		/* we opened it, so we close it */
static char *psource;
static char lastphase[64];
static double lastt;
static long long lastdone, lasttotal;
/* The HTTP counters, by ads_progress_http(); hset once it was called. */
static long long hst[4];
static int hset;

void
ads_progress_init(const char *source)
{
	const char *v, *errstr;
	long long fd;

	free(psource);
	psource = source != NULL ? xstrdup(source) : NULL;
	v = ads_getenv_nonempty("ADS_PROGRESS");
	if (v == NULL || pfd != -1)
		return;
	fd = ads_strtonum(v, 0, 1 << 20, &errstr);
	if (errstr == NULL) {
		if (fcntl((int)fd, F_GETFD) == -1) {
			ads_warn("ADS_PROGRESS: %s: not an open descriptor", v);
			return;
		}
		pfd = (int)fd;
		return;
	}
	pfd = open(v, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (pfd == -1) {
		ads_warn_errno("ADS_PROGRESS: %s", v);
		return;
	}
	pown = 1;
}

void
ads_progress_emit(const char *phase, long long done, long long total,
    jv extra)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p;
	ssize_t r;
	size_t off;

	if (pfd == -1) {
		jv_free(extra);
		return;
	}
	ads_buf_adds(&b, "{\"tool\":");
	ads_json_emit_string(&b, ads_progname(), strlen(ads_progname()));
	if (psource != NULL) {
		ads_buf_adds(&b, ",\"source\":");
		ads_json_emit_string(&b, psource, strlen(psource));
	}
	ads_buf_adds(&b, ",\"phase\":");
	ads_json_emit_string(&b, phase, strlen(phase));
	ads_buf_addf(&b, ",\"done\":%lld", done);
	if (total >= 0)
		ads_buf_addf(&b, ",\"total\":%lld", total);
	if (jv_get_kind(extra) == JV_KIND_OBJECT) {
		struct ads_buf e = ADS_BUF_INIT;

		ads_json_emit(&e, extra);
		/* Splice the object's members after ours. */
		if (e.len > 2) {
			ads_buf_addc(&b, ',');
			ads_buf_add(&b, e.p + 1, e.len - 2);
		}
		ads_buf_free(&e);
	}
	jv_free(extra);
	ads_buf_adds(&b, "}\n");
	for (off = 0, p = b.p; off < b.len; off += (size_t)r) {
		r = write(pfd, p + off, b.len - off);
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r == -1)
			break;	/* progress is best effort */
	}
	ads_buf_free(&b);
	lastt = ads_monotime();
	if (phase != lastphase)
		strncpy(lastphase, phase, sizeof(lastphase) - 1);
	lastdone = done;
	lasttotal = total;
}

/* httpextra -- the HTTP counters as progress fields, or jv_null(). */
static jv
httpextra(void)
{
	static const char *const k[] = {
		"requests", "retries", "cached", "failed"
	};
	jv o;
	size_t i;

	if (!hset)
		return jv_null();
	o = jv_object();
	for (i = 0; i < 4; i++)
		o = jv_object_set(o, jv_string(k[i]), jv_number(hst[i]));
	return o;
}

void
ads_progress(const char *phase, long long done, long long total)
{
	if (pfd == -1)
		return;
	if (strncmp(phase, lastphase, sizeof(lastphase) - 1) == 0 &&
	    ads_monotime() - lastt < 0.25) {
		/* For ads_progress_http() to write later. */
		lastdone = done;
		lasttotal = total;
		return;
	}
	ads_progress_emit(phase, done, total, httpextra());
}

void
ads_progress_http(long long requests, long long retries, long long cached,
    long long failed)
{
	hst[0] = requests;
	hst[1] = retries;
	hst[2] = cached;
	hst[3] = failed;
	hset = 1;
	if (pfd == -1 || lastphase[0] == '\0' || ads_monotime() - lastt < 0.25)
		return;
	ads_progress_emit(lastphase, lastdone, lasttotal, httpextra());
}

void
ads_progress_close(void)
{
	if (pfd != -1 && pown)
		close(pfd);
	pfd = -1;
	pown = 0;
	free(psource);
	psource = NULL;
}
