/*
 * ads-plan -- from one sentence to a search plan (ads-plan(5)), with an
 * LLM when one is configured and the keyword planner otherwise
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/http.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/llm.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "plan.h"
#include "ads-plan-help.h"

#define USAGE "ads-plan [-e] [-l langs] [-m planner] [-n rows] [-t task] " \
	"prompt ...\nads-plan [-n rows] -p plan\n" \
	"ads-plan -Q rows[,over[,got ...]] [-w sources] -p plan\n" \
	"ads-plan -L -p plan\nads-plan -C [-n rows] [-w sources] -p plan"
/* The largest plan -p reads. */
#define PLAN_MAXPLAN	(4 << 20)

/* The answer is short; this many output tokens is typical, 1024 the cap. */
#define EST_OUT	300
#define MAX_OUT	1024

static jv
readprompt(int argc, char **argv)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_in *in;
	size_t n;
	long r;
	int i;
	jv res;

	if (argc == 1 && strcmp(argv[0], "-") == 0) {
		in = ads_in_open("-");
		if (in == NULL)
			ads_die_errno(ADS_SYSTEM, "<stdin>");
		/* Read one byte past the limit to tell a long prompt. */
		ads_buf_grow(&b, PLAN_MAXPROMPT + 1);
		for (;;) {
			r = ads_in_read(in, b.p + b.len,
			    PLAN_MAXPROMPT + 1 - b.len);
			if (r < 0)
				ads_die(ADS_SYSTEM, "<stdin>: %s",
				    ads_in_error(in));
			if (r == 0 || b.len + (size_t)r > PLAN_MAXPROMPT)
				break;
			b.len += (size_t)r;
		}
		if (r > 0)
			ads_die(ADS_USAGE, "prompt is too long (limit %d "
			    "bytes)", PLAN_MAXPROMPT);
		b.p[b.len] = '\0';
		ads_in_close(in);
	} else {
		for (i = 0; i < argc; i++) {
			if (i > 0)
				ads_buf_addc(&b, ' ');
			ads_buf_adds(&b, argv[i]);
		}
	}
	/* trim */
	while (b.len > 0 && (unsigned char)b.p[b.len - 1] <= ' ')
		b.p[--b.len] = '\0';
	n = 0;
	while (n < b.len && (unsigned char)b.p[n] <= ' ')
		n++;
	if (n == b.len) {
		ads_buf_free(&b);
		ads_die(ADS_USAGE, "empty prompt");
	}
	if (b.len - n > PLAN_MAXPROMPT) {
		ads_buf_free(&b);
		ads_die(ADS_USAGE, "prompt is too long (limit %d bytes)",
		    PLAN_MAXPROMPT);
	}
	res = jv_string(b.p + n);
	ads_buf_free(&b);
	return res;
}

/*
 * choose -- the provider (or -1 for the keyword planner) and model from
 * -m, or from the environment.
 */
static int
choose(const char *mflag, char **model)
{
	int p;

	if (mflag != NULL && (strcmp(mflag, "keyword") == 0 ||
	    strncmp(mflag, "keyword:", 8) == 0 || strcmp(mflag, "none") == 0 ||
	    strncmp(mflag, "none:", 5) == 0)) {
		*model = NULL;
		return -1;
	}
	p = ads_llm_choose(mflag, model);
	if (p < 0 && mflag != NULL) {
		char *name = xstrdup(mflag);

		name[strcspn(name, ":")] = '\0';
		ads_die(ADS_USAGE, "-m: unknown planner: %s (keyword, openai, "
		    "anthropic, gemini, openrouter, llm)", name);
	}
	return p;
}

static void
estimate(int p, const char *model, const char *prompt)
{
	jv body;
	struct ads_buf b = ADS_BUF_INIT;
	const char *from;
	long tin;
	double in, out;

	if (p < 0) {
		fprintf(stderr, "%s: estimate: keyword planner: no tokens, "
		    "no cost\n", ads_progname());
		return;
	}
	body = llm_body(p, model, prompt);
	ads_json_emit(&b, body);
	jv_free(body);
	tin = ads_llm_tokens(b.len);
	ads_buf_free(&b);
	fprintf(stderr, "%s: estimate: %s %s: about %ld input and %d output "
	    "tokens (at most %d): ", ads_progname(), ads_llm_names[p], model,
	    tin, EST_OUT, MAX_OUT);
	if (ads_llm_price(p, model, &in, &out, &from))
		fprintf(stderr, "$%.6f at $%.2f/$%.2f per million tokens "
		    "(prices of %s)\n", (tin * in + EST_OUT * out) / 1e6, in,
		    out, from);
	else
		fprintf(stderr, "price unknown (set ADS_PLAN_PRICE)\n");
}

/*
 * ask -- call provider p and return the validated brief, or an invalid
 * jv whose message is the reason to fall back; *why gets a short
 * reason for the plan ("HTTP 429", "invalid answer").
 */
static jv
ask(int p, const char *model, const char *prompt, const char **why)
{
	struct ads_llm_endpoint e;
	struct ads_http_opts o;
	struct ads_http_req q;
	struct ads_http_resp r;
	struct ads_http *h;
	struct ads_buf body = ADS_BUF_INIT;
	const char *t;
	char msg[320];
	jv b, v, m;
	int rc;

	if (ads_llm_endpoint(&e, p, model) != 0) {
		*why = "no API key";
		return jv_invalid_with_msg(jv_string_fmt("%s is not set",
		    ads_llm_keyenv[p]));
	}
	b = llm_body(p, model, prompt);
	ads_json_emit(&body, b);
	jv_free(b);

	memset(&o, 0, sizeof(o));
	o.source = "plan";
	o.max_conns = 1;
	o.retries = 2;
	t = ads_getenv_nonempty("ADS_PLAN_TIMEOUT");
	o.timeout_ms = 60000;
	if (t != NULL && atof(t) > 0)
		o.timeout_ms = (long)(atof(t) * 1000);
	o.max_wait = 30;
	/* A model may think for a long time before its first byte. */
	o.low_speed_time = -1;
	ads_llm_request(&e, &q, body.p, body.len);
	memset(&r, 0, sizeof(r));
	h = ads_http_new(&o);
	rc = ads_http_do(h, &q, &r);
	if (rc == -1) {
		snprintf(msg, sizeof(msg), "%s", r.err);
		v = jv_invalid();
	} else {
		v = ads_llm_extract(p, r.body != NULL ? r.body : "", r.len);
		if (r.status == 200 && jv_is_valid(v))
			v = llm_validate(v);
		m = jv_invalid_get_msg(jv_copy(v));
		if (r.status != 200)
			snprintf(msg, sizeof(msg), "HTTP %ld%s%s", r.status,
			    jv_get_kind(m) == JV_KIND_STRING ? ": " : "",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "");
		else
			snprintf(msg, sizeof(msg), "%s",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "invalid answer");
		jv_free(m);
		if (r.status != 200) {
			jv_free(v);
			v = jv_invalid();
		}
	}
	*why = ads_llm_why(rc, r.status, msg);
	ads_http_resp_free(&r);
	ads_http_free(h);
	ads_buf_free(&body);
	if (jv_is_valid(v)) {
		ads_llm_endpoint_free(&e);
		return v;
	}
	jv_free(v);
	ads_llm_redact(msg, e.key);
	ads_llm_endpoint_free(&e);
	return jv_invalid_with_msg(jv_string(msg));
}

/* slurpplan -- the text of the plan at path ("-": the standard input). */
static void
slurpplan(const char *path, struct ads_buf *bp)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_in *in;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	long r;

	in = ads_in_open(path);
	if (in == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", name);
	ads_buf_grow(&b, 65536);
	for (;;) {
		if (b.cap - b.len < 65536)
			ads_buf_grow(&b, b.cap - b.len + 65536);
		r = ads_in_read(in, b.p + b.len, b.cap - b.len - 1);
		if (r < 0)
			ads_die(ADS_SYSTEM, "%s: %s", name, ads_in_error(in));
		if (r == 0)
			break;
		b.len += (size_t)r;
		if (b.len > PLAN_MAXPLAN)
			ads_die(ADS_USAGE, "%s: plan is too large (limit %d "
			    "bytes)", name, PLAN_MAXPLAN);
	}
	ads_in_close(in);
	*bp = b;
}

/* readplan -- the plan at path ("-": the standard input), one object. */
static jv
readplan(const char *path)
{
	struct ads_buf b;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	jv plan;

	slurpplan(path, &b);
	plan = ads_json_parse(b.p, b.len);
	ads_buf_free(&b);
	if (jv_get_kind(plan) != JV_KIND_OBJECT) {
		jv_free(plan);
		ads_die(ADS_USAGE, "%s: not a plan: not one JSON object", name);
	}
	return plan;
}

/*
 * rescale -- the plan at path for rows (0: its own target_rows), with
 * each source's quota and limit computed again (plan_rescale()).
 */
static jv
rescale(const char *path, long long rows)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	double old = 0;
	jv plan = readplan(path), src;

	src = ads_json_get(plan, "sources");
	if (jv_get_kind(src) != JV_KIND_OBJECT) {
		jv_free(src);
		jv_free(plan);
		ads_die(ADS_USAGE, "%s: not a plan: no sources object", name);
	}
	jv_free(src);
	if (rows == 0) {
		if (ads_json_num(plan, "target_rows", &old) < 0 ||
		    old < PLAN_MINROWS)
			old = PLAN_DEFROWS;
		rows = old > (double)PLAN_MAXROWS ? PLAN_MAXROWS :
		    (long long)old;
	}
	return plan_rescale(plan, rows);
}

/* fact -- the keyword brief kw found key stated in the prompt. */
static int
fact(jv kw, const char *key)
{
	jv f = ads_json_get(kw, "facts");
	int r = jv_get_kind(f) == JV_KIND_ARRAY && plan_has(f, key);

	jv_free(f);
	return r;
}

/*
 * nameset -- the strings of a (consumed), or the names of its objects,
 * folded and sorted, as one string to compare; caller frees.
 */
static char *
nameset(jv a)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv s = jv_array();
	char *f;

	if (jv_get_kind(a) == JV_KIND_ARRAY)
		jv_array_foreach(a, i, x) {
			const char *n = jv_get_kind(x) == JV_KIND_OBJECT ?
			    ads_json_str(x, "name", NULL) :
			    jv_get_kind(x) == JV_KIND_STRING ?
			    jv_string_value(x) : NULL;

			if (n != NULL) {
				f = plan_fold(n);
				s = jv_array_append(s, jv_string(f));
				free(f);
			}
			jv_free(x);
		}
	jv_free(a);
	s = jv_sort(s, jv_copy(s));
	jv_array_foreach(s, i, x) {
		ads_buf_addf(&b, "%s%s", i > 0 ? "\n" : "", jv_string_value(x));
		jv_free(x);
	}
	jv_free(s);
	return ads_buf_detach(&b, NULL);
}

/*
 * override -- set llm[key] to kw's when the prompt stated it; when that
 * changes the model's answer, add key to *over.
 */
static jv
override(jv llm, jv kw, const char *key, jv *over)
{
	char *a, *b;

	if (!fact(kw, key))
		return llm;
	a = nameset(ads_json_get(llm, key));
	b = nameset(ads_json_get(kw, key));
	if (strcmp(a, b) != 0) {
		*over = jv_array_append(*over, jv_string(key));
		llm = ads_json_set(llm, key, ads_json_get(kw, key));
	}
	free(a);
	free(b);
	return llm;
}

/*
 * merge -- fill what the LLM's brief lacks from the keyword brief, and
 * let the facts the prompt states (rows, languages, labels, sources)
 * override the model's answer; *over gets the names of the fields
 * overridden.
 */
static jv
merge(jv llm, jv kw, jv *over)
{
	static const char *const keys[] = {
		"languages", "subreddits", "categories"
	};
	double rows = 0, mrows = 0;
	size_t i;
	int tk;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		jv a = ads_json_get(llm, keys[i]);

		if (jv_get_kind(a) != JV_KIND_ARRAY ||
		    jv_array_length(a) == 0)
			llm = ads_json_set(llm, keys[i],
			    ads_json_get(kw, keys[i]));
	}
	/* A count in the prompt itself beats the model's reading. */
	if (ads_json_num(kw, "target_rows", &rows) == 0 && rows > 0) {
		if (ads_json_num(llm, "target_rows", &mrows) < 0 ||
		    mrows != rows)
			*over = jv_array_append(*over,
			    jv_string("target_rows"));
		llm = ads_json_set(llm, "target_rows", jv_number(rows));
	}
	llm = override(llm, kw, "languages", over);
	/*
	 * Labels the prompt names, for a task that takes labels: the
	 * model's task decides whether the plan has labels at all.
	 */
	tk = plan_task_id(ads_json_str(llm, "task", NULL));
	if (tk == TASK_SENTIMENT || tk == TASK_CLASSIFICATION ||
	    tk == TASK_NER)
		llm = override(llm, kw, "labels", over);
	if (fact(kw, "sources"))
		*over = jv_array_append(*over, jv_string("sources"));
	llm = ads_json_set(llm, "code_languages",
	    ads_json_get(kw, "code_languages"));
	llm = ads_json_set(llm, "prefer", ads_json_get(kw, "prefer"));
	if (ads_json_has(kw, "prefer_only"))
		llm = ads_json_set(llm, "prefer_only",
		    ads_json_get(kw, "prefer_only"));
	jv_free(kw);
	return llm;
}

static jv
planner(const char *kind, int p, const char *model)
{
	return JV_OBJECT(jv_string("kind"), jv_string(kind),
	    jv_string("provider"), p >= 0 ? jv_string(ads_llm_names[p]) :
	    jv_null(), jv_string("model"), model != NULL ? jv_string(model) :
	    jv_null());
}

static jv
langsopt(const char *arg)
{
	jv a = jv_array();
	char *s = xstrdup(arg), *w, *save = NULL;
	const char *c;

	for (w = strtok_r(s, ", ", &save); w != NULL;
	    w = strtok_r(NULL, ", ", &save)) {
		c = plan_lang_code(w);
		if (c == NULL)
			ads_die(ADS_USAGE, "-l: unknown language: %s", w);
		a = jv_array_append(a, jv_string(c));
	}
	free(s);
	if (jv_array_length(jv_copy(a)) == 0)
		ads_die(ADS_USAGE, "-l: no language given");
	return a;
}

/*
 * byplan -- the modes that read a plan (-p): rescaled for nrows, the
 * quotas of -Q, or the languages of -L.
 */
static int
byplan(const char *path, long long nrows, const char *qarg, const char *slist,
    int lflag, int cflag)
{
	jv plan;

	if (cflag) {
		struct ads_buf b;

		slurpplan(path, &b);
		plan = plan_effective(b.p, b.len, strcmp(path, "-") == 0 ?
		    "<stdin>" : path, nrows, slist != NULL ?
		    plan_quota_names(jv_null(), slist) : jv_array());
		ads_buf_free(&b);
		if (!jv_is_valid(plan))
			return ADS_USAGE;
		/* jq -c's bytes: the driver's stamps compare them. */
		plan = jv_dump_string(plan, 0);
		if (printf("%s\n", jv_string_value(plan)) < 0 ||
		    fflush(stdout) != 0)
			ads_die_errno(ADS_SYSTEM, "<stdout>");
		jv_free(plan);
		return ads_level();
	}
	if (qarg != NULL || lflag) {
		long long rows = 0;
		double over = 0, scale = 1;

		if (qarg != NULL)
			plan_quota_arg(qarg, &rows, &over, &scale);
		plan = readplan(path);
		if (lflag)
			plan_keep_langs(stdout, plan);
		else {
			jv names = plan_quota_names(plan, slist);

			plan_quotas(stdout, plan, names, rows, over, scale);
			jv_free(names);
		}
		jv_free(plan);
		if (fflush(stdout) != 0 || ferror(stdout))
			ads_die_errno(ADS_SYSTEM, "<stdout>");
		return ads_level();
	}
	ads_progress_init(NULL);
	plan = rescale(path, nrows);
	ads_out_record(ads_out_stdout(), plan);
	ads_progress_emit("done", 1, -1, jv_object());
	ads_progress_close();
	ads_out_close_stdout();
	return ads_level();
}

/*
 * brief -- what the prompt asks for: the LLM's brief merged with the
 * keyword planner's when an LLM answers, else the keyword planner's;
 * the planner's description into *pl.
 */
static jv
brief(int p, const char *model, jv kwbrief, const char *prompt, jv *pl)
{
	const char *why = NULL;
	jv b = jv_invalid(), llmbrief;

	*pl = jv_null();
	if (p >= 0) {
		llmbrief = ask(p, model, prompt, &why);
		if (jv_is_valid(llmbrief)) {
			jv over = jv_array();

			b = merge(llmbrief, jv_copy(kwbrief), &over);
			*pl = planner("llm", p, model);
			if (jv_array_length(jv_copy(over)) > 0)
				*pl = ads_json_set(*pl, "overrides", over);
			else
				jv_free(over);
		} else {
			jv m = jv_invalid_get_msg(llmbrief);

			ads_warn("%s %s: %s; using the keyword planner",
			    ads_llm_names[p], model, jv_get_kind(m) ==
			    JV_KIND_STRING ? jv_string_value(m) : why);
			jv_free(m);
			*pl = ads_json_set(planner("keyword", -1, NULL),
			    "fallback", JV_OBJECT(jv_string("provider"),
			    jv_string(ads_llm_names[p]), jv_string("model"),
			    jv_string(model), jv_string("reason"),
			    jv_string(why)));
		}
	}
	if (!jv_is_valid(b)) {
		jv_free(b);
		b = jv_copy(kwbrief);
		if (jv_get_kind(*pl) == JV_KIND_NULL) {
			jv_free(*pl);
			*pl = planner("keyword", -1, NULL);
		}
	}
	jv_free(kwbrief);
	return b;
}

/* settle -- the options -n, -t and -l over the brief. */
static jv
settle(jv b, long long nrows, int tk, jv langs)
{
	if (nrows > 0)
		b = ads_json_set(b, "target_rows", jv_number((double)nrows));
	if (tk >= 0) {
		const char *was = ads_json_str(b, "task", NULL);

		/* another task: its own subtask and default labels */
		if (was == NULL || plan_task_id(was) != tk) {
			b = ads_json_set(b, "task_id", jv_null());
			b = ads_json_set(b, "labels", jv_array());
		}
		b = ads_json_set(b, "task", jv_string(plan_task_names[tk]));
	}
	if (jv_is_valid(langs))
		b = ads_json_set(b, "languages", langs);
	else
		jv_free(langs);
	return b;
}

/* emit -- write the plan, say which planner made it, and end. */
static int
emit(jv plan)
{
	jv extra = jv_object(), pk = ads_json_get(plan, "planner");
	const char *kind = ads_json_str(pk, "kind", NULL);
	const char *task = ads_json_str(plan, "task", NULL);
	double rows = 0;

	extra = ads_json_set(extra, "in", jv_number(1));
	extra = ads_json_set(extra, "out", jv_number(1));
	extra = ads_json_set(extra, "dropped", jv_object());
	ads_json_num(plan, "target_rows", &rows);
	extra = ads_json_set(extra, "planner", ads_json_get(pk, "kind"));
	fprintf(stderr, "%s: %s planner: %s, %.0f rows\n", ads_progname(),
	    kind != NULL ? kind : "keyword", task != NULL ? task : "?", rows);
	jv_free(pk);
	ads_out_record(ads_out_stdout(), plan);
	ads_progress_emit("done", 1, -1, extra);
	ads_progress_close();
	ads_out_close_stdout();
	return ads_level();
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "estimate",	no_argument,		NULL,	'e' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "lang",	required_argument,	NULL,	'l' },
		{ "model",	required_argument,	NULL,	'm' },
		{ "plan",	required_argument,	NULL,	'p' },
		{ "rows",	required_argument,	NULL,	'n' },
		{ "task",	required_argument,	NULL,	't' },
		{ "version",	no_argument,		NULL,	'V' },
		{ NULL, 0, NULL, 0 }
	};
	jv prompt, b, langs = jv_invalid(), pl;
	const char *mflag = NULL, *pflag = NULL, *qarg = NULL, *slist = NULL;
	char *model = NULL;
	long long nrows = 0;
	int c, cflag = 0, eflag = 0, lflag = 0, tk = -1, p, r;

	ads_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "CehLl:m:n:p:Q:t:Vw:", lopts,
	    NULL)) != -1) {
		switch (c) {
		case 'C':
			cflag = 1;
			break;
		case 'e':
			eflag = 1;
			break;
		case 'h':
			ads_usage(USAGE, 0);
		case 'L':
			lflag = 1;
			break;
		case 'l':
			jv_free(langs);
			langs = langsopt(optarg);
			break;
		case 'm':
			mflag = optarg;
			break;
		case 'n':
			nrows = ads_optnum("-n", optarg, PLAN_MINROWS,
			    PLAN_MAXROWS);
			break;
		case 'p':
			pflag = optarg;
			break;
		case 'Q':
			qarg = optarg;
			break;
		case 'w':
			slist = optarg;
			break;
		case 't':
			tk = plan_task_id(optarg);
			if (tk < 0)
				ads_die(ADS_USAGE, "-t: unknown task: %s",
				    optarg);
			break;
		case 'V':
			ads_version();
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (pflag != NULL) {
		if (argc > 0 || eflag || mflag != NULL || tk >= 0 ||
		    jv_is_valid(langs) || lflag + cflag + (qarg != NULL) > 1 ||
		    (slist != NULL && qarg == NULL && !cflag) ||
		    ((lflag || qarg != NULL) && nrows > 0))
			ads_usage(USAGE, ADS_USAGE);
		jv_free(langs);
		return byplan(pflag, nrows, qarg, slist, lflag, cflag);
	}
	if (argc == 0 || lflag || cflag || qarg != NULL || slist != NULL)
		ads_usage(USAGE, ADS_USAGE);
	p = choose(mflag, &model);
	prompt = readprompt(argc, argv);
	ads_progress_init(NULL);
	if (eflag)
		estimate(p, model, jv_string_value(prompt));
	b = brief(p, model, plan_analyze(jv_string_value(prompt),
	    (size_t)jv_string_length_bytes(jv_copy(prompt))),
	    jv_string_value(prompt), &pl);
	b = settle(b, nrows, tk, langs);
	r = emit(plan_build(b, jv_string_value(prompt), pl));
	jv_free(prompt);
	free(model);
	return r;
}
