/*
 * ads-label -- label records with the plan's label set: by an LLM
 * (several records a request, many requests at once, answers checked
 * against the set and cached), by a classifier distilled from an LLM's
 * labels on a sample, or, without a key, by a classifier trained on the
 * records that came labelled from their source
 *
 * Every record goes first to an unlinked temporary file under TMPDIR
 * (the spool: its line and its text), since requests are batched and
 * the classifier trains on the whole input; they are written in input
 * order at the end, from the spool.  Memory holds no record: without an
 * LLM nothing per record (the classifier's training documents go to a
 * second spool, read once per cross-validation fold), with one 16 bytes
 * of state per record (struct rec), and while the LLM labels the state
 * of each record sent (struct tgt) and the requests of a round.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/http.h"
#include "../../common/io.h"
#include "../../common/field.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/llm.h"
#include "../../common/progress.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "label.h"
#include "ads-label-help.h"

#define USAGE "ads-label [-dehsV] [-a accuracy] [-b batch] [-j jobs] " \
	"[-k votes] [-L labels] [-M model] [-m min]\n[-n sample] [-p plan] " \
	"[-r rejectfile] [-T path[,path ...]] [file ...]"

/*
 * The requests of a round are made and sent this many windows of the
 * HTTP layer (4 * -j requests each) at a time, so that the bodies held
 * at once do not grow with the input.
 */
#define CHUNK_WINDOWS	16
/* An answer outside the set is asked again this many times. */
#define RETRIES		2
/* The keyless classifier needs this many labelled records, ... */
#define MIN_TRAIN	50
/* ... at least this many in each of two classes, ... */
#define MIN_CLASS	5
/* ... and a cross-validated accuracy this far above the majority. */
#define OVER_MAJORITY	0.10
/* The default bars: keyless cross-validated accuracy, distil agreement. */
#define BAR_KEYLESS	0.6
#define BAR_DISTIL	0.9
/* Output tokens per record and per request, for the estimate. */
#define EST_OUT_REC	12
#define EST_OUT_REQ	10
#define EST_OUT_TOKREC	40

enum state {
	ST_KEEP,	/* labelled by its source before: written as read */
	ST_SOURCE,	/* its source's label maps to the set */
	ST_TODO,	/* to be labelled */
	ST_LLM,
	ST_CLS,
	ST_NONE,
	ST_DROP
};

/*
 * With an LLM, the state of each record (16 bytes; its line and text are
 * in the spool).
 */
struct rec {
	uint64_t	 off;		/* where it is in the spool */
	signed char	 label;		/* index in the set, or -1 */
	unsigned char	 st;		/* enum state */
	unsigned char	 why;		/* for ST_NONE: the reason (whys) */
	unsigned char	 sample;	/* 1 in the distil sample, 2 held out */
	unsigned char	 top;		/* the votes of its label */
};

/* The reasons a record is left unlabelled, by number. */
static const char *const whys[] = {
	NULL, "no-text", "transport-error", "rate-limited", "http-error",
	"refused", "truncated", "invalid-answer", "no-answer",
	"outside-the-set", "span-mismatch", "low-agreement"
};

/* whycode -- the number of reason why in whys (0 for NULL). */
static unsigned char
whycode(const char *why)
{
	size_t i;

	for (i = 1; why != NULL && i < sizeof(whys) / sizeof(whys[0]); i++)
		if (strcmp(whys[i], why) == 0)
			return (unsigned char)i;
	return 0;
}

/*
 * The records sent to the LLM (the targets), in input order, while
 * they are labelled; their tags stay until they are written.
 */
struct tgt {
	size_t		 rec;		/* index in recs */
	const char	*why;		/* the reason it has no label */
	const char	*fail;		/* last failure of this round */
	unsigned char	*votes;		/* per label, with -k */
	unsigned char	 nvotes;	/* votes that named a label */
	jv		 tags;		/* token classification */
};

static struct lb_set set;
static struct rec *recs;	/* with an LLM only */
static struct tgt *tg;
static size_t ntg;
static size_t nrecs, caprecs, nout;

/*
 * The spool: per record a header (SPOOL_HDR bytes: the line's length
 * and the text's, 4 bytes each, the state and the label found on
 * reading, one byte each), the line, the text.  fspool, without an LLM:
 * per record labelled by its source, its features (the count, 4 bytes,
 * the label, 1 byte, the buckets, 4 bytes each, the counts, 2 bytes
 * each), in input order.
 */
#define SPOOL_HDR	10
static FILE *spool, *fspool;
static uint64_t spoolsize;
static size_t ntrain, tcnt[LB_MAXLABELS];

/*
 * What becomes of the records still ST_TODO when they are written:
 * labelled by todo_model with label_source todo_src, or else left
 * unlabelled for the reason todo_why.
 */
static struct cl_model *todo_model;
static char todo_src[64];
static const char *todo_why;
static int batch = 20, jobs = 8, votes = 1, dflag, eflag;
static double minscore = 0, bar = -1;
static long long sample;

/*
 * The LLMs: -M names up to MAXMODELS; vote k goes to model k % nmod.
 * prov is the first one's provider, or -1 for none.
 */
#define MAXMODELS	8
static int prov = -1, nmod;
static int provs[MAXMODELS];
static char *models[MAXMODELS];
static struct ads_llm_endpoint eps[MAXMODELS];
static long tok_in[MAXMODELS], tok_out[MAXMODELS];
static struct ads_http *http;
static char *sysprompt;
static jv schema, gschema;
static int anyfail;

/* Stats for the card. */
static jv classifier, distil;

static struct ads_fields fs;	/* -T: where the text is */
static unsigned long nhave;	/* records with a string there */

/* textof -- the text of rec at the -T paths, "" when there is none. */
static const char *
textof(jv rec)
{
	static struct ads_buf b;
	const char *t;

	if (ads_fields_key(&fs) != NULL) {
		t = ads_json_str(rec, ads_fields_key(&fs), NULL);
		nhave += t != NULL;
		return t != NULL ? t : "";
	}
	ads_buf_reset(&b);
	nhave += ads_fields_text(&fs, rec, &b) > 0;
	ads_buf_addc(&b, '\0');
	return b.p;
}

/*
 * sourcelabel -- how the record's own label stands: 1 when it carries a
 * "source:" label_source (kept as is), 2 when its plain label maps to
 * the set (*idx), 0 otherwise.  With note, the label_source of a 2 (new)
 * or NULL.
 */
static int
sourcelabel(jv rec, int *idx, char **note)
{
	const char *ls = ads_json_str(rec, "label_source", NULL);
	jv l;
	const char *src;
	char num[32];
	const char *v = NULL;

	*idx = -1;
	if (note != NULL)
		*note = NULL;
	l = ads_json_get(rec, "label");
	if (ls != NULL && strncmp(ls, "source:", 7) == 0) {
		if (jv_get_kind(l) == JV_KIND_STRING)
			*idx = lb_find(&set, jv_string_value(l));
		jv_free(l);
		return 1;
	}
	if (jv_get_kind(l) == JV_KIND_STRING)
		v = jv_string_value(l);
	else if (jv_get_kind(l) == JV_KIND_NUMBER &&
	    fabs(jv_number_value(l)) < 1e15 &&
	    jv_number_value(l) == (double)(long long)jv_number_value(l)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)jv_number_value(l));
		v = num;
	}
	if (v != NULL && set.task == LB_TEXT) {
		*idx = lb_find(&set, v);
		if (*idx < 0)
			*idx = lb_find_prefix(&set, v);
	}
	if (*idx >= 0 && note != NULL) {
		src = ads_json_str(rec, "source", NULL);
		*note = xasprintf("source:%s=%.64s", src != NULL ? src :
		    "unknown", v);
	}
	jv_free(l);
	return *idx >= 0 ? 2 : 0;
}

/* A record read back from the spool: its line and text, NUL-ended. */
struct spooled {
	char		*line, *text;
	size_t		 len, tlen, cap;
	int		 st, label;
};

static void
spool_put(const char *line, size_t len, const char *text, size_t tlen,
    int st, int label)
{
	unsigned char h[SPOOL_HDR];

	if (len > UINT32_MAX || tlen > UINT32_MAX)
		ads_die(ADS_SYSTEM, "a record of 4 GB or more");
	ads_put32le(h, (uint32_t)len);
	ads_put32le(h + 4, (uint32_t)tlen);
	h[8] = (unsigned char)st;
	h[9] = (unsigned char)(signed char)label;
	ads_tmp_write(spool, h, sizeof(h));
	ads_tmp_write(spool, line, len);
	ads_tmp_write(spool, text, tlen);
	spoolsize += sizeof(h) + len + tlen;
}

/* spool_next -- the next record of the spool into sp; 0 at its end. */
static int
spool_next(struct spooled *sp)
{
	unsigned char h[SPOOL_HDR];

	if (!ads_tmp_read(spool, h, sizeof(h), 1))
		return 0;
	sp->len = ads_get32le(h);
	sp->tlen = ads_get32le(h + 4);
	sp->st = h[8];
	sp->label = (signed char)h[9];
	if (sp->len + sp->tlen + 2 > sp->cap) {
		sp->cap = sp->len + sp->tlen + 2;
		free(sp->line);
		sp->line = xmalloc(sp->cap);
	}
	sp->text = sp->line + sp->len + 1;
	(void)ads_tmp_read(spool, sp->line, sp->len, 0);
	(void)ads_tmp_read(spool, sp->text, sp->tlen, 0);
	sp->line[sp->len] = '\0';
	sp->text[sp->tlen] = '\0';
	return 1;
}

static void
xpread(void *p, size_t n, uint64_t off)
{
	ssize_t got = n > 0 ? pread(fileno(spool), p, n, (off_t)off) : 0;

	if (got < 0 || (size_t)got != n)
		ads_die_errno(ADS_SYSTEM, "temporary file: read error");
}

/* spool_text -- the text of the record at off in the spool (new). */
static char *
spool_text(uint64_t off)
{
	unsigned char h[SPOOL_HDR];
	size_t tlen;
	char *t;

	xpread(h, sizeof(h), off);
	tlen = ads_get32le(h + 4);
	t = xmalloc(tlen + 1);
	xpread(t, tlen, off + sizeof(h) + ads_get32le(h));
	t[tlen] = '\0';
	return t;
}

static void
feat_put(const struct cl_doc *d, int label)
{
	unsigned char h[5];

	ads_put32le(h, (uint32_t)d->n);
	h[4] = (unsigned char)label;
	ads_tmp_write(fspool, h, sizeof(h));
	ads_tmp_write(fspool, d->f, (size_t)d->n * sizeof(*d->f));
	ads_tmp_write(fspool, d->c, (size_t)d->n * sizeof(*d->c));
}

/*
 * feat_next -- the next document of fspool into d (its arrays grown to
 * *cap), its label in *y; 0 at the end.
 */
static int
feat_next(struct cl_doc *d, size_t *cap, int *y)
{
	unsigned char h[5];
	size_t n;

	if (!ads_tmp_read(fspool, h, sizeof(h), 1))
		return 0;
	n = ads_get32le(h);
	*y = h[4];
	if (n > *cap) {
		*cap = n;
		d->f = xreallocarray(d->f, n, sizeof(*d->f));
		d->c = xreallocarray(d->c, n, sizeof(*d->c));
	}
	d->n = (int)n;
	(void)ads_tmp_read(fspool, d->f, n * sizeof(*d->f), 0);
	(void)ads_tmp_read(fspool, d->c, n * sizeof(*d->c), 0);
	return 1;
}

/*
 * readall -- every record to the spool (and, without an LLM, the
 * features of those labelled by their source to fspool); with an LLM,
 * the state of each in recs.
 */
static void
readall(struct ads_reader *r)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct cl_doc d;
	const char *text;
	struct rec *x;
	jv rec;
	int k, st, label;
	int feat = prov < 0 && set.task == LB_TEXT && !eflag;

	spool = ads_tmpfile();
	if (feat)
		fspool = ads_tmpfile();
	while (ads_reader_next(r, &rec)) {
		ads_buf_reset(&b);
		ads_json_emit(&b, rec);
		text = textof(rec);
		label = -1;
		if (set.task == LB_OTHER)
			st = ST_KEEP;
		else {
			k = sourcelabel(rec, &label, NULL);
			st = k == 1 ? ST_KEEP : k == 2 ? ST_SOURCE : ST_TODO;
			/* nothing to label: no request, no guess */
			if (st == ST_TODO && text[strspn(text, " \t\r\n")] ==
			    '\0')
				st = ST_NONE;
		}
		if (prov >= 0) {
			recs = xgrowarray(recs, nrecs, &caprecs, 1024,
			    sizeof(*recs));
			x = &recs[nrecs];
			memset(x, 0, sizeof(*x));
			x->off = spoolsize;
			x->label = (signed char)label;
			x->st = (unsigned char)st;
			if (st == ST_NONE)
				x->why = whycode("no-text");
		}
		if (feat && (st == ST_KEEP || st == ST_SOURCE) && label >= 0) {
			cl_features(text, strlen(text), &d);
			feat_put(&d, label);
			cl_doc_free(&d);
			ntrain++;
			tcnt[label]++;
		}
		spool_put(b.p, b.len, text, strlen(text), st, label);
		nrecs++;
		jv_free(rec);
	}
	if (fflush(spool) != 0)
		ads_die_errno(ADS_SYSTEM, "temporary file: write error");
	ads_buf_free(&b);
}

/* ---- the LLM ---------------------------------------------------- */

struct job {
	size_t		*idx;
	int		 n;
	int		 retry;
	int		 vote;		/* the sample of this model */
	int		 m;		/* the model */
	char		*body;
	size_t		 len;
};

static void
job_body(struct job *j)
{
	char **texts = xmalloc((size_t)j->n * sizeof(*texts));
	struct ads_llm_ask a;
	struct ads_buf b = ADS_BUF_INIT;
	jv body;
	char *prompt;
	int i;

	for (i = 0; i < j->n; i++)
		texts[i] = spool_text(recs[tg[j->idx[i]].rec].off);
	prompt = lb_prompt(&set, (const char *const *)texts, j->n, j->retry,
	    j->vote);
	for (i = 0; i < j->n; i++)
		free(texts[i]);
	memset(&a, 0, sizeof(a));
	a.system = sysprompt;
	a.prompt = prompt;
	a.name = "labels";
	a.desc = "Record the label of every text.";
	a.schema = schema;
	a.gschema = gschema;
	a.max_tokens = set.task == LB_TOKEN ? 200 + 150 * j->n :
	    100 + 20 * j->n;
	/* a model asked more than once samples */
	a.temperature = votes > nmod ? 0.7 : 0;
	body = ads_llm_body(provs[j->m], models[j->m], &a);
	ads_json_emit(&b, body);
	jv_free(body);
	j->body = ads_buf_detach(&b, &j->len);
	free(prompt);
	free(texts);
}

/*
 * jobs_make -- jobs of up to batch records from idx[0..n-1], for vote
 * number vote: model vote % nmod, its sample vote / nmod.
 */
static struct job *
jobs_make(const size_t *idx, size_t n, int retry, int vote, size_t *nj)
{
	size_t i, k = (n + (size_t)batch - 1) / (size_t)batch;
	struct job *v = xcalloc(k ? k : 1, sizeof(*v));

	for (i = 0; i < k; i++) {
		size_t from = i * (size_t)batch;
		size_t m = n - from < (size_t)batch ? n - from : (size_t)batch;

		v[i].idx = xmalloc(m * sizeof(*v[i].idx));
		memcpy(v[i].idx, idx + from, m * sizeof(*idx));
		v[i].n = (int)m;
		v[i].retry = retry;
		v[i].vote = vote / nmod;
		v[i].m = vote % nmod;
		job_body(&v[i]);
	}
	*nj = k;
	return v;
}

static void
jobs_free(struct job *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].idx);
		free(v[i].body);
	}
	free(v);
}

/* vote -- record x's answer: label l (or -1 with a reason). */
static void
vote(struct tgt *x, int l, jv tags, const char *why)
{
	if (set.task == LB_TOKEN) {
		if (jv_is_valid(tags)) {
			jv_free(x->tags);
			x->tags = tags;
			x->fail = NULL;
		} else {
			jv_free(tags);
			x->fail = why;
		}
		return;
	}
	jv_free(tags);
	if (l < 0) {
		x->fail = why;
		return;
	}
	x->fail = NULL;
	x->why = NULL;
	if (x->votes == NULL)
		x->votes = xcalloc((size_t)set.n, 1);
	x->votes[l]++;
	x->nvotes++;
}

/* answer -- read the answer to job j. */
static void
answer(const struct job *j, int rc, const struct ads_http_resp *r)
{
	int *lab, i;
	jv v, *ents;
	const char *why = NULL;
	long in, out;

	if (rc == -1 || r->status != 200) {
		for (i = 0; i < j->n; i++) {
			tg[j->idx[i]].fail = rc == -1 ? "transport-error" :
			    r->status == 429 ? "rate-limited" : "http-error";
		}
		anyfail = 1;
		return;
	}
	if (!r->cached && ads_llm_usage(provs[j->m], r->body, r->len, &in,
	    &out) == 0) {
		tok_in[j->m] += in;
		tok_out[j->m] += out;
	}
	v = ads_llm_extract(provs[j->m], r->body != NULL ? r->body : "",
	    r->len);
	if (!jv_is_valid(v)) {
		jv m = jv_invalid_get_msg(jv_copy(v));
		const char *s = ads_llm_why(0, 200, jv_get_kind(m) ==
		    JV_KIND_STRING ? jv_string_value(m) : NULL);

		why = strcmp(s, "refused") == 0 ? "refused" :
		    strcmp(s, "truncated") == 0 ? "truncated" :
		    "invalid-answer";
		jv_free(m);
		jv_free(v);
		for (i = 0; i < j->n; i++)
			vote(&tg[j->idx[i]], -1, jv_invalid(), why);
		return;
	}
	if (set.task == LB_TOKEN) {
		ents = xmalloc((size_t)j->n * sizeof(*ents));
		lb_read_tokens(v, j->n, ents);
		for (i = 0; i < j->n; i++) {
			struct tgt *x = &tg[j->idx[i]];
			jv toks, tags;
			char *t;

			if (!jv_is_valid(ents[i])) {
				jv_free(ents[i]);
				vote(x, -1, jv_invalid(), "no-answer");
				continue;
			}
			t = spool_text(recs[x->rec].off);
			toks = lb_tokens(t, LB_MAXTOKENS);
			free(t);
			tags = lb_tags(&set, toks, ents[i]);
			jv_free(ents[i]);
			jv_free(toks);
			/* vote frees an invalid tags, with its message */
			if (jv_is_valid(tags))
				vote(x, 0, tags, NULL);
			else
				vote(x, -1, tags, "span-mismatch");
		}
		free(ents);
	} else {
		lab = xmalloc((size_t)j->n * sizeof(*lab));
		lb_read(&set, v, j->n, lab);
		for (i = 0; i < j->n; i++)
			vote(&tg[j->idx[i]], lab[i], jv_invalid(),
			    lab[i] == -2 ? "outside-the-set" : "no-answer");
		free(lab);
	}
	jv_free(v);
}

/* The progress of a run of jobs, for ads_llm_batch's callbacks. */
struct jobrun {
	struct job	*v;
	size_t		*done;
	size_t		 total;
};

static void
jobs_answer(void *arg, size_t i, int rc, const struct ads_http_resp *r)
{
	struct jobrun *jr = arg;

	answer(&jr->v[i], rc, r);
	*jr->done += (size_t)jr->v[i].n;
}

static void
jobs_step(void *arg, size_t upto)
{
	struct jobrun *jr = arg;

	(void)upto;
	ads_progress("labelling", (long long)*jr->done,
	    (long long)jr->total);
}

/*
 * jobs_run -- send the jobs, -j at once, a window of 4 * -j requests
 * per call to the HTTP layer (ads_llm_batch).
 */
static void
jobs_run(struct job *v, size_t n, size_t *done, size_t total)
{
	struct ads_llm_call *c = xcalloc(n ? n : 1, sizeof(*c));
	struct jobrun jr = { v, done, total };
	size_t i;

	for (i = 0; i < n; i++) {
		c[i].ep = &eps[v[i].m];
		c[i].body = v[i].body;
		c[i].len = v[i].len;
	}
	ads_llm_batch(http, c, n, (size_t)jobs * 4, jobs_answer, jobs_step,
	    &jr);
	free(c);
}

/* chunk -- the records whose requests are made at once (a multiple of -b). */
static size_t
chunk(void)
{
	return (size_t)batch * (size_t)jobs * 4 * CHUNK_WINDOWS;
}

static void
tg_free(void)
{
	size_t i;

	for (i = 0; i < ntg; i++) {
		free(tg[i].votes);
		jv_free(tg[i].tags);
	}
	free(tg);
	tg = NULL;
	ntg = 0;
}

/*
 * tg_set -- the targets are the records idx[0..n-1]; returns their
 * numbers 0..n-1 (a new array).
 */
static size_t *
tg_set(const size_t *idx, size_t n)
{
	size_t *t = xmalloc((n ? n : 1) * sizeof(*t)), i;

	tg_free();
	tg = xcalloc(n ? n : 1, sizeof(*tg));
	ntg = n;
	for (i = 0; i < n; i++) {
		tg[i].rec = idx[i];
		tg[i].tags = jv_invalid();
		t[i] = i;
	}
	return t;
}

/*
 * llm_label -- label the records idx[0..n-1] (ascending) by the LLM:
 * -k votes each, an invalid answer asked again up to RETRIES times,
 * then the votes counted.
 */
static void
llm_label(const size_t *idx, size_t n)
{
	size_t *all = tg_set(idx, n);
	size_t *again = xmalloc((n ? n : 1) * sizeof(*again)), na, nj, i;
	size_t done = 0, total = n * (size_t)votes, from, m;
	struct job *v;
	int k, round, best, b;
	struct tgt *x;
	struct rec *y;
	double score;

	for (k = 0; k < votes; k++) {
		memcpy(again, all, n * sizeof(*all));
		na = n;
		for (round = 0; round <= RETRIES && na > 0; round++) {
			for (from = 0; from < na; from += m) {
				m = na - from < chunk() ? na - from : chunk();
				v = jobs_make(again + from, m, round, k, &nj);
				jobs_run(v, nj, &done, total);
				jobs_free(v, nj);
			}
			/* ask again those whose answer was not valid */
			for (i = 0, nj = 0; i < na; i++) {
				x = &tg[again[i]];
				if (x->fail != NULL &&
				    (strcmp(x->fail, "outside-the-set") == 0 ||
				    strcmp(x->fail, "invalid-answer") == 0 ||
				    strcmp(x->fail, "no-answer") == 0 ||
				    strcmp(x->fail, "span-mismatch") == 0))
					again[nj++] = again[i];
			}
			na = nj;
		}
		for (i = 0; i < n; i++) {
			x = &tg[i];
			if (x->fail != NULL && x->why == NULL)
				x->why = x->fail;
			x->fail = NULL;
		}
	}
	for (i = 0; i < n; i++) {
		x = &tg[i];
		y = &recs[x->rec];
		if (set.task == LB_TOKEN) {
			y->st = jv_is_valid(x->tags) ? ST_LLM : ST_NONE;
			if (y->st == ST_NONE && x->why == NULL)
				x->why = "no-answer";
			y->why = whycode(x->why);
			continue;
		}
		if (x->nvotes == 0) {
			y->st = ST_NONE;
			y->why = whycode(x->why != NULL ? x->why :
			    "no-answer");
			continue;
		}
		best = 0;
		for (b = 1; b < set.n; b++)
			if (x->votes[b] > x->votes[best])
				best = b;
		y->label = (signed char)best;
		y->top = x->votes[best];
		score = (double)x->votes[best] / votes;
		y->st = ST_LLM;
		y->why = 0;
		if (votes > 1 && score < minscore) {
			y->st = dflag ? ST_DROP : ST_NONE;
			y->why = whycode("low-agreement");
			y->label = -1;
		}
	}
	/* only the tags are wanted still */
	if (set.task != LB_TOKEN)
		tg_free();
	free(again);
	free(all);
}

static void
llm_setup(void)
{
	struct ads_http_opts o;
	const char *t;
	int i;

	sysprompt = lb_system(&set);
	schema = lb_schema(&set, 0);
	gschema = lb_schema(&set, 1);
	if (eflag)
		return;
	for (i = 0; i < nmod; i++)
		if (ads_llm_endpoint(&eps[i], provs[i], models[i]) != 0)
			ads_die(ADS_USAGE, "%s is not set",
			    ads_llm_keyenv[provs[i]]);
	memset(&o, 0, sizeof(o));
	o.source = "label";
	o.max_conns = jobs;
	o.retries = 4;
	o.timeout_ms = 120000;
	t = ads_getenv_nonempty("ADS_LABEL_TIMEOUT");
	if (t != NULL && atof(t) > 0)
		o.timeout_ms = (long)(atof(t) * 1000);
	o.max_wait = 120;
	/* A model may think for a long time before its first byte. */
	o.low_speed_time = -1;
	http = ads_http_new(&o);
}

/* ---- the classifier --------------------------------------------- */

/*
 * train -- a new model trained on the records picks[0..n-1] (ascending)
 * of recs that the LLM labelled and whose sample mark is 1 (only 1:
 * only those), in the order of the input.
 */
static struct cl_model *
train(const size_t *picks, size_t n, int only1)
{
	struct cl_model *m = xmalloc(sizeof(*m));
	struct cl_doc d;
	size_t k;
	char *t;

	cl_begin(m, set.n);
	for (k = 0; k < n; k++) {
		struct rec *x = &recs[picks[k]];

		if (x->st != ST_LLM || (only1 && x->sample != 1))
			continue;
		t = spool_text(x->off);
		cl_features(t, strlen(t), &d);
		cl_add(m, &d, x->label);
		cl_doc_free(&d);
		free(t);
	}
	cl_end(m);
	return m;
}

/*
 * unlabelled -- the records left to label will be written unlabelled
 * for the reason why.
 */
static void
unlabelled(const char *why)
{
	todo_why = why;
}

/*
 * crossval -- k-fold accuracy of the classifier on the documents of
 * fspool (folds by their number modulo k), each fold trained from one
 * pass over fspool and tried on another.  *majority gets the share of
 * the largest class.
 */
static double
crossval(int k, double *majority)
{
	struct cl_model m;
	struct cl_doc d;
	size_t j, right = 0, tried = 0, big = 0, cap = 0;
	int f, y, c;

	memset(&d, 0, sizeof(d));
	for (c = 0; c < set.n; c++)
		if (tcnt[c] > big)
			big = tcnt[c];
	for (f = 0; f < k; f++) {
		cl_begin(&m, set.n);
		ads_tmp_rewind(fspool);
		for (j = 0; feat_next(&d, &cap, &y); j++)
			if ((int)(j % (size_t)k) != f)
				cl_add(&m, &d, y);
		cl_end(&m);
		ads_tmp_rewind(fspool);
		for (j = 0; feat_next(&d, &cap, &y); j++)
			if ((int)(j % (size_t)k) == f) {
				tried++;
				right += cl_predict(&m, &d, NULL) == y;
			}
		cl_free(&m);
	}
	cl_doc_free(&d);
	*majority = tried > 0 ? (double)big / (double)tried : 0;
	return tried > 0 ? (double)right / (double)tried : 0;
}

/* keyless -- the classifier trained on the source labels. */
static void
keyless(void)
{
	size_t ok = 0, cap = 0;
	struct cl_doc d;
	int c, big, y;
	double acc, maj, need = bar >= 0 ? bar : BAR_KEYLESS;

	for (c = 0; c < set.n; c++)
		if (tcnt[c] >= MIN_CLASS)
			ok++;
	classifier = JV_OBJECT(jv_string("kind"), jv_string("naive-bayes"),
	    jv_string("trained_on"), jv_string("source labels"),
	    jv_string("records"), jv_number((double)ntrain),
	    jv_string("bar"), jv_number(need));
	if (set.task != LB_TEXT || ntrain < MIN_TRAIN || ok < 2) {
		ads_warn("no LLM configured and %zu records labelled by their "
		    "source (at least %d, with %d in each of two labels, are "
		    "needed): records left unlabelled", ntrain, MIN_TRAIN,
		    MIN_CLASS);
		classifier = ads_json_set(classifier, "used", jv_false());
		unlabelled("no-key-no-training-data");
		return;
	}
	acc = crossval(5, &maj);
	big = acc >= need && acc >= maj + OVER_MAJORITY;
	classifier = ads_json_set(classifier, "cv_accuracy",
	    jv_number(round(acc * 1000) / 1000));
	classifier = ads_json_set(classifier, "majority",
	    jv_number(round(maj * 1000) / 1000));
	classifier = ads_json_set(classifier, "used", jv_bool(big));
	fprintf(stderr, "%s: classifier: 5-fold accuracy %.3f on %zu source "
	    "labels (majority class %.3f, bar %.2f)%s\n", ads_progname(),
	    acc, ntrain, maj, need, big ? "" : ": below the bar, records "
	    "left unlabelled");
	if (!big) {
		unlabelled("classifier-below-bar");
		return;
	}
	snprintf(todo_src, sizeof(todo_src), "classifier:cv=%.2f", acc);
	todo_model = xmalloc(sizeof(*todo_model));
	cl_begin(todo_model, set.n);
	memset(&d, 0, sizeof(d));
	ads_tmp_rewind(fspool);
	while (feat_next(&d, &cap, &y))
		cl_add(todo_model, &d, y);
	cl_end(todo_model);
	cl_doc_free(&d);
}

/* distill -- the LLM labels a sample, the classifier the rest. */
static void
distill(void)
{
	size_t *todo = xmalloc((nrecs ? nrecs : 1) * sizeof(*todo));
	size_t *pick, ntodo = 0, npick, i, k, right = 0, tried = 0;
	struct cl_model *m;
	struct cl_doc d;
	double agree, need = bar >= 0 ? bar : BAR_DISTIL;
	char *t;

	for (i = 0; i < nrecs; i++)
		if (recs[i].st == ST_TODO)
			todo[ntodo++] = i;
	npick = (size_t)sample < ntodo ? (size_t)sample : ntodo;
	pick = xmalloc((npick ? npick : 1) * sizeof(*pick));
	/* evenly spread over the input: the same sample every run */
	for (k = 0; k < npick; k++) {
		pick[k] = todo[(size_t)((double)k * (double)ntodo /
		    (double)npick)];
		recs[pick[k]].sample = (k % 5 == 4) ? 2 : 1;
	}
	free(todo);
	llm_label(pick, npick);
	if (npick == ntodo) {
		free(pick);
		return;
	}
	/* agreement on the held-out fifth, trained on the rest */
	m = train(pick, npick, 1);
	for (k = 0; k < npick; k++) {
		struct rec *x = &recs[pick[k]];

		if (x->sample != 2 || x->st != ST_LLM)
			continue;
		t = spool_text(x->off);
		cl_features(t, strlen(t), &d);
		right += cl_predict(m, &d, NULL) == x->label;
		tried++;
		cl_doc_free(&d);
		free(t);
	}
	cl_free(m);
	free(m);
	agree = tried > 0 ? (double)right / (double)tried : 0;
	distil = JV_OBJECT(jv_string("sample"), jv_number((double)npick),
	    jv_string("held_out"), jv_number((double)tried),
	    jv_string("agreement"), jv_number(round(agree * 1000) / 1000),
	    jv_string("bar"), jv_number(need),
	    jv_string("used"), jv_bool(agree >= need && tried > 0));
	fprintf(stderr, "%s: distil: the classifier agrees with the LLM on "
	    "%.3f of %zu held-out records (bar %.2f)%s\n", ads_progname(),
	    agree, tried, need, agree >= need && tried > 0 ? "" :
	    ": the rest left unlabelled");
	if (agree < need || tried == 0) {
		unlabelled("classifier-below-bar");
	} else {
		snprintf(todo_src, sizeof(todo_src), "classifier:distil=%.2f",
		    agree);
		todo_model = train(pick, npick, 0);
	}
	free(pick);
}

/* ---- the estimate ----------------------------------------------- */

static size_t
targets(size_t **out)
{
	size_t i, n = 0;

	*out = xmalloc((nrecs ? nrecs : 1) * sizeof(**out));
	for (i = 0; i < nrecs; i++)
		if (recs[i].st == ST_TODO)
			(*out)[n++] = i;
	if (sample > 0 && (size_t)sample < n && set.task == LB_TEXT) {
		size_t k, m = (size_t)sample;

		for (k = 0; k < m; k++)
			(*out)[k] = (*out)[(size_t)((double)k * (double)n /
			    (double)m)];
		n = m;
	}
	return n;
}

/*
 * names -- "P/M+P/M" of the models, or with prefix "llm:" for a
 * label_source.  A new string.
 */
static char *
names(const char *prefix)
{
	struct ads_buf b = ADS_BUF_INIT;
	int i;

	ads_buf_adds(&b, prefix);
	for (i = 0; i < nmod; i++)
		ads_buf_addf(&b, "%s%s/%s", i > 0 ? "+" : "",
		    ads_llm_names[provs[i]], models[i]);
	return ads_buf_detach(&b, NULL);
}

/* estimate -- tokens, requests and cost, as a new object. */
static jv
estimate(int print)
{
	size_t *idx, *all, n, nj = 0, i, at, c;
	struct job *v;
	long in = 0, out = 0, reqs = 0;
	double pin = 0, pout = 0, cost = 0;
	const char *from = NULL;
	char *who;
	int known = 1, m;
	jv e;

	if (prov < 0) {
		e = JV_OBJECT(jv_string("provider"), jv_null(),
		    jv_string("requests"), jv_number(0),
		    jv_string("input"), jv_number(0),
		    jv_string("output"), jv_number(0),
		    jv_string("cost_usd"), jv_number(0));
		if (print)
			fprintf(stderr, "%s: estimate: no LLM configured: the "
			    "classifier, no requests, no cost\n",
			    ads_progname());
		return e;
	}
	n = targets(&idx);
	all = tg_set(idx, n);
	for (m = 0; m < nmod && m < votes; m++) {
		/* the votes model m gives, alike but for the sample mark */
		long cnt = (votes - m + nmod - 1) / nmod, min = 0, mout;

		nj = 0;
		for (at = 0; at < n; at += c) {
			size_t k;

			c = n - at < chunk() ? n - at : chunk();
			v = jobs_make(all + at, c, 0, m, &k);
			for (i = 0; i < k; i++)
				min += ads_llm_tokens(v[i].len);
			jobs_free(v, k);
			nj += k;
		}
		mout = (long)n * (set.task == LB_TOKEN ? EST_OUT_TOKREC :
		    EST_OUT_REC) + (long)nj * EST_OUT_REQ;
		in += min * cnt;
		out += mout * cnt;
		reqs += (long)nj * cnt;
		if (!ads_llm_price(provs[m], models[m], &pin, &pout, &from))
			known = 0;
		cost += ((double)min * pin + (double)mout * pout) * cnt / 1e6;
	}
	free(idx);
	free(all);
	tg_free();
	who = names("");
	e = JV_OBJECT(jv_string("provider"), nmod == 1 ?
	    jv_string(ads_llm_names[prov]) : jv_string("several"),
	    jv_string("model"), nmod == 1 ? jv_string(models[0]) :
	    jv_string(who),
	    jv_string("records"), jv_number((double)n),
	    jv_string("requests"), jv_number((double)reqs),
	    jv_string("input"), jv_number((double)in),
	    jv_string("output"), jv_number((double)out),
	    jv_string("cost_usd"), known ? jv_number(round(cost * 1e6) /
	    1e6) : jv_null(),
	    jv_string("prices"), jv_string(from != NULL ? from : ""));
	if (print) {
		fprintf(stderr, "%s: estimate: %s: %zu records, %ld requests, "
		    "about %ld input and %ld output tokens: ", ads_progname(),
		    who, n, reqs, in, out);
		if (!known)
			fprintf(stderr, "price unknown (set ADS_LLM_PRICE)\n");
		else if (nmod == 1)
			fprintf(stderr, "$%.4f at $%.2f/$%.2f per million "
			    "tokens (prices of %s)\n", cost, pin, pout, from);
		else
			fprintf(stderr, "$%.4f (prices of %s)\n", cost, from);
	}
	free(who);
	return e;
}

/* ---- output ----------------------------------------------------- */

/*
 * count -- one more record of label lab for label source src, counted
 * by the kind of source: "source:NAME", "classifier", "llm:P/M",
 * "none:WHY".
 */
static void
count(jv *bysrc, const char *src, const char *lab)
{
	char k[96];
	double d = 0;
	size_t n;
	jv t;

	if (strncmp(src, "source:", 7) == 0)
		n = strcspn(src, "=");
	else if (strncmp(src, "classifier:", 11) == 0)
		n = 10;
	else
		n = strlen(src);
	snprintf(k, sizeof(k), "%.*s", (int)n, src);
	t = ads_json_get(*bysrc, k);
	if (jv_get_kind(t) != JV_KIND_OBJECT) {
		jv_free(t);
		t = jv_object();
	}
	ads_json_num(t, lab, &d);
	*bysrc = ads_json_set(*bysrc, k, ads_json_set(t, lab,
	    jv_number(d + 1)));
}

/*
 * writeall -- the records of the spool in input order, their state from
 * recs (with an LLM) or the spool, those left to label labelled by
 * todo_model or unlabelled for todo_why.
 */
static void
writeall(jv *bysrc)
{
	struct ads_out *o = ads_out_stdout();
	char *llmsrc = prov >= 0 ? names("llm:") : NULL;
	char none[64], *note;
	const char *src, *lab, *why;
	struct spooled sp;
	struct cl_doc d;
	struct rec *x;
	size_t i, c = 0;
	double score;
	int st, label;
	jv rec;

	memset(&sp, 0, sizeof(sp));
	*bysrc = jv_object();
	ads_tmp_rewind(spool);
	for (i = 0; spool_next(&sp); i++) {
		x = recs != NULL ? &recs[i] : NULL;
		st = x != NULL ? x->st : sp.st;
		label = x != NULL ? x->label : sp.label;
		score = x != NULL && st == ST_LLM ? (double)x->top / votes : 1;
		why = x != NULL ? whys[x->why] : st == ST_NONE ? "no-text" :
		    NULL;
		note = NULL;
		if (st == ST_DROP)
			continue;
		nout++;
		if (st == ST_KEEP) {
			ads_out_write(o, sp.line, sp.len);
			ads_out_write(o, "\n", 1);
			if (set.task != LB_OTHER) {
				jv r = ads_json_parse(sp.line, sp.len);
				const char *ls = ads_json_str(r,
				    "label_source", NULL);
				const char *l = ads_json_str(r, "label", NULL);

				if (ls != NULL)
					count(bysrc, ls, l != NULL ? l :
					    "(none)");
				jv_free(r);
			}
			continue;
		}
		if (st == ST_TODO && todo_model != NULL) {
			cl_features(sp.text, sp.tlen, &d);
			label = cl_predict(todo_model, &d, &score);
			cl_doc_free(&d);
			st = ST_CLS;
		} else if (st == ST_TODO) {
			st = ST_NONE;
			why = todo_why;
		}
		rec = ads_json_parse(sp.line, sp.len);
		switch (st) {
		case ST_SOURCE:
			sourcelabel(rec, &label, &note);
			src = note;
			break;
		case ST_CLS:
			src = todo_src;
			break;
		case ST_LLM:
			src = llmsrc;
			break;
		default:
			snprintf(none, sizeof(none), "none:%s",
			    why != NULL ? why : "unknown");
			src = none;
			break;
		}
		if (set.task == LB_TOKEN) {
			if (st == ST_LLM) {
				rec = ads_json_set(rec, "tokens",
				    lb_tokens(sp.text, LB_MAXTOKENS));
				/* the targets are in input order */
				while (c < ntg && tg[c].rec < i)
					c++;
				rec = ads_json_set(rec, "tags", c < ntg &&
				    tg[c].rec == i ? jv_copy(tg[c].tags) :
				    jv_array());
			}
			rec = ads_json_set(rec, "label_source", jv_string(src));
			rec = ads_json_set(rec, "label_score",
			    jv_number(st == ST_LLM ? 1 : 0));
			lab = st == ST_LLM ? "(tagged)" : "(none)";
		} else {
			lab = label >= 0 && st != ST_NONE ?
			    set.name[label] : NULL;
			rec = ads_json_set(rec, "label", lab != NULL ?
			    jv_string(lab) : jv_null());
			rec = ads_json_set(rec, "label_source", jv_string(src));
			rec = ads_json_set(rec, "label_score",
			    jv_number(lab != NULL ?
			    round(score * 1000) / 1000 : 0));
			if (lab == NULL)
				lab = "(none)";
		}
		count(bysrc, src, lab);
		ads_out_record(o, rec);
		free(note);
	}
	free(sp.line);
	free(llmsrc);
}


static void
freeall(void)
{
	tg_free();
	free(recs);
	if (spool != NULL)
		fclose(spool);
	if (fspool != NULL)
		fclose(fspool);
	if (todo_model != NULL)
		cl_free(todo_model);
	free(todo_model);
}

/* choose_models -- the LLMs of -M (or of the environment), or none. */
static void
choose_models(const char *mflag, int kflag)
{
	if (mflag != NULL && strcmp(mflag, "none") == 0)
		prov = -1;
	else if (mflag == NULL) {
		prov = ads_llm_choose(NULL, &models[0]);
		if (prov >= 0)
			provs[nmod++] = prov;
	} else {
		char *list = xstrdup(mflag), *w, *save = NULL;

		for (w = strtok_r(list, ",", &save); w != NULL;
		    w = strtok_r(NULL, ",", &save)) {
			if (nmod == MAXMODELS)
				ads_die(ADS_USAGE, "-M: at most %d models",
				    MAXMODELS);
			provs[nmod] = ads_llm_choose(w, &models[nmod]);
			if (provs[nmod] < 0)
				ads_die(ADS_USAGE, "-M: unknown model: %s "
				    "(none, or openai, anthropic, gemini, "
				    "openrouter, llm, each with :MODEL)", w);
			nmod++;
		}
		free(list);
		if (nmod == 0)
			ads_die(ADS_USAGE, "-M: no model given");
		prov = provs[0];
		if (!kflag)
			votes = nmod;
	}
}

/* summary -- the final progress line's fields (est, bysrc consumed). */
static jv
summary(jv est, jv bysrc)
{
	struct ads_http_stats st;
	double pin, pout;
	int c;
	char *who = prov >= 0 ? names("") : NULL;
	jv extra, labels = jv_array();

	for (c = 0; c < set.n; c++)
		labels = jv_array_append(labels, jv_string(set.name[c]));
	extra = JV_OBJECT(jv_string("in"), jv_number((double)nrecs),
	    jv_string("out"), jv_number((double)nout), jv_string("task"),
	    jv_string(set.task == LB_TEXT ? "text-classification" :
	    set.task == LB_TOKEN ? "token-classification" : "other"),
	    jv_string("dropped"), JV_OBJECT(jv_string("low_agreement"),
	    jv_number((double)(nrecs - nout))), jv_string("labels"), labels,
	    jv_string("label_sources"), bysrc, jv_string("model"),
	    who != NULL ? jv_string(who) : jv_null());
	free(who);
	extra = ads_json_set(extra, "prompt_template", sysprompt != NULL ?
	    jv_string(sysprompt) : jv_null());
	extra = ads_json_set(extra, "votes", jv_number(votes));
	extra = ads_json_set(extra, "estimate", est);
	if (prov >= 0) {
		long in = 0, out = 0;
		double usd = 0;
		int known = 1;

		for (c = 0; c < nmod; c++) {
			in += tok_in[c];
			out += tok_out[c];
			if (ads_llm_price(provs[c], models[c], &pin, &pout,
			    NULL))
				usd += ((double)tok_in[c] * pin +
				    (double)tok_out[c] * pout) / 1e6;
			else
				known = 0;
		}
		extra = ads_json_set(extra, "cost", JV_OBJECT(
		    jv_string("input"), jv_number((double)in),
		    jv_string("output"), jv_number((double)out),
		    jv_string("usd"), known ? jv_number(round(usd * 1e6) /
		    1e6) : jv_null()));
	} else
		extra = ads_json_set(extra, "cost", jv_null());
	extra = ads_json_set(extra, "classifier", classifier);
	extra = ads_json_set(extra, "distil", distil);
	classifier = distil = jv_null();
	if (http != NULL) {
		extra = ads_llm_stats(http, extra, &st);
		fprintf(stderr, "%s: %zu records, %ld requests (%ld cached, "
		    "%ld retried, %ld failed)\n", ads_progname(), nrecs,
		    st.requests, st.cached, st.retries, st.failed);
	}
	return extra;
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "accuracy",	required_argument,	NULL,	'a' },
		{ "batch",	required_argument,	NULL,	'b' },
		{ "drop",	no_argument,		NULL,	'd' },
		{ "estimate",	no_argument,		NULL,	'e' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "jobs",	required_argument,	NULL,	'j' },
		{ "votes",	required_argument,	NULL,	'k' },
		{ "labels",	required_argument,	NULL,	'L' },
		{ "model",	required_argument,	NULL,	'M' },
		{ "min",	required_argument,	NULL,	'm' },
		{ "plan",	required_argument,	NULL,	'p' },
		{ "sample",	required_argument,	NULL,	'n' },
		{ "reject",	required_argument,	NULL,	'r' },
		{ "strict",	no_argument,		NULL,	's' },
		{ "text",	required_argument,	NULL,	'T' },
		{ "version",	no_argument,		NULL,	'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_reader r;
	const char *planpath = NULL, *labels = NULL, *mflag = NULL, *err;
	jv plan = jv_null(), extra, est, bysrc;
	int c, rc, level, kflag = 0;
	size_t *idx, n;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	classifier = jv_null();
	distil = jv_null();
	schema = gschema = jv_null();
	while ((c = getopt_long(argc, argv, "a:b:dehj:k:L:M:m:n:p:r:sT:V", lopts,
	    NULL)) != -1) {
		if (ads_reader_opt(&r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'a':
			bar = ads_optdouble("-a", optarg, 0, 1);
			break;
		case 'b':
			batch = (int)ads_optnum("-b", optarg, 1, 100);
			break;
		case 'd':
			dflag = 1;
			break;
		case 'e':
			eflag = 1;
			break;
		case 'j':
			jobs = (int)ads_optnum("-j", optarg, 1, 256);
			break;
		case 'k':
			votes = (int)ads_optnum("-k", optarg, 1, 15);
			kflag = 1;
			break;
		case 'L':
			labels = optarg;
			break;
		case 'M':
			mflag = optarg;
			break;
		case 'm':
			minscore = ads_optdouble("-m", optarg, 0, 1);
			break;
		case 'p':
			planpath = optarg;
			break;
		case 'n':
			sample = ads_optnum("-n", optarg, 1, 10000000);
			break;
		case 'T':
			ads_fields_opt(&fs, "-T", optarg);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (planpath == NULL && labels == NULL)
		ads_die(ADS_USAGE, "give the plan (-p) or the labels (-L)");
	if (planpath != NULL)
		plan = ads_plan_read(planpath);
	if (labels != NULL) {
		if (lb_set_from_list(&set, labels, LB_TEXT) != 0)
			ads_die(ADS_USAGE, "-L: two or more distinct short "
			    "names, separated by commas");
	} else if (lb_set_from_plan(&set, plan, &err) != 0)
		/* the run goes on: a stage of the driver, it must not stop it */
		ads_warn("%s: %s: records written unchanged", planpath, err);
	choose_models(mflag, kflag);
	if (set.task == LB_TOKEN && prov < 0 && !eflag)
		ads_warn("token classification needs an LLM: records left "
		    "untagged");
	ads_fields_default(&fs, ".text");
	r.require = ads_fields_require(&fs);
	ads_reader_open(&r, argc - optind, argv + optind);
	ads_progress_init(NULL);
	readall(&r);
	if (set.task != LB_OTHER)
		ads_fields_missing(&fs, (unsigned long)nrecs, nhave);
	if (prov >= 0)
		llm_setup();
	if (eflag) {
		ads_out_record(ads_out_stdout(), estimate(1));
		level = ads_reader_finish(&r);
		goto out;
	}
	est = set.task != LB_OTHER ? estimate(0) : jv_null();
	if (set.task == LB_OTHER)
		;
	else if (prov < 0 && set.task == LB_TOKEN)
		unlabelled("no-key");
	else if (prov < 0)
		keyless();
	else if (sample > 0 && set.task == LB_TEXT)
		distill();
	else {
		n = targets(&idx);
		llm_label(idx, n);
		free(idx);
	}
	writeall(&bysrc);
	extra = summary(est, bysrc);
	ads_progress_emit("done", (long long)nrecs, -1, extra);
	level = ads_reader_finish(&r);
	if (anyfail && level < ADS_REMOTE)
		level = ADS_REMOTE;
out:
	rc = level;
	ads_progress_close();
	ads_http_free(http);
	for (c = 0; c < nmod; c++) {
		ads_llm_endpoint_free(&eps[c]);
		free(models[c]);
	}
	jv_free(schema);
	jv_free(gschema);
	jv_free(plan);
	jv_free(classifier);
	jv_free(distil);
	free(sysprompt);
	freeall();
	lb_set_free(&set);
	return rc;
}
