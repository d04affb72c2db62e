/*
 * job.c -- what ads-worker reads and writes for a job: its configuration
 * as an ads command line, the driver's progress lines as the job's
 * progress value, and the dataset card as its result (worker.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "worker.h"

#define PREFIX		"@@PROGRESS@@ "
#define MAXPROMPT	16384
#define MAXROWS		100000000LL
#define MAXDETAIL	1000

int
worker_id_ok(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)id[i]) && id[i] != '-')
			return 0;
	return id[0] != '-';
}

/* addarg -- append a copy of s to a. */
static void
addarg(struct worker_args *a, const char *s)
{
	if (a->argc < (int)(sizeof(a->argv) / sizeof(a->argv[0])) - 1)
		a->argv[a->argc++] = xstrdup(s);
	a->argv[a->argc] = NULL;
}

void
worker_args_free(struct worker_args *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		free(a->argv[i]);
	a->argc = 0;
	a->argv[0] = NULL;
}

/* blank -- 1 when s has nothing but white space. */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* sourcename -- 1 when s is a plausible source name: [a-z]{1,32}. */
static int
sourcename(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/*
 * sources -- the job's sources (consumed) as ads's -w value, or NULL
 * with *err.
 */
static char *
sources(jv v, char **err)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv_kind k = jv_get_kind(v);

	if (k == JV_KIND_STRING) {
		const char *s = jv_string_value(v), *e;

		for (; *s != '\0'; s = *e ? e + 1 : e) {
			e = strchr(s, ',');
			if (e == NULL)
				e = s + strlen(s);
			if (!sourcename(s, (size_t)(e - s)))
				goto bad;
			if (b.len > 0)
				ads_buf_addc(&b, ',');
			ads_buf_add(&b, s, (size_t)(e - s));
		}
	} else if (k == JV_KIND_ARRAY) {
		jv_array_foreach(v, i, x) {
			if (jv_get_kind(x) != JV_KIND_STRING ||
			    !sourcename(jv_string_value(x),
			    (size_t)jv_string_length_bytes(jv_copy(x)))) {
				jv_free(x);
				goto bad;
			}
			if (b.len > 0)
				ads_buf_addc(&b, ',');
			ads_buf_adds(&b, jv_string_value(x));
			jv_free(x);
		}
	} else
		goto bad;
	if (b.len == 0)
		goto bad;
	jv_free(v);
	return ads_buf_detach(&b, NULL);
bad:
	jv_free(v);
	ads_buf_free(&b);
	*err = xstrdup("autonomous_config.sources: a list of source names "
	    "(lower-case letters), as an array or a comma list");
	return NULL;
}

/* fail -- set *err and return -1. */
static int
fail(char **err, const char *msg)
{
	*err = xstrdup(msg);
	return -1;
}

/* rowsof -- targetRows as a count, or -1. */
static long long
rowsof(jv v)
{
	double d;
	const char *e;

	if (jv_get_kind(v) == JV_KIND_NUMBER) {
		d = jv_number_value(v);
		jv_free(v);
		if (d >= 1 && d <= MAXROWS && d == (double)(long long)d)
			return (long long)d;
		return -1;
	}
	if (jv_get_kind(v) == JV_KIND_STRING) {
		long long r = ads_strtonum(jv_string_value(v), 1, MAXROWS,
		    &e);

		jv_free(v);
		return e == NULL ? r : -1;
	}
	jv_free(v);
	return -1;
}

int
worker_args(const char *config, const char *ads, const char *outdir,
    struct worker_args *a, char **err)
{
	jv c = jv_parse(config), v;
	char num[32], *s;
	const char *f;
	long long rows;
	int rc = -1;

	a->argc = 0;
	a->argv[0] = NULL;
	if (jv_get_kind(c) != JV_KIND_OBJECT) {
		jv_free(c);
		return fail(err, "autonomous_config is not a JSON object");
	}
	addarg(a, ads);
	addarg(a, "-P");
	addarg(a, "json");
	addarg(a, "-o");
	addarg(a, outdir);

	v = ads_json_get(c, "targetRows");
	if (jv_get_kind(v) == JV_KIND_NULL)
		v = ads_json_get(c, "target_rows");
	if (jv_get_kind(v) != JV_KIND_NULL) {
		rows = rowsof(v);
		if (rows <= 0) {
			fail(err, "autonomous_config.targetRows: a whole "
			    "number from 1 to 100000000");
			goto out;
		}
		snprintf(num, sizeof(num), "%lld", rows);
		addarg(a, "-n");
		addarg(a, num);
	}

	v = ads_json_get(c, "format");
	if (jv_get_kind(v) == JV_KIND_STRING) {
		f = jv_string_value(v);
		if (strcmp(f, "parquet") != 0 && strcmp(f, "csv") != 0 &&
		    strcmp(f, "jsonl") != 0 && strcmp(f, "jsonl.zst") != 0) {
			jv_free(v);
			fail(err, "autonomous_config.format: parquet, csv, "
			    "jsonl or jsonl.zst");
			goto out;
		}
		addarg(a, "-f");
		addarg(a, f);
	} else if (jv_get_kind(v) != JV_KIND_NULL) {
		jv_free(v);
		fail(err, "autonomous_config.format: a string");
		goto out;
	}
	jv_free(v);

	v = ads_json_get(c, "sources");
	if (jv_get_kind(v) != JV_KIND_NULL) {
		s = sources(v, err);
		if (s == NULL)
			goto out;
		addarg(a, "-w");
		addarg(a, s);
		free(s);
	}

	v = ads_json_get(c, "seed");
	if (jv_get_kind(v) == JV_KIND_NUMBER) {
		double d = jv_number_value(v);

		if (d < 0 || d > 4294967295.0 || d != (double)(long long)d) {
			jv_free(v);
			fail(err, "autonomous_config.seed: a whole number "
			    "from 0 to 4294967295");
			goto out;
		}
		snprintf(num, sizeof(num), "%lld", (long long)d);
		addarg(a, "-S");
		addarg(a, num);
	}
	jv_free(v);

	v = ads_json_get(c, "prompt");
	if (jv_get_kind(v) != JV_KIND_STRING || blank(jv_string_value(v)) ||
	    jv_string_length_bytes(jv_copy(v)) > MAXPROMPT) {
		jv_free(v);
		fail(err, "autonomous_config.prompt: a request of 1 to 16384 "
		    "bytes");
		goto out;
	}
	/* After --, so a prompt that starts with - is never an option. */
	addarg(a, "--");
	addarg(a, jv_string_value(v));
	jv_free(v);
	rc = 0;
out:
	jv_free(c);
	if (rc != 0)
		worker_args_free(a);
	return rc;
}

void
worker_progress_init(struct worker_progress *p, int attempt)
{
	memset(p, 0, sizeof(*p));
	p->phase = "Queued";
	p->detail = xstrdup("Starting");
	p->stage = xstrdup("");
	p->sources = jv_object();
	p->attempt = attempt;
	p->dirty = 1;
}

void
worker_progress_free(struct worker_progress *p)
{
	free(p->detail);
	free(p->stage);
	jv_free(p->sources);
	p->detail = p->stage = NULL;
	p->sources = jv_invalid();
}

void
worker_set_detail(struct worker_progress *p, const char *fmt, ...)
{
	va_list ap;
	char b[MAXDETAIL + 1];

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	free(p->detail);
	p->detail = worker_clean_text(b, strlen(b));
	p->dirty = 1;
}

/*
 * phaseof -- the brief's phase for a driver phase: plan -> Planning,
 * fetch -> Collecting, the refine stages -> Refining, export ->
 * Assembling; the brief's own names pass as they are.
 */
static const char *
phaseof(const char *s)
{
	static const struct {
		const char	*from, *to;
	} t[] = {
		{ "plan", "Planning" }, { "planning", "Planning" },
		{ "fetch", "Collecting" }, { "collecting", "Collecting" },
		{ "scrub", "Refining" }, { "dedup", "Refining" },
		{ "score", "Refining" }, { "label", "Refining" },
		{ "fit", "Refining" }, { "synth", "Refining" },
		{ "split", "Refining" }, { "refining", "Refining" },
		{ "export", "Assembling" }, { "assembling", "Assembling" },
		{ "done", "Done" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(s, t[i].from) == 0)
			return t[i].to;
	return NULL;
}

void
worker_progress_line(struct worker_progress *p, const char *line, size_t n,
    int logfd)
{
	static const char *const nums[] = {
		"done", "total", "requests", "retries", "failed"
	};
	size_t pl = strlen(PREFIX), i, len, srclen;
	const char *ph, *v, *st, *src;
	jv o;

	if (n < pl || memcmp(line, PREFIX, pl) != 0) {
		if (logfd >= 0) {
			ssize_t w = write(logfd, line, n);

			w = write(logfd, "\n", 1);
			(void)w;
		}
		return;
	}
	o = jv_parse_sized(line + pl, (int)(n - pl > 1 << 20 ? 1 << 20 :
	    n - pl));
	if (jv_get_kind(o) != JV_KIND_OBJECT) {
		jv_free(o);
		return;
	}
	p->lines++;
	v = ads_json_str(o, "phase", NULL);
	if (v != NULL && (ph = phaseof(v)) != NULL &&
	    strcmp(ph, p->phase) != 0) {
		p->phase = ph;
		p->phasechanged = 1;
	}
	/* The driver's own step: "stage", or the phase of older drivers. */
	if ((st = ads_json_str(o, "stage", NULL)) != NULL)
		v = st;
	if (v != NULL && strcmp(p->stage, v) != 0) {
		free(p->stage);
		p->stage = worker_clean_text(v, strnlen(v, 64));
	}
	if ((v = ads_json_str(o, "detail", NULL)) != NULL)
		worker_set_detail(p, "%s", v);
	src = ads_json_str(o, "source", &srclen);
	if (src != NULL && srclen <= 64) {
		jv s = JV_OBJECT(jv_string("state"), jv_string("running")), x;

		v = ads_json_str(o, "state", &len);
		if (v != NULL && len <= 32)
			s = ads_json_set(s, "state", jv_string_sized(v,
			    (int)len));
		for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
			x = ads_json_get(o, nums[i]);
			if (jv_get_kind(x) == JV_KIND_NUMBER)
				s = ads_json_set(s, nums[i], x);
			else
				jv_free(x);
		}
		p->sources = jv_object_set(p->sources, jv_string_sized(src,
		    (int)srclen), s);
	}
	jv_free(o);
	p->dirty = 1;
}

jv
worker_metrics_json(const struct worker_metrics *m)
{
	return JV_OBJECT(jv_string("claimed"), jv_number(m->claimed),
	    jv_string("done"), jv_number(m->done),
	    jv_string("failed"), jv_number(m->failed),
	    jv_string("cancelled"), jv_number(m->cancelled),
	    jv_string("requeued"), jv_number(m->requeued));
}

jv
worker_progress_json(const struct worker_progress *p,
    const struct worker_metrics *m)
{
	char ts[40];
	struct timespec now;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, 24, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(ts + strlen(ts), sizeof(ts) - strlen(ts), ".%03ldZ",
	    now.tv_nsec / 1000000);
	return JV_OBJECT(jv_string("phase"), jv_string(p->phase),
	    jv_string("detail"), jv_string(p->detail),
	    jv_string("updated_at"), jv_string(ts),
	    jv_string("stage"), jv_string(p->stage),
	    jv_string("attempt"), jv_number(p->attempt),
	    jv_string("sources"), jv_copy(p->sources),
	    jv_string("worker"), worker_metrics_json(m));
}

jv
worker_result(const char *outdir, int code)
{
	char *path = xasprintf("%s/dataset_card.json", outdir), *text = NULL;
	struct ads_in *in = ads_in_open(path);
	jv r = JV_OBJECT(jv_string("output_dir"), jv_string(outdir),
	    jv_string("exit"), jv_number(code),
	    jv_string("partial"), jv_bool(code == 4));
	jv card, counts;
	static const char *const keys[][2] = {
		{ "rows", "records" }, { "splits", "splits" },
		{ "sources", "sources" }, { "languages", "languages" },
	};
	size_t i, len;

	free(path);
	if (in != NULL) {
		text = ads_in_slurp(in, 64 << 20, &len);
		ads_in_close(in);
	}
	if (text == NULL)
		return r;
	card = jv_parse(text);
	free(text);
	if (jv_get_kind(card) != JV_KIND_OBJECT) {
		jv_free(card);
		return r;
	}
	r = jv_object_set(r, jv_string("card"),
	    jv_string_fmt("%s/README.md", outdir));
	r = ads_json_set(r, "format", ads_json_get(card, "format"));
	counts = ads_json_get(card, "counts");
	jv_free(card);
	if (jv_get_kind(counts) == JV_KIND_OBJECT)
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			r = ads_json_set(r, keys[i][0],
			    ads_json_get(counts, keys[i][1]));
	jv_free(counts);
	return r;
}

char *
worker_clean_text(const char *s, size_t n)
{
	jv v = jv_string_sized(s, (int)(n > 1 << 20 ? 1 << 20 : n));
	struct ads_buf b = ADS_BUF_INIT;
	const char *t = jv_string_value(v);
	int len = jv_string_length_bytes(jv_copy(v)), i;

	/* jv replaced invalid UTF-8; NUL cannot go into a text column. */
	for (i = 0; i < len; i++)
		if (t[i] != '\0')
			ads_buf_addc(&b, t[i]);
	jv_free(v);
	return ads_buf_detach(&b, NULL);
}
