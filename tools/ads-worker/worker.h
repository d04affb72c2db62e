/*
 * worker.h -- the parts of ads-worker: the job loop on PostgreSQL
 * (main.c) and what it reads and writes (job.c): a job's configuration
 * turned into the ads command line, the driver's @@PROGRESS@@ lines
 * turned into the job's progress value, and the finished dataset's card
 * turned into its result value.
 */
#ifndef ADS_WORKER_H
#define ADS_WORKER_H

#include <stddef.h>

#include <jv.h>

#include "../../common/util.h"

/* The worker's counters, for its log and every job's progress. */
struct worker_metrics {
	long long	claimed, done, failed, cancelled, requeued;
};

/* What is known of a running job, from its @@PROGRESS@@ lines. */
struct worker_progress {
	const char	*phase;		/* Planning ... Assembling, static */
	char		*detail;
	char		*stage;		/* the driver's own phase name */
	jv		 sources;	/* {name: {state, done, total, ...}} */
	int		 attempt;
	long long	 lines;		/* progress lines read */
	int		 dirty;		/* changed since last written */
	int		 phasechanged;	/* the phase changed: write now */
};

/* The ads command line of a job. */
struct worker_args {
	char		*argv[24];
	int		 argc;
};

/* worker_id_ok -- 1 when id names a folder safely: a UUID or a number. */
int worker_id_ok(const char *id);

/*
 * worker_args -- the argv of `ads` for the job whose autonomous_config
 * is config (JSON text): {prompt, targetRows, format, sources, seed}.
 * Returns 0, or -1 with *err set to a new message for the job's error.
 */
int worker_args(const char *config, const char *ads, const char *outdir,
    struct worker_args *a, char **err);
void worker_args_free(struct worker_args *a);

void worker_progress_init(struct worker_progress *p, int attempt);
void worker_progress_free(struct worker_progress *p);
/*
 * worker_progress_line -- take one line ads wrote on stdout (n bytes,
 * any bytes): @@PROGRESS@@ lines update p; every other line is copied to
 * logfd (when >= 0), as it is ads's summary.
 */
void worker_progress_line(struct worker_progress *p, const char *line,
    size_t n, int logfd);
/* worker_set_detail -- set p's detail from a format. */
void worker_set_detail(struct worker_progress *p, const char *fmt, ...)
    ADS_PRINTF(2, 3);
/* worker_progress_json -- the job's progress value (a new reference). */
jv worker_progress_json(const struct worker_progress *p,
    const struct worker_metrics *m);
/* worker_metrics_json -- the counters as an object. */
jv worker_metrics_json(const struct worker_metrics *m);

/*
 * worker_result -- the result value of a job that ended with code: the
 * dataset's folder and the figures of its dataset_card.json.
 */
jv worker_result(const char *outdir, int code);

/* worker_clean_text -- n bytes as valid UTF-8 without NUL; new string. */
char *worker_clean_text(const char *s, size_t n);

#endif
