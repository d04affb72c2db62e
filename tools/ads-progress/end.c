/*
 * end.c -- ads-progress at the end of a run: the stages' summary lines
 * (-m summary), the final lines of a stage's shard tasks added up
 * (-m merge), the lines the card reads (-m card) and the summary the
 * run prints when it ends (-m end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "progress.h"

/* lastdone -- the last line of phase "done" of NAME's progress. */
static jv
lastdone(const char *name)
{
	char *buf = tail(progdir, name, ".jsonl"), *p;
	jv o = jv_invalid();

	while ((p = strrchr(buf, '\n')) != NULL || *buf != '\0') {
		char *l = p != NULL ? p + 1 : buf;
		char ph[16];

		o = jv_parse(l);
		if (jv_get_kind(o) == JV_KIND_OBJECT) {
			str(o, "phase", ph, sizeof(ph));
			if (strcmp(ph, "done") == 0)
				break;
		}
		jv_free(o);
		o = jv_invalid();
		if (p == NULL)
			break;
		*p = '\0';
	}
	free(buf);
	return o;
}

/* counts -- ", WHAT: N key, ..." for the keys of o[k] above 0. */
static void
counts(jv o, const char *k, const char *what)
{
	jv m = jv_object_get(jv_copy(o), jv_string(k));
	int first = 1;

	if (jv_get_kind(m) == JV_KIND_OBJECT) {
		jv_object_foreach(m, key, v) {
			if (jv_get_kind(v) == JV_KIND_NUMBER &&
			    jv_number_value(v) > 0) {
				jv d = jv_dump_string(jv_copy(v), 0);

				fprintf(out, ", %s%s%s %s", first ? what : "",
				    first ? ": " : "", jv_string_value(d),
				    jv_string_value(key));
				jv_free(d);
				first = 0;
			}
			jv_free(key);
			jv_free(v);
		}
	}
	jv_free(m);
}

/*
 * summary -- a line per stage that finished: records in and out, what
 * it dropped and what it replaced.
 */
void
summary(void)
{
	int i;

	for (i = 0; i < ntasks; i++) {
		jv o, in, o2, d;

		if (tasks[i].source)
			continue;
		o = lastdone(tasks[i].name);
		if (!jv_is_valid(o)) {
			jv_free(o);
			continue;
		}
		in = ads_json_get(o, "in");
		if (jv_get_kind(in) == JV_KIND_NULL)
			in = ads_json_get(o, "done");
		o2 = ads_json_get(o, "out");
		d = jv_dump_string(in, 0);
		fprintf(out, "  %-11.11s %s in, ", tasks[i].name,
		    jv_string_value(d));
		jv_free(d);
		d = jv_get_kind(o2) == JV_KIND_NULL ? jv_string("?") :
		    jv_dump_string(jv_copy(o2), 0);
		fprintf(out, "%s out", jv_string_value(d));
		jv_free(d);
		jv_free(o2);
		counts(o, "dropped", "dropped");
		counts(o, "pii", "replaced");
		fprintf(out, "\n");
		jv_free(o);
	}
}

/*
 * add2 -- a and b added: numbers summed, objects key by key, else the
 * one that is not null (a first).
 */
static jv
add2(jv a, jv b)
{
	jv_kind ka = jv_get_kind(a), kb = jv_get_kind(b);

	if (ka == JV_KIND_NUMBER && kb == JV_KIND_NUMBER) {
		double n = jv_number_value(a) + jv_number_value(b);

		jv_free(a);
		jv_free(b);
		return jv_number(n);
	}
	if (ka == JV_KIND_OBJECT && kb == JV_KIND_OBJECT) {
		jv_object_foreach(b, k, v) {
			jv o = jv_object_get(jv_copy(a), jv_copy(k));

			a = jv_object_set(a, k, jv_is_valid(o) ? add2(o, v) :
			    (jv_free(o), v));
		}
		jv_free(b);
		return a;
	}
	if (ka == JV_KIND_NULL || ka == JV_KIND_INVALID) {
		jv_free(a);
		return b;
	}
	jv_free(b);
	return a;
}

/* sharded -- the last done lines of PROG/NAME.0.jsonl, .1 ... added. */
static jv
sharded(const char *name)
{
	jv sum = jv_null();
	int i;

	for (i = 0;; i++) {
		char *n = xasprintf("%s.%d", name, i), *path;
		int there;
		jv o;

		path = xasprintf("%s/%s.jsonl", progdir, n);
		there = access(path, F_OK) == 0;
		free(path);
		if (!there) {
			free(n);
			break;
		}
		o = lastdone(n);
		free(n);
		if (jv_is_valid(o))
			sum = add2(sum, o);
		else
			jv_free(o);
	}
	return sum;
}

/*
 * merge -- for each stage of -t, the final progress lines of its shard
 * tasks (PROG/STAGE.I.jsonl) as one line of phase "done".
 */
void
merge(void)
{
	int i;

	for (i = 0; i < ntasks; i++) {
		jv o = sharded(tasks[i].name);

		if (jv_get_kind(o) != JV_KIND_OBJECT) {
			jv_free(o);
			continue;
		}
		o = jv_object_set(o, jv_string("phase"), jv_string("done"));
		o = jv_dump_string(o, JV_PRINT_SORTED);
		fprintf(out, "%s\n", jv_string_value(o));
		jv_free(o);
	}
}


/*
 * eachline -- call f(line, arg) for each line of DIR/NAME.EXT that
 * holds "\"phase\":\"done\"" (or, with skipped, "\"phase\":\"skipped\""
 * too), as the driver's grep did; the number of lines of the file.
 */
static long long
eachline(const char *dir, const char *name, const char *ext, int skipped,
    void (*f)(const char *, void *), void *arg)
{
	char *path = xasprintf("%s/%s%s", dir, name, ext), *l;
	struct ads_in *in = ads_in_open(path);
	long long n = 0;
	size_t len;

	free(path);
	if (in == NULL)
		return 0;
	while (ads_in_getline(in, ads_maxline(), &l, &len, NULL) != 0) {
		n++;
		if (f != NULL && l != NULL && (strstr(l, "\"phase\":\"done\"") ||
		    (skipped && strstr(l, "\"phase\":\"skipped\""))))
			f(l, arg);
	}
	ads_in_close(in);
	return n;
}

static void
putline(const char *l, void *arg)
{
	(void)arg;
	fprintf(out, "%s\n", l);
}

static void
keeplast(const char *l, void *arg)
{
	char **p = arg;

	free(*p);
	*p = xstrdup(l);
}

/* keepskip -- the last line of phase skipped. */
static void
keepskip(const char *l, void *arg)
{
	if (strstr(l, "\"phase\":\"skipped\"") != NULL)
		keeplast(l, arg);
}

/* reason -- a skipped line's reason as jq -r shows it, cleaned. */
static char *
reason(const char *line)
{
	jv o = jv_parse(line), r;
	char *s;

	r = jv_get_kind(o) == JV_KIND_OBJECT ?
	    jv_object_get(jv_copy(o), jv_string("reason")) : jv_invalid();
	jv_free(o);
	if (!jv_is_valid(r) || jv_get_kind(r) == JV_KIND_NULL ||
	    jv_get_kind(r) == JV_KIND_FALSE) {
		jv_free(r);
		return xstrdup("no reason given");
	}
	if (jv_get_kind(r) != JV_KIND_STRING)
		r = jv_dump_string(r, 0);
	s = xstrdup(jv_string_value(r));
	jv_free(r);
	clean(s);
	return s;
}

/* The state of a source at the end of the run, from its files. */
struct src {
	const char	*name;
	long long	 asked, recs;
	char		*rc, *note, *skip;	/* skip: last skipped line */
	int		 key;		/* raw/NAME.key: a fetch that ended */
};

static void
readsrc(const struct endinfo *e, const char *name, struct src *s)
{
	char *raw = xasprintf("%s/raw", e->adsdir), *a;

	memset(s, 0, sizeof(*s));
	s->name = name;
	a = slurp(rundir, name, ".asked");
	s->asked = atoll(a);
	free(a);
	s->recs = eachline(raw, name, ".jsonl", 0, NULL, NULL);
	s->key = exists(raw, name, ".key");
	s->rc = slurp(rundir, name, ".rc");
	s->note = slurp(rundir, name, ".note");
	eachline(progdir, name, ".jsonl", 1, keepskip, &s->skip);
	free(raw);
}

static void
freesrc(struct src *s)
{
	free(s->rc);
	free(s->note);
	free(s->skip);
}

/* driverskipped -- the driver skipped it: a note, no run, no fetch. */
static int
driverskipped(const struct src *s)
{
	return *s->rc == '\0' && *s->note != '\0' && !s->key;
}

/*
 * cardlines -- what the card reads of the run: the lines of phase done
 * or skipped of the plan, the sources and the stages but export; a
 * skipped line for a source the driver skipped; and the driver's own
 * done line: rows asked, rounds, languages kept, and for each source
 * the records asked for and fetched and why it stopped.
 */
void
cardlines(const struct endinfo *e)
{
	jv srcs = jv_object(), langs = jv_array(), o;
	char *l, *save = NULL, *p;
	int i;

	eachline(progdir, "plan", ".jsonl", 1, putline, NULL);
	for (i = 0; i < ntasks; i++)
		if (strcmp(tasks[i].name, "export") != 0)
			eachline(progdir, tasks[i].name, ".jsonl", 1, putline,
			    NULL);
	for (i = 0; i < ntasks; i++) {
		struct src s;
		const char *st;
		char *why = NULL, *stb = NULL;

		if (!tasks[i].source)
			continue;
		readsrc(e, tasks[i].name, &s);
		if (*s.note != '\0' && !exists(rundir, s.name, ".start") &&
		    !s.key) {
			o = JV_OBJECT(jv_string("tool"), jv_string("ads"),
			    jv_string("source"), jv_string(s.name),
			    jv_string("phase"), jv_string("skipped"),
			    jv_string("done"), jv_number(0),
			    jv_string("reason"), jv_string(s.note));
			o = jv_dump_string(o, 0);
			fprintf(out, "%s\n", jv_string_value(o));
			jv_free(o);
		}
		if (s.skip != NULL)
			why = reason(s.skip);
		if (driverskipped(&s))
			st = stb = xasprintf("skipped: %s", s.note);
		else if (why != NULL)
			st = stb = xasprintf("skipped: %s", why);
		else if (strcmp(s.rc, "0") == 0 && s.recs >= s.asked)
			st = "quota met";
		else if (strcmp(s.rc, "0") == 0)
			st = "source exhausted";
		else
			st = "failed";
		srcs = jv_object_set(srcs, jv_string(s.name),
		    JV_OBJECT(jv_string("asked"), jv_number((double)s.asked),
		    jv_string("fetched"), jv_number((double)s.recs),
		    jv_string("stopped"), jv_string(st)));
		free(why);
		free(stb);
		freesrc(&s);
	}
	l = xstrdup(e->langs != NULL ? e->langs : "");
	for (p = strtok_r(l, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save))
		langs = jv_array_append(langs, jv_string(p));
	free(l);
	o = JV_OBJECT(jv_string("tool"), jv_string("ads"),
	    jv_string("phase"), jv_string("done"),
	    jv_string("target_rows"), jv_number((double)target),
	    jv_string("rounds"), jv_number((double)e->rounds),
	    jv_string("languages_kept"), langs,
	    jv_string("sources"), srcs);
	o = jv_dump_string(o, 0);
	fprintf(out, "%s\n", jv_string_value(o));
	jv_free(o);
}

/* The figures of every round of a source's fetcher, added up. */
struct facts {
	jv		 sum[4];
	long long	 rounds;	/* done lines */
};

static const char *factkeys[4] = { "requests", "cached", "retries",
    "failed" };

static void
addfacts(const char *l, void *arg)
{
	struct facts *f = arg;
	jv o = jv_parse(l);
	int i;

	if (jv_get_kind(o) == JV_KIND_OBJECT &&
	    strstr(l, "\"phase\":\"done\"") != NULL) {
		f->rounds++;
		for (i = 0; i < 4; i++) {
			double d;

			if (ads_json_num(o, factkeys[i], &d) == 0)
				f->sum[i] = jv_number(d +
				    jv_number_value(f->sum[i]));
		}
	}
	jv_free(o);
}

/* readcard -- the facts of dataset_card.json (-c), or an invalid jv. */
static jv
readcard(const struct endinfo *e)
{
	struct ads_in *in;
	char *text;
	size_t len;
	jv c;

	if (e->card == NULL || (in = ads_in_open(e->card)) == NULL)
		return jv_invalid();
	text = ads_in_slurp(in, 64 << 20, &len);
	ads_in_close(in);
	if (text == NULL)
		return jv_invalid();
	c = jv_parse_sized(text, (int)len);
	free(text);
	if (jv_get_kind(c) != JV_KIND_OBJECT) {
		jv_free(c);
		return jv_invalid();
	}
	return c;
}

/*
 * labelled -- the card's "K of N rows labelled" line, by label source
 * kind, why the others are not and what to do; nothing when the card
 * has no labelling (c borrowed).
 */
static void
labelled(jv c)
{
	jv lb = ads_json_get(c, "labelling");
	jv parts[2], why, todo;
	const char *pre;
	char *s;
	int i, n = 0;

	if (jv_get_kind(lb) != JV_KIND_OBJECT) {
		jv_free(lb);
		return;
	}
	fprintf(out, "  %lld of %lld rows labelled", num(lb, "labelled"),
	    num(lb, "rows"));
	parts[0] = jv_object_get(jv_copy(lb), jv_string("by"));
	parts[1] = jv_object_get(jv_copy(lb), jv_string("unlabelled"));
	for (i = 0; i < 2; i++) {
		int head = i == 1;	/* "unlabelled:" before the first */

		if (jv_get_kind(parts[i]) == JV_KIND_OBJECT) {
			jv_object_foreach(parts[i], k, v) {
				s = xstrdup(jv_string_value(k));
				clean(s);
				fprintf(out, "%s%s%s %.0f", n == 0 ? " (" :
				    head ? "; " : ", ", head ? "unlabelled: " :
				    "", s, jv_get_kind(v) == JV_KIND_NUMBER ?
				    jv_number_value(v) : 0.0);
				n++;
				head = 0;
				free(s);
				jv_free(k);
				jv_free(v);
			}
		}
		jv_free(parts[i]);
	}
	if (n > 0)
		fprintf(out, ")");
	why = jv_object_get(jv_copy(lb), jv_string("why"));
	pre = ": ";
	if (jv_get_kind(why) == JV_KIND_ARRAY)
		jv_array_foreach(why, wi, w) {
			(void)wi;
			if (jv_get_kind(w) == JV_KIND_STRING) {
				s = xstrdup(jv_string_value(w));
				clean(s);
				fprintf(out, "%s%s", pre, s);
				pre = "; ";
				free(s);
			}
			jv_free(w);
		}
	jv_free(why);
	fprintf(out, "\n");
	todo = jv_object_get(jv_copy(lb), jv_string("todo"));
	if (jv_get_kind(todo) == JV_KIND_STRING) {
		s = xstrdup(jv_string_value(todo));
		clean(s);
		fprintf(out, "  to label them: %s\n", s);
		free(s);
	}
	jv_free(todo);
	jv_free(lb);
}

/* kept -- the rows of source s in the dataset, as the card counts them. */
static jv
keptrows(jv c)
{
	jv m = ads_json_get2(c, "counts", "sources");

	if (jv_get_kind(m) != JV_KIND_OBJECT || jv_object_length(jv_copy(m)) == 0) {
		jv_free(m);
		return jv_invalid();
	}
	return m;
}

/* tailof -- the last n lines of path, cleaned, indented. */
static void
tailof(const char *path, int n)
{
	char *lines[8] = { 0 }, *l;
	struct ads_in *in = ads_in_open(path);
	size_t len;
	int i, k = 0;

	if (in == NULL)
		return;
	while (ads_in_getline(in, ads_maxline(), &l, &len, NULL) == 1) {
		free(lines[k % n]);
		lines[k % n] = xstrdup(l);
		k++;
	}
	ads_in_close(in);
	for (i = k > n ? k - n : 0; i < k; i++) {
		clean(lines[i % n]);
		fprintf(out, "      %s\n", lines[i % n]);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
}

/* addshort -- "; AB" after what the shortfall line says. */
static void
addshort(char **sh, const char *a, const char *b)
{
	char *n = xasprintf("%s; %s%s", *sh, a, b);

	free(*sh);
	*sh = n;
}

/* srcline -- the summary line of one source; 4 when it failed. */
static int
srcline(const struct endinfo *e, const char *name, jv kept, char **sh,
    char **drylist)
{
	struct src s;
	struct facts f;
	char *log = xasprintf("%s/log/%s.log", e->adsdir, name), *last = NULL;
	char *state = NULL, *t, *why = NULL;
	const char *skip = NULL;
	int lvl = 0, i;

	readsrc(e, name, &s);
	eachline(progdir, name, ".jsonl", 1, keeplast, &last);
	/* Skipped by the driver, or by the fetcher with a reason. */
	if (driverskipped(&s))
		skip = s.note;
	else if (last != NULL && strstr(last, "\"phase\":\"skipped\"") != NULL)
		skip = why = reason(last);
	if (skip != NULL) {
		fprintf(out, "  %-12s skipped: %s\n", name, skip);
		t = xasprintf("%s skipped (%s)", name, skip);
		addshort(sh, t, "");
		free(t);
		free(why);
		goto done;
	}
	for (i = 0; i < 4; i++)
		f.sum[i] = jv_number(0);
	f.rounds = 0;
	eachline(progdir, name, ".jsonl", 0, addfacts, &f);
	if (strcmp(s.rc, "0") == 0 || strcmp(s.rc, "4") == 0) {
		char *d[4];

		state = xstrdup(*s.note != '\0' ? s.note : "done");
		if (strcmp(s.rc, "4") == 0) {
			free(state);
			state = s.recs == 0 ?
			    xasprintf("failed: its requests failed; see %s", log) :
			    xasprintf("some requests failed; see %s", log);
			addshort(sh, name, s.recs == 0 ? " failed" :
			    " had failed requests");
			lvl = 4;
		} else if (s.recs < s.asked) {
			t = xasprintf("%s %s", *drylist, name);
			free(*drylist);
			*drylist = t;
			t = xasprintf("%s; ran dry at %lld of %lld", state,
			    s.recs, s.asked);
			free(state);
			state = t;
		}
		if (jv_is_valid(kept)) {
			jv k = jv_object_get(jv_copy(kept), jv_string(name));

			t = xasprintf("%s; %.0f in the dataset", state,
			    jv_get_kind(k) == JV_KIND_NUMBER ?
			    jv_number_value(k) : 0.0);
			jv_free(k);
			free(state);
			state = t;
		}
		for (i = 0; i < 4; i++)
			d[i] = xstrdup(jv_string_value(f.sum[i] =
			    jv_dump_string(f.sum[i], 0)));
		t = f.rounds > 1 ? xasprintf(" over %lld rounds", f.rounds) :
		    xstrdup("");
		fprintf(out, "  %-12s %6lld records (%s requests%s, %s cached, "
		    "%s retried, %s failed) %s\n", name, s.recs, d[0], t, d[1],
		    d[2], d[3], state);
		free(t);
		for (i = 0; i < 4; i++)
			free(d[i]);
	} else if (*s.rc == '\0') {
		fprintf(out, "  %-12s did not finish\n", name);
		addshort(sh, name, " did not finish");
		lvl = 4;
	} else {
		fprintf(out, "  %-12s failed (exit %s): see %s\n", name, s.rc,
		    log);
		tailof(log, 2);
		addshort(sh, name, " failed");
		lvl = 4;
	}
	for (i = 0; i < 4; i++)
		jv_free(f.sum[i]);
done:
	free(state);
	free(last);
	free(log);
	freesrc(&s);
	return lvl;
}

/* splitrank -- train, validation, test, then the others. */
static int
splitrank(const char *k)
{
	return strcmp(k, "train") == 0 ? 0 : strcmp(k, "validation") == 0 ?
	    1 : strcmp(k, "test") == 0 ? 2 : 3;
}

/*
 * endsummary -- the summary the run prints when it ends: a line per
 * source, a line per stage, the rows made of those asked and by split,
 * the shortfall and why, the time and where the dataset is.  Returns 4
 * when a source failed or did not finish, else 0.
 */
int
endsummary(const struct endinfo *e)
{
	char *sh = xstrdup(""), *drylist = xstrdup(""), *p, splits[1024];
	long long got = 0;
	jv ex = lastdone("export"), kept = jv_invalid(), card = jv_invalid();
	int i, r, lvl = 0;

	fprintf(out, "ads: summary\n");
	if (jv_is_valid(ex)) {
		card = readcard(e);
		kept = keptrows(card);
	}
	for (i = 0; i < ntasks; i++)
		if (tasks[i].source &&
		    (r = srcline(e, tasks[i].name, kept, &sh, &drylist)) > lvl)
			lvl = r;
	jv_free(kept);
	summary();
	*splits = '\0';
	if (jv_is_valid(ex)) {
		jv m;

		(void)ads_json_count(ex, "out", &got);
		m = jv_object_get(jv_copy(ex), jv_string("splits"));
		for (r = 0; r < 4 && jv_get_kind(m) == JV_KIND_OBJECT; r++) {
			jv_object_foreach(m, k, v) {
				size_t n = strlen(splits);

				if (splitrank(jv_string_value(k)) == r &&
				    jv_get_kind(v) == JV_KIND_NUMBER &&
				    jv_number_value(v) > 0) {
					jv d = jv_dump_string(jv_copy(v), 0);

					snprintf(splits + n, sizeof(splits) - n,
					    "%s%s %s", n > 0 ? ", " : "",
					    jv_string_value(d),
					    jv_string_value(k));
					jv_free(d);
				}
				jv_free(k);
				jv_free(v);
			}
		}
		jv_free(m);
	}
	jv_free(ex);
	fprintf(out, "  %lld rows of %lld asked (%s)\n", got, target,
	    *splits != '\0' ? splits : "no splits");
	labelled(card);
	jv_free(card);
	if (got < target) {
		if (*drylist != '\0') {
			p = xasprintf("; ran dry:%s%s", drylist, sh);
			free(sh);
			sh = p;
		}
		if (e->rounds > e->maxmore) {
			p = xasprintf("%s; the stages dropped too many even "
			    "after %lld more rounds of fetching, the most there "
			    "are", sh, e->maxmore);
			free(sh);
			sh = p;
		}
		if (*sh == ';')
			*sh = ':';
		fprintf(out, "  shortfall: %lld rows%s\n", target - got, sh);
	}
	fprintf(out, "  time: %llds\n", e->t0 >= 0 ?
	    (long long)time(NULL) - e->t0 : 0);
	if (got > 0 && e->dataset != NULL)
		fprintf(out, "  dataset: %s\n", e->dataset);
	else
		fprintf(out, "  no dataset: no rows to export\n");
	free(sh);
	free(drylist);
	return lvl;
}
