/*
 * ads-plan -- from one sentence to a search plan (ads-plan(5)), with an
 * LLM when one is configured and the keyword planner otherwise
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/http.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "plan.h"

#define USAGE "ads-plan [-e] [-l langs] [-m planner] [-n rows] [-t task] " \
	"prompt ...\nads-plan [-n rows] -p plan"
/* The largest plan -p reads. */
#define PLAN_MAXPLAN	(4 << 20)

static const char *const keyenv[NLLM] = {
	"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
	"OPENROUTER_API_KEY", "ADS_LLM_KEY"
};
static const char *const defmodel[NLLM] = {
	"gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-flash",
	"openai/gpt-4o-mini", "default"
};

/*
 * Prices in US dollars per million input and output tokens, as the
 * providers published them (checked 2025-06).  ADS_PLAN_PRICE="in,out"
 * or a file named by ADS_PLAN_PRICES overrides them.
 */
#define PRICE_DATE "2025-06"
static const struct price {
	const char	*model;		/* prefix of the model name */
	double		 in, out;
} prices[] = {
	{ "gpt-4o-mini", 0.15, 0.60 },
	{ "gpt-4o", 2.50, 10.00 },
	{ "gpt-4.1-nano", 0.10, 0.40 },
	{ "gpt-4.1-mini", 0.40, 1.60 },
	{ "gpt-4.1", 2.00, 8.00 },
	{ "o4-mini", 1.10, 4.40 },
	{ "claude-haiku-4-5", 1.00, 5.00 },
	{ "claude-3-5-haiku", 0.80, 4.00 },
	{ "claude-sonnet-4", 3.00, 15.00 },
	{ "claude-opus-4", 15.00, 75.00 },
	{ "gemini-2.5-flash-lite", 0.10, 0.40 },
	{ "gemini-2.5-flash", 0.30, 2.50 },
	{ "gemini-2.5-pro", 1.25, 10.00 },
	{ "gemini-2.0-flash", 0.10, 0.40 },
	{ NULL, 0, 0 }
};

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
	{
		jv res = jv_string_sized(b.p + n, (int)(strlen(b.p + n)));

		ads_buf_free(&b);
		return res;
	}
}

static int
okmodel(const char *m)
{
	size_t i, n = strlen(m);

	if (n == 0 || n > 100)
		return 0;
	for (i = 0; i < n; i++)
		if (!((m[i] >= 'a' && m[i] <= 'z') ||
		    (m[i] >= 'A' && m[i] <= 'Z') ||
		    (m[i] >= '0' && m[i] <= '9') || strchr("._:/@-", m[i])))
			return 0;
	return m[0] != '/' && strstr(m, "..") == NULL;
}

/*
 * choose -- the provider (or -1 for the keyword planner) and model from
 * -m, or from the environment.
 */
static int
choose(const char *mflag, char **model)
{
	const char *env;
	char *name, *colon;
	int p = -1, i;

	*model = NULL;
	if (mflag != NULL) {
		name = xstrdup(mflag);
		colon = strchr(name, ':');
		if (colon != NULL)
			*colon++ = '\0';
		if (strcmp(name, "keyword") == 0 || strcmp(name, "none") == 0)
			p = -1;
		else {
			for (i = 0; i < NLLM; i++)
				if (strcmp(name, llm_names[i]) == 0)
					p = i;
			if (p < 0)
				ads_die(ADS_USAGE, "-m: unknown planner: %s "
				    "(keyword, openai, anthropic, gemini, "
				    "openrouter, llm)", name);
		}
		if (colon != NULL && *colon != '\0')
			*model = xstrdup(colon);
		free(name);
		if (p < 0) {
			free(*model);
			*model = NULL;
			return -1;
		}
	} else if (ads_getenv_nonempty("ADS_LLM_URL") != NULL)
		p = LLM_COMPAT;
	else {
		for (i = 0; i < LLM_COMPAT; i++)
			if (ads_getenv_nonempty(keyenv[i]) != NULL) {
				p = i;
				break;
			}
		if (p < 0)
			return -1;
	}
	if (*model == NULL) {
		env = ads_getenv_nonempty("ADS_LLM_MODEL");
		*model = xstrdup(env != NULL ? env : defmodel[p]);
	}
	if (!okmodel(*model))
		ads_die(ADS_USAGE, "bad model name: %s", *model);
	return p;
}

/* price -- the price of model, 0 when none is known. */
static int
price(int p, const char *model, double *in, double *out)
{
	const char *env = ads_getenv_nonempty("ADS_PLAN_PRICE");
	const char *file = ads_getenv_nonempty("ADS_PLAN_PRICES");
	const char *m = model;
	char line[256], pm[128];
	double a, b;
	FILE *f;
	size_t i;

	if (env != NULL && sscanf(env, "%lf,%lf", &a, &b) == 2 && a >= 0 &&
	    b >= 0) {
		*in = a;
		*out = b;
		return 1;
	}
	f = file != NULL ? fopen(file, "r") : NULL;
	if (f != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (line[0] != '#' && sscanf(line, "%127s %lf %lf",
			    pm, &a, &b) == 3 && strcmp(pm, model) == 0) {
				fclose(f);
				*in = a;
				*out = b;
				return 1;
			}
		fclose(f);
	}
	if (p == LLM_COMPAT) {
		*in = *out = 0;
		return 1;
	}
	/* "openai/gpt-4o-mini" on OpenRouter costs what gpt-4o-mini does */
	if (strchr(m, '/') != NULL)
		m = strchr(m, '/') + 1;
	for (i = 0; prices[i].model != NULL; i++)
		if (strncmp(m, prices[i].model, strlen(prices[i].model)) == 0) {
			*in = prices[i].in;
			*out = prices[i].out;
			return 1;
		}
	return 0;
}

static void
estimate(int p, const char *model, const char *prompt)
{
	jv body;
	struct ads_buf b = ADS_BUF_INIT;
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
	/* About four bytes a token for English and JSON. */
	tin = (long)((b.len + 3) / 4);
	ads_buf_free(&b);
	if (price(p, model, &in, &out))
		fprintf(stderr, "%s: estimate: %s %s: about %ld input and "
		    "%d output tokens (at most %d): $%.6f at $%.2f/$%.2f "
		    "per million tokens (prices of %s)\n", ads_progname(),
		    llm_names[p], model, tin, EST_OUT, MAX_OUT,
		    (tin * in + EST_OUT * out) / 1e6, in, out,
		    ads_getenv_nonempty("ADS_PLAN_PRICE") != NULL ||
		    ads_getenv_nonempty("ADS_PLAN_PRICES") != NULL ?
		    "ADS_PLAN_PRICE" : PRICE_DATE);
	else
		fprintf(stderr, "%s: estimate: %s %s: about %ld input and "
		    "%d output tokens (at most %d): price unknown (set "
		    "ADS_PLAN_PRICE)\n", ads_progname(), llm_names[p], model,
		    tin, EST_OUT, MAX_OUT);
}

/* redact -- replace the key and key-like words in msg by "<key>". */
static void
redact(char *msg, const char *key)
{
	char *p;
	size_t n, i;

	if (key != NULL && strlen(key) >= 5) {
		n = strlen(key);
		for (p = strstr(msg, key); p != NULL; p = strstr(p, key)) {
			memmove(p + 5, p + n, strlen(p + n) + 1);
			memcpy(p, "<key>", 5);
		}
	}
	for (p = msg; *p != '\0'; p++)
		if ((strncmp(p, "sk-", 3) == 0 || strncmp(p, "AIza", 4) == 0) &&
		    (p == msg || p[-1] == ' ' || p[-1] == ':')) {
			for (i = 0; p[i] != '\0' && p[i] != ' ' && p[i] != ','
			    && p[i] != '.'; i++)
				;
			memmove(p + 5, p + i, strlen(p + i) + 1);
			memcpy(p, "<key>", 5);
		}
}

/*
 * ask -- call provider p and return the validated brief, or an invalid
 * jv whose message is the reason to fall back; *why gets a short
 * reason for the plan ("HTTP 429", "invalid answer").
 */
static jv
ask(int p, const char *model, const char *prompt, const char **why)
{
	struct ads_http_opts o;
	struct ads_http_req q;
	struct ads_http_resp r;
	struct ads_http *h;
	struct ads_buf url = ADS_BUF_INIT, body = ADS_BUF_INIT;
	const char *hdr[4], *sec[2], *key, *base, *t;
	char *auth = NULL, *esc, msg[320];
	jv b, v;
	size_t n;
	int rc;

	key = ads_getenv_nonempty(keyenv[p]);
	if (key == NULL && p != LLM_COMPAT) {
		*why = "no API key";
		return jv_invalid_with_msg(jv_string_fmt("%s is not set",
		    keyenv[p]));
	}
	switch (p) {
	case LLM_OPENAI:
		base = ads_http_base("ADS_OPENAI_URL",
		    "https://api.openai.com");
		ads_buf_adds(&url, base);
		break;
	case LLM_OPENROUTER:
		base = ads_http_base("ADS_OPENROUTER_URL",
		    "https://openrouter.ai/api");
		ads_buf_adds(&url, base);
		break;
	case LLM_COMPAT:
		base = ads_http_base("ADS_LLM_URL", "http://127.0.0.1:8080");
		ads_buf_adds(&url, base);
		break;
	case LLM_ANTHROPIC:
		base = ads_http_base("ADS_ANTHROPIC_URL",
		    "https://api.anthropic.com");
		ads_buf_adds(&url, base);
		break;
	default:
		base = ads_http_base("ADS_GEMINI_URL",
		    "https://generativelanguage.googleapis.com");
		ads_buf_adds(&url, base);
		break;
	}
	while (url.len > 0 && url.p[url.len - 1] == '/')
		url.p[--url.len] = '\0';
	n = 0;
	hdr[n++] = "Content-Type: application/json";
	sec[0] = sec[1] = NULL;
	switch (p) {
	case LLM_ANTHROPIC:
		ads_buf_adds(&url, "/v1/messages");
		hdr[n++] = "anthropic-version: 2023-06-01";
		auth = xasprintf("x-api-key: %s", key);
		break;
	case LLM_GEMINI:
		esc = ads_http_escape(model);
		ads_buf_addf(&url, "/v1beta/models/%s:generateContent", esc);
		free(esc);
		auth = xasprintf("x-goog-api-key: %s", key);
		break;
	default:
		/* ADS_LLM_URL may end in /v1 already */
		if (url.len >= 3 && strcmp(url.p + url.len - 3, "/v1") == 0)
			ads_buf_adds(&url, "/chat/completions");
		else
			ads_buf_adds(&url, "/v1/chat/completions");
		if (p == LLM_OPENROUTER)
			hdr[n++] = "X-Title: ads";
		if (key != NULL)
			auth = xasprintf("Authorization: Bearer %s", key);
		break;
	}
	hdr[n] = NULL;
	sec[0] = auth;

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
	memset(&q, 0, sizeof(q));
	q.method = "POST";
	q.url = url.p;
	q.body = body.p;
	q.bodylen = body.len;
	q.headers = hdr;
	q.secret_headers = sec;
	memset(&r, 0, sizeof(r));
	h = ads_http_new(&o);
	rc = ads_http_do(h, &q, &r);
	if (rc == -1) {
		snprintf(msg, sizeof(msg), "%s", r.err);
		*why = "transport error";
		v = jv_invalid();
	} else {
		v = llm_extract((enum llm_provider)p, r.body != NULL ? r.body :
		    "", r.len);
		if (r.status != 200) {
			jv m = jv_invalid_get_msg(jv_copy(v));

			snprintf(msg, sizeof(msg), "HTTP %ld%s%s", r.status,
			    jv_get_kind(m) == JV_KIND_STRING ? ": " : "",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "");
			jv_free(m);
			jv_free(v);
			v = jv_invalid();
			*why = "HTTP error";
		} else if (jv_is_valid(v)) {
			v = llm_validate(v);
			if (!jv_is_valid(v))
				*why = "invalid answer";
		} else
			*why = "invalid answer";
		if (!jv_is_valid(v) && r.status == 200) {
			jv m = jv_invalid_get_msg(jv_copy(v));

			snprintf(msg, sizeof(msg), "%s",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "invalid answer");
			if (strncmp(msg, "refused", 7) == 0)
				*why = "refused";
			else if (strncmp(msg, "answer truncated", 16) == 0)
				*why = "truncated";
			jv_free(m);
		}
	}
	ads_http_resp_free(&r);
	ads_http_free(h);
	ads_buf_free(&url);
	ads_buf_free(&body);
	if (auth != NULL) {
		explicit_bzero(auth, strlen(auth));
		free(auth);
	}
	if (jv_is_valid(v))
		return v;
	jv_free(v);
	redact(msg, key);
	return jv_invalid_with_msg(jv_string(msg));
}

/*
 * rescale -- the plan at path for rows (0: its own target_rows), with
 * each source's quota and limit computed again (plan_rescale()).
 */
static jv
rescale(const char *path, long long rows)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_in *in;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	double old = 0;
	long r;
	jv plan, src;

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
	plan = ads_json_parse(b.p, b.len);
	ads_buf_free(&b);
	if (jv_get_kind(plan) != JV_KIND_OBJECT) {
		jv_free(plan);
		ads_die(ADS_USAGE, "%s: not a plan: not one JSON object", name);
	}
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
	int r = 0;

	if (jv_get_kind(f) == JV_KIND_ARRAY)
		jv_array_foreach(f, i, x) {
			(void)i;
			if (strcmp(jv_string_value(x), key) == 0)
				r = 1;
			jv_free(x);
		}
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

			(void)i;
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
	tk = plan_task_id(ads_json_str(llm, "task", NULL) != NULL ?
	    ads_json_str(llm, "task", NULL) : "");
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
	jv o = jv_object_set(jv_object(), jv_string("kind"), jv_string(kind));

	o = jv_object_set(o, jv_string("provider"),
	    p >= 0 ? jv_string(llm_names[p]) : jv_null());
	return jv_object_set(o, jv_string("model"),
	    model != NULL ? jv_string(model) : jv_null());
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
	jv prompt, brief, kwbrief, llmbrief, langs = jv_invalid(), plan, pl,
	    extra;
	const char *mflag = NULL, *why = NULL, *pflag = NULL;
	char *model = NULL;
	long long nrows = 0;
	int c, eflag = 0, tk = -1, p;

	ads_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "ehl:m:n:p:t:V", lopts,
	    NULL)) != -1) {
		switch (c) {
		case 'e':
			eflag = 1;
			break;
		case 'h':
			ads_usage(USAGE, 0);
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
		    jv_is_valid(langs))
			ads_usage(USAGE, ADS_USAGE);
		jv_free(langs);
		ads_progress_init(NULL);
		plan = rescale(pflag, nrows);
		ads_out_record(ads_out_stdout(), plan);
		ads_progress_emit("done", 1, -1, jv_object());
		ads_progress_close();
		ads_out_close_stdout();
		return ads_level();
	}
	if (argc == 0)
		ads_usage(USAGE, ADS_USAGE);
	p = choose(mflag, &model);
	prompt = readprompt(argc, argv);
	ads_progress_init(NULL);

	kwbrief = plan_analyze(jv_string_value(prompt),
	    (size_t)jv_string_length_bytes(jv_copy(prompt)));
	if (eflag)
		estimate(p, model, jv_string_value(prompt));
	brief = jv_invalid();
	pl = jv_null();
	if (p >= 0) {
		llmbrief = ask(p, model, jv_string_value(prompt), &why);
		if (jv_is_valid(llmbrief)) {
			jv over = jv_array();

			brief = merge(llmbrief, jv_copy(kwbrief), &over);
			pl = planner("llm", p, model);
			if (jv_array_length(jv_copy(over)) > 0)
				pl = jv_object_set(pl, jv_string("overrides"),
				    over);
			else
				jv_free(over);
		} else {
			jv m = jv_invalid_get_msg(llmbrief);

			ads_warn("%s %s: %s; using the keyword planner",
			    llm_names[p], model, jv_get_kind(m) ==
			    JV_KIND_STRING ? jv_string_value(m) : why);
			jv_free(m);
			pl = planner("keyword", -1, NULL);
			pl = jv_object_set(pl, jv_string("fallback"),
			    jv_object_set(jv_object_set(jv_object_set(
			    jv_object(), jv_string("provider"),
			    jv_string(llm_names[p])), jv_string("model"),
			    jv_string(model)), jv_string("reason"),
			    jv_string(why)));
		}
	}
	if (!jv_is_valid(brief)) {
		jv_free(brief);
		brief = jv_copy(kwbrief);
		if (jv_get_kind(pl) == JV_KIND_NULL) {
			jv_free(pl);
			pl = planner("keyword", -1, NULL);
		}
	}
	jv_free(kwbrief);
	if (nrows > 0)
		brief = ads_json_set(brief, "target_rows",
		    jv_number((double)nrows));
	if (tk >= 0) {
		const char *was = ads_json_str(brief, "task", NULL);

		/* another task: its own subtask and default labels */
		if (was == NULL || plan_task_id(was) != tk) {
			brief = ads_json_set(brief, "task_id", jv_null());
			brief = ads_json_set(brief, "labels", jv_array());
		}
		brief = ads_json_set(brief, "task",
		    jv_string(plan_task_names[tk]));
	}
	if (jv_is_valid(langs))
		brief = ads_json_set(brief, "languages", langs);
	else
		jv_free(langs);

	plan = plan_build(brief, jv_string_value(prompt), pl);
	extra = jv_object();
	extra = jv_object_set(extra, jv_string("in"), jv_number(1));
	extra = jv_object_set(extra, jv_string("out"), jv_number(1));
	extra = jv_object_set(extra, jv_string("dropped"), jv_object());
	{
		jv pk = ads_json_get(plan, "planner");
		const char *kind = ads_json_str(pk, "kind", NULL);
		const char *task = ads_json_str(plan, "task", NULL);
		double rows = 0;

		ads_json_num(plan, "target_rows", &rows);
		extra = jv_object_set(extra, jv_string("planner"),
		    ads_json_get(pk, "kind"));
		fprintf(stderr, "%s: %s planner: %s, %.0f rows\n",
		    ads_progname(), kind != NULL ? kind : "keyword",
		    task != NULL ? task : "?", rows);
		jv_free(pk);
	}
	ads_out_record(ads_out_stdout(), plan);
	ads_progress_emit("done", 1, -1, extra);
	ads_progress_close();
	jv_free(prompt);
	free(model);
	ads_out_close_stdout();
	return ads_level();
}
