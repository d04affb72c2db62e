/*
 * local.c -- the records of a local WARC or WET file, with the article
 * extraction of its pages on the machine's other processors
 *
 * The main thread inflates and parses the WARC file, queues each record
 * that may give a record, in the file's order, and writes the records
 * out in that order; workers (one per processor but one) take the HTML
 * pages of the queue and run the article extractor on them, and the
 * main thread takes one too when it would otherwise wait.  Everything
 * that depends on what was written before (the duplicate check, the
 * limit) is decided when a record's turn comes, so the output and the
 * counts are those of reading the file one record after the other.
 * Memory is bounded: at most QMAX records and QBYTES of pages in the
 * queue (one page of any size when the queue is empty).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jv.h>
#include <libxml/parser.h>

#include "../../common/article.h"
#include "../../common/fetch.h"
#include "../../common/util.h"
#include "cc.h"
#include "warc.h"

#define MAXBLOCK	(16u << 20)
#define QMAX		16
#define QBYTES		(32u << 20)
#define MAXWORKERS	7

enum { J_DROP, J_CONV, J_HTML };

struct job {
	int		 kind;		/* J_... */
	const char	*reason;	/* J_DROP: why */
	char		*id;		/* commoncrawl:DIGEST, or NULL */
	char		*crawl;
	struct warc_record w;		/* own copies; block for J_CONV */
	char		*page;		/* J_HTML: the page, its charset */
	size_t		 pagelen;
	char		 cs[64];
	int		 hascs;
	int		 taken, done;	/* J_HTML: extraction started, over */
	int		 rc;		/* article_extract() */
	struct article	 a;
};

struct queue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 work, done;
	struct job	 jobs[QMAX];
	size_t		 head, n;	/* ring: oldest, count */
	size_t		 bytes;		/* of pages queued */
	int		 stop;
	pthread_t	 tid[MAXWORKERS];
	int		 nworkers;
};

static char *
dupnull(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
jobfree(struct job *j)
{
	free(j->id);
	free(j->crawl);
	free(j->w.uri);
	free(j->w.date);
	free(j->w.id);
	free(j->w.digest);
	free(j->w.ptype);
	free((char *)j->w.block);
	free(j->page);
	article_free(&j->a);
	memset(j, 0, sizeof(*j));
}

/* extract -- run the extractor on job j, the lock not held. */
static void
extract(struct job *j)
{
	j->rc = article_extract(j->page, j->pagelen, j->hascs ? j->cs : NULL,
	    &j->a);
}

/* untaken -- an HTML job no one works on yet, or NULL; lock held. */
static struct job *
untaken(struct queue *q)
{
	size_t i;
	struct job *j;

	for (i = 0; i < q->n; i++) {
		j = &q->jobs[(q->head + i) % QMAX];
		if (j->kind == J_HTML && !j->taken)
			return j;
	}
	return NULL;
}

/* run -- extract j (taken, lock held); the lock is held again after. */
static void
run(struct queue *q, struct job *j)
{
	j->taken = 1;
	pthread_mutex_unlock(&q->mu);
	extract(j);
	pthread_mutex_lock(&q->mu);
	j->done = 1;
	pthread_cond_broadcast(&q->done);
}

static void *
worker(void *arg)
{
	struct queue *q = arg;
	struct job *j = NULL;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->stop && (j = untaken(q)) == NULL)
			pthread_cond_wait(&q->work, &q->mu);
		if (q->stop)
			break;
		run(q, j);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/*
 * turn -- the oldest job's turn: wait for its extraction (or do it, or
 * another), then write its record or count why not, and free it.
 */
static void
turn(struct ads_fetch *f, struct queue *q, const char *path)
{
	struct job *j = &q->jobs[q->head], *o;
	const char *why = "skip";
	jv rec = jv_invalid();

	pthread_mutex_lock(&q->mu);
	if (ads_fetch_full(f) && !j->taken)
		j->taken = j->done = 1;	/* not written anyway */
	while (j->kind == J_HTML && !j->done) {
		if (!j->taken)
			run(q, j);
		else if ((o = untaken(q)) != NULL)
			run(q, o);
		else
			pthread_cond_wait(&q->done, &q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	if (ads_fetch_full(f))
		;
	else if (j->id != NULL && ads_fetch_seen(f, j->id))
		ads_fetch_drop(f, "duplicate");
	else if (j->kind == J_DROP)
		ads_fetch_drop(f, j->reason);
	else {
		if (j->kind == J_CONV)
			rec = cc_build(&j->w, NULL, j->crawl, path, -1, -1,
			    &why);
		else if (j->rc != 0)
			why = "no_text";
		else
			rec = cc_build(&j->w, &j->a, j->crawl, path, -1, -1,
			    &why);
		if (jv_is_valid(rec))
			ads_fetch_emit(f, rec);
		else {
			jv_free(rec);
			ads_fetch_drop(f, why);
		}
	}
	pthread_mutex_lock(&q->mu);
	q->bytes -= j->pagelen;
	jobfree(j);
	q->head = (q->head + 1) % QMAX;
	q->n--;
	pthread_mutex_unlock(&q->mu);
}

/* ready -- 1 when the oldest job can be written without waiting. */
static int
ready(struct queue *q)
{
	int k;

	pthread_mutex_lock(&q->mu);
	k = q->n > 0 && (q->jobs[q->head].kind != J_HTML ||
	    q->jobs[q->head].done);
	pthread_mutex_unlock(&q->mu);
	return k;
}

/* push -- queue the job for record w, making room first. */
static void
push(struct ads_fetch *f, struct queue *q, const struct warc_record *w,
    const char *crawl, const char *path)
{
	const char *body = NULL, *charset, *why;
	char cs[64];
	size_t bodylen = 0;
	struct job *j;
	int k;

	k = cc_html(w, &body, &bodylen, cs, sizeof(cs), &charset, &why);
	while (q->n == QMAX || (q->n > 0 && k == 1 &&
	    q->bytes + bodylen > QBYTES))
		turn(f, q, path);
	pthread_mutex_lock(&q->mu);
	j = &q->jobs[(q->head + q->n) % QMAX];
	pthread_mutex_unlock(&q->mu);
	/* The new slot is not visible to the workers until n grows. */
	memset(j, 0, sizeof(*j));
	if (w->digest != NULL)
		j->id = xasprintf("commoncrawl:%s", strncasecmp(w->digest,
		    "sha1:", 5) == 0 ? w->digest + 5 : w->digest);
	j->kind = k < 0 ? J_DROP : k == 0 ? J_CONV : J_HTML;
	j->reason = why;
	/* Written before: its turn will say so; no need to extract it. */
	if (j->id != NULL && ads_fetch_seen(f, j->id))
		j->kind = J_DROP;
	k = j->kind == J_DROP ? -1 : k;
	if (k >= 0) {
		memcpy(j->w.type, w->type, sizeof(j->w.type));
		j->w.uri = dupnull(w->uri);
		j->w.date = dupnull(w->date);
		j->w.id = dupnull(w->id);
		j->w.digest = dupnull(w->digest);
		j->w.ptype = dupnull(w->ptype);
		j->w.length = w->length;
		j->w.offset = w->offset;
		j->w.truncated = w->truncated;
		j->crawl = dupnull(crawl);
	}
	if (k == 0) {
		j->w.block = xmalloc(w->blocklen + 1);
		memcpy((char *)j->w.block, w->block, w->blocklen);
		j->w.blocklen = w->blocklen;
	} else if (k == 1) {
		j->page = xmalloc(bodylen + 1);
		memcpy(j->page, body, bodylen);
		j->page[bodylen] = '\0';
		j->pagelen = bodylen;
		if (charset != NULL) {
			snprintf(j->cs, sizeof(j->cs), "%s", charset);
			j->hascs = 1;
		}
	}
	pthread_mutex_lock(&q->mu);
	q->n++;
	q->bytes += j->pagelen;
	if (k == 1)
		pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
}

static void
qstart(struct queue *q)
{
	long np = sysconf(_SC_NPROCESSORS_ONLN);
	const char *e = ads_getenv_nonempty("ADS_CC_THREADS");
	int i;

	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->done, NULL);
	xmlInitParser();
	q->nworkers = np > MAXWORKERS + 1 ? MAXWORKERS : np > 1 ?
	    (int)np - 1 : 0;
	/* A job that runs one process per processor wants none. */
	if (e != NULL)
		q->nworkers = (int)ads_optnum("ADS_CC_THREADS", e, 0,
		    MAXWORKERS);
	for (i = 0; i < q->nworkers; i++)
		if (pthread_create(&q->tid[i], NULL, worker, q) != 0) {
			/* Fewer workers: the main thread does the rest. */
			q->nworkers = i;
			break;
		}
}

static void
qstop(struct queue *q)
{
	int i;

	pthread_mutex_lock(&q->mu);
	q->stop = 1;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < q->nworkers; i++)
		pthread_join(q->tid[i], NULL);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->done);
	pthread_mutex_destroy(&q->mu);
}

void
cc_readfile(struct ads_fetch *f, const char *path)
{
	static struct queue q;
	struct warc_reader *r;
	struct warc_record w;
	char *crawl = NULL;
	int fd;

	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ads_warn_errno("%s", path);
		ads_raise(ADS_SYSTEM);
		return;
	}
	f->query = path;
	memset(&w, 0, sizeof(w));
	qstart(&q);
	r = warc_open_fd(fd, MAXBLOCK);
	while (!ads_fetch_full(f) && warc_next(r, &w) == 1) {
		if (strcmp(w.type, "warcinfo") == 0) {
			/* isPartOf: CC-MAIN-2024-22, for the records after. */
			free(crawl);
			crawl = cc_warcinfo_crawl(w.block, w.blocklen);
			continue;
		}
		if (strcmp(w.type, "response") != 0 &&
		    strcmp(w.type, "conversion") != 0)
			continue;
		push(f, &q, &w, crawl, path);
		/* Write what is ready, so that the limit stops the reading. */
		while (ready(&q))
			turn(f, &q, path);
	}
	while (q.n > 0)
		turn(f, &q, path);
	qstop(&q);
	if (!ads_fetch_full(f) && warc_error(r)[0] != '\0') {
		/* A local file's fault is bad input, not a failed source. */
		ads_locwarn(path, 0, "%s", warc_error(r));
		ads_fetch_drop(f, "malformed");
		ads_raise(ADS_DATA);
	}
	warc_next(r, &w);
	warc_close(r);
	free(crawl);
	if (fd != 0)
		close(fd);
}
