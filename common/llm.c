/*
 * llm.c -- the LLM client ads-plan and ads-label share: provider
 * choice, request bodies, endpoints, reading answers, prices
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "buf.h"
#include "http.h"
#include "json.h"
#include "llm.h"
#include "progress.h"
#include "util.h"

const char *const ads_llm_names[ADS_NLLM] = {
	"openai", "anthropic", "gemini", "openrouter", "llm"
};
const char *const ads_llm_keyenv[ADS_NLLM] = {
	"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
	"OPENROUTER_API_KEY", "ADS_LLM_KEY"
};
const char *const ads_llm_defmodel[ADS_NLLM] = {
	"gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-flash",
	"openai/gpt-4o-mini", "default"
};

/*
 * Prices in US dollars per million input and output tokens, as the
 * providers published them (checked ADS_LLM_PRICE_DATE).
 */
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

int
ads_llm_provider(const char *name)
{
	int i;

	for (i = 0; i < ADS_NLLM; i++)
		if (strcmp(name, ads_llm_names[i]) == 0)
			return i;
	return -1;
}

int
ads_llm_okmodel(const char *m)
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

int
ads_llm_choose(const char *spec, char **model)
{
	const char *env;
	char *name, *colon;
	int p = -1, i;

	*model = NULL;
	if (spec != NULL) {
		name = xstrdup(spec);
		colon = strchr(name, ':');
		if (colon != NULL)
			*colon++ = '\0';
		p = ads_llm_provider(name);
		if (p >= 0 && colon != NULL && *colon != '\0')
			*model = xstrdup(colon);
		free(name);
		if (p < 0)
			return -1;
	} else if (ads_getenv_nonempty("ADS_LLM_URL") != NULL)
		p = ADS_LLM_COMPAT;
	else {
		for (i = 0; i < ADS_LLM_COMPAT; i++)
			if (ads_getenv_nonempty(ads_llm_keyenv[i]) != NULL) {
				p = i;
				break;
			}
		if (p < 0)
			return -1;
	}
	if (*model == NULL) {
		env = ads_getenv_nonempty("ADS_LLM_MODEL");
		*model = xstrdup(env != NULL ? env : ads_llm_defmodel[p]);
	}
	if (!ads_llm_okmodel(*model))
		ads_die(ADS_USAGE, "bad model name: %s", *model);
	return p;
}

int
ads_llm_endpoint(struct ads_llm_endpoint *e, int p, const char *model)
{
	static const char *const urlenv[ADS_NLLM] = {
		"ADS_OPENAI_URL", "ADS_ANTHROPIC_URL", "ADS_GEMINI_URL",
		"ADS_OPENROUTER_URL", "ADS_LLM_URL"
	};
	static const char *const urldef[ADS_NLLM] = {
		"https://api.openai.com", "https://api.anthropic.com",
		"https://generativelanguage.googleapis.com",
		"https://openrouter.ai/api", "http://127.0.0.1:8080"
	};
	struct ads_buf url = ADS_BUF_INIT;
	const char *key;
	char *esc;
	size_t n = 0;

	memset(e, 0, sizeof(*e));
	key = ads_getenv_nonempty(ads_llm_keyenv[p]);
	if (key == NULL && p != ADS_LLM_COMPAT)
		return -1;
	e->provider = p;
	e->key = key;
	ads_buf_adds(&url, ads_http_base(urlenv[p], urldef[p]));
	while (url.len > 0 && url.p[url.len - 1] == '/')
		url.p[--url.len] = '\0';
	e->hdr[n++] = "Content-Type: application/json";
	switch (p) {
	case ADS_LLM_ANTHROPIC:
		ads_buf_adds(&url, "/v1/messages");
		e->hdr[n++] = "anthropic-version: 2023-06-01";
		e->auth = xasprintf("x-api-key: %s", key);
		break;
	case ADS_LLM_GEMINI:
		esc = ads_http_escape(model);
		ads_buf_addf(&url, "/v1beta/models/%s:generateContent", esc);
		free(esc);
		e->auth = xasprintf("x-goog-api-key: %s", key);
		break;
	default:
		/* ADS_LLM_URL may end in /v1 already */
		if (url.len >= 3 && strcmp(url.p + url.len - 3, "/v1") == 0)
			ads_buf_adds(&url, "/chat/completions");
		else
			ads_buf_adds(&url, "/v1/chat/completions");
		if (p == ADS_LLM_OPENROUTER)
			e->hdr[n++] = "X-Title: ads";
		if (key != NULL)
			e->auth = xasprintf("Authorization: Bearer %s", key);
		break;
	}
	e->hdr[n] = NULL;
	e->sec[0] = e->auth;
	e->sec[1] = NULL;
	e->url = ads_buf_detach(&url, NULL);
	return 0;
}

void
ads_llm_request(const struct ads_llm_endpoint *e, struct ads_http_req *q,
    const char *body, size_t len)
{
	memset(q, 0, sizeof(*q));
	q->method = "POST";
	q->url = e->url;
	q->body = body;
	q->bodylen = len;
	q->headers = e->hdr;
	q->secret_headers = e->sec;
	q->maxbytes = ADS_LLM_MAXANSWER;
}

void
ads_llm_endpoint_free(struct ads_llm_endpoint *e)
{
	if (e->auth != NULL) {
		explicit_bzero(e->auth, strlen(e->auth));
		free(e->auth);
	}
	free(e->url);
	memset(e, 0, sizeof(*e));
}

int
ads_llm_price(int p, const char *model, double *in, double *out,
    const char **from)
{
	const char *env = ads_getenv_nonempty("ADS_LLM_PRICE");
	const char *file = ads_getenv_nonempty("ADS_LLM_PRICES");
	const char *m = model, *fromenv = "ADS_LLM_PRICE";
	char line[256], pm[128];
	double a, b;
	FILE *f;
	size_t i;

	if (env == NULL && file == NULL) {
		env = ads_getenv_nonempty("ADS_PLAN_PRICE");
		file = ads_getenv_nonempty("ADS_PLAN_PRICES");
		fromenv = "ADS_PLAN_PRICE";
	}
	if (from != NULL)
		*from = env != NULL || file != NULL ? fromenv :
		    ADS_LLM_PRICE_DATE;
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
	if (p == ADS_LLM_COMPAT) {
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

long
ads_llm_tokens(size_t n)
{
	/* About four bytes a token for English and JSON. */
	return (long)((n + 3) / 4);
}

void
ads_llm_redact(char *msg, const char *key)
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

const char *
ads_llm_why(int rc, long status, const char *msg)
{
	if (rc == -1)
		return "transport error";
	if (status != 200)
		return "HTTP error";
	if (msg != NULL && strncmp(msg, "refused", 7) == 0)
		return "refused";
	if (msg != NULL && strncmp(msg, "answer truncated", 16) == 0)
		return "truncated";
	return "invalid answer";
}

int
ads_llm_usage(int p, const char *body, size_t n, long *in, long *out)
{
	static const char *const keys[3][3] = {
		{ "usage", "prompt_tokens", "completion_tokens" },
		{ "usage", "input_tokens", "output_tokens" },
		{ "usageMetadata", "promptTokenCount", "candidatesTokenCount" }
	};
	const char *const *k = keys[p == ADS_LLM_ANTHROPIC ? 1 :
	    p == ADS_LLM_GEMINI ? 2 : 0];
	jv top, u;
	double a = -1, b = -1;
	int rc = -1;

	*in = *out = 0;
	top = ads_json_parse(body, n);
	if (jv_get_kind(top) == JV_KIND_OBJECT) {
		u = ads_json_get(top, k[0]);
		if (ads_json_num(u, k[1], &a) == 0 && a >= 0 && a < 1e12) {
			*in = (long)a;
			rc = 0;
		}
		if (ads_json_num(u, k[2], &b) == 0 && b >= 0 && b < 1e12) {
			*out = (long)b;
			rc = 0;
		}
		jv_free(u);
	}
	jv_free(top);
	return rc;
}

static jv
message(const char *role, const char *text)
{
	return JV_OBJECT(jv_string("role"), jv_string(role),
	    jv_string("content"), jv_string(text));
}

static int
reasoning(const char *model)
{
	const char *m = strrchr(model, '/');

	m = m != NULL ? m + 1 : model;
	return (m[0] == 'o' && m[1] >= '1' && m[1] <= '9') ||
	    strncmp(m, "gpt-5", 5) == 0;
}

jv
ads_llm_type(int gemini, const char *t)
{
	char up[16];
	size_t i;

	for (i = 0; t[i] != '\0' && i + 1 < sizeof(up); i++)
		up[i] = gemini ? (char)toupper((unsigned char)t[i]) : t[i];
	up[i] = '\0';
	return jv_object_set(jv_object(), jv_string("type"), jv_string(up));
}

jv
ads_llm_object(int gemini, jv props)
{
	jv o = ads_llm_type(gemini, "object"), r = jv_array();

	jv_object_foreach(props, k, v) {
		r = jv_array_append(r, k);
		jv_free(v);
	}
	o = ads_json_set(o, "properties", props);
	if (gemini)
		o = ads_json_set(o, "propertyOrdering", jv_copy(r));
	o = ads_json_set(o, "required", r);
	if (!gemini)
		o = ads_json_set(o, "additionalProperties", jv_false());
	return o;
}

jv
ads_llm_array(int gemini, jv items)
{
	return jv_object_set(ads_llm_type(gemini, "array"),
	    jv_string("items"), items);
}

jv
ads_llm_body(int p, const char *model, const struct ads_llm_ask *a)
{
	jv b, tool;
	int maxtok = a->max_tokens > 0 ? a->max_tokens : 1024;

	switch (p) {
	case ADS_LLM_ANTHROPIC:
		tool = JV_OBJECT(jv_string("name"), jv_string(a->name),
		    jv_string("description"), jv_string(a->desc),
		    jv_string("input_schema"), jv_copy(a->schema));
		return JV_OBJECT(jv_string("model"), jv_string(model),
		    jv_string("max_tokens"), jv_number(maxtok),
		    jv_string("temperature"), jv_number(a->temperature),
		    jv_string("system"), jv_string(a->system),
		    jv_string("messages"), JV_ARRAY(message("user", a->prompt)),
		    jv_string("tools"), JV_ARRAY(tool),
		    jv_string("tool_choice"), JV_OBJECT(jv_string("type"),
		    jv_string("tool"), jv_string("name"), jv_string(a->name)));
	case ADS_LLM_GEMINI:
		return JV_OBJECT(jv_string("systemInstruction"),
		    JV_OBJECT(jv_string("parts"), JV_ARRAY(JV_OBJECT(
		    jv_string("text"), jv_string(a->system)))),
		    jv_string("contents"), JV_ARRAY(JV_OBJECT(jv_string("role"),
		    jv_string("user"), jv_string("parts"), JV_ARRAY(JV_OBJECT(
		    jv_string("text"), jv_string(a->prompt))))),
		    jv_string("generationConfig"), JV_OBJECT(
		    jv_string("temperature"), jv_number(a->temperature),
		    jv_string("responseMimeType"),
		    jv_string("application/json"),
		    jv_string("responseSchema"), jv_copy(a->gschema)));
	default:
		b = JV_OBJECT(jv_string("model"), jv_string(model),
		    jv_string("messages"), JV_ARRAY(message("system",
		    a->system), message("user", a->prompt)));
		/* OpenAI's reasoning models refuse a temperature. */
		if (!reasoning(model))
			b = ads_json_set(b, "temperature",
			    jv_number(a->temperature));
		b = ads_json_set(b, "response_format", JV_OBJECT(
		    jv_string("type"), jv_string("json_schema"),
		    jv_string("json_schema"), JV_OBJECT(jv_string("name"),
		    jv_string(a->name), jv_string("strict"), jv_true(),
		    jv_string("schema"), jv_copy(a->schema))));
		return ads_json_set(b, "stream", jv_false());
	}
}

/*
 * ads_llm_fail -- an invalid jv with a message made safe for one line: control
 * characters become spaces and it is cut at 160 bytes.
 */
jv
ads_llm_fail(const char *what, const char *detail)
{
	char buf[200];
	size_t i;

	if (detail != NULL)
		snprintf(buf, sizeof(buf), "%s: %.160s", what, detail);
	else
		snprintf(buf, sizeof(buf), "%s", what);
	for (i = 0; buf[i] != '\0'; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = ' ';
	return jv_invalid_with_msg(jv_string(buf));
}

/*
 * ads_llm_fromtext -- the JSON object in a model's text: whole, inside a
 * ``` fence, or between the first '{' and the last '}'.
 */
jv
ads_llm_fromtext(const char *s, size_t n)
{
	const char *a, *b;
	jv v;

	a = memchr(s, '{', n);
	b = NULL;
	for (size_t i = n; i > 0; i--)
		if (s[i - 1] == '}') {
			b = s + i - 1;
			break;
		}
	if (a == NULL || b == NULL || b < a)
		return ads_llm_fail("answer is not a JSON object", NULL);
	v = ads_json_parse(a, (size_t)(b - a + 1));
	if (!jv_is_valid(v)) {
		jv m = jv_invalid_get_msg(v);
		jv r = ads_llm_fail("answer is not valid JSON",
		    jv_get_kind(m) == JV_KIND_STRING ? jv_string_value(m) :
		    NULL);

		jv_free(m);
		return r;
	}
	if (jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return ads_llm_fail("answer is not a JSON object", NULL);
	}
	return v;
}

/* strfield -- string at obj.k1.k2 (k2 may be NULL) or NULL; borrows. */
static const char *
strfield(jv obj, const char *k1, const char *k2)
{
	jv a;
	const char *s;

	if (k2 == NULL)
		return ads_json_str(obj, k1, NULL);
	a = ads_json_get(obj, k1);
	s = ads_json_str(a, k2, NULL);
	jv_free(a);
	/* a was a copy: the string lives in obj, which we borrow */
	return s;
}

/* errmsg -- the provider's error message, or NULL. */
static jv
errmsg(jv top)
{
	jv e = ads_json_get(top, "error"), r;
	const char *m;

	if (jv_get_kind(e) == JV_KIND_NULL) {
		jv_free(e);
		return jv_invalid();
	}
	if (jv_get_kind(e) == JV_KIND_STRING)
		r = ads_llm_fail("error", jv_string_value(e));
	else {
		m = ads_json_str(e, "message", NULL);
		r = ads_llm_fail("error", m != NULL ? m : "(no message)");
	}
	jv_free(e);
	return r;
}

static jv
openai_extract(jv top)
{
	jv ch, c0, msg, tc, r;
	const char *fr, *s;

	ch = ads_json_get(top, "choices");
	if (jv_get_kind(ch) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(ch)) == 0) {
		jv_free(ch);
		return ads_llm_fail("no choices in the answer", NULL);
	}
	c0 = jv_array_get(ch, 0);
	msg = ads_json_get(c0, "message");
	fr = ads_json_str(c0, "finish_reason", NULL);
	s = ads_json_str(msg, "refusal", NULL);
	if (s != NULL)
		r = ads_llm_fail("refused", s);
	else if (fr != NULL && strcmp(fr, "content_filter") == 0)
		r = ads_llm_fail("refused (content filter)", NULL);
	else if (fr != NULL && strcmp(fr, "length") == 0)
		r = ads_llm_fail("answer truncated (length)", NULL);
	else if ((s = ads_json_str(msg, "content", NULL)) != NULL &&
	    s[0] != '\0')
		r = ads_llm_fromtext(s, strlen(s));
	else {
		tc = ads_json_get(msg, "tool_calls");
		r = ads_llm_fail("no content in the answer", NULL);
		if (jv_get_kind(tc) == JV_KIND_ARRAY &&
		    jv_array_length(jv_copy(tc)) > 0) {
			jv t0 = jv_array_get(jv_copy(tc), 0);
			const char *args = strfield(t0, "function",
			    "arguments");

			if (args != NULL) {
				jv_free(r);
				r = ads_llm_fromtext(args, strlen(args));
			}
			jv_free(t0);
		}
		jv_free(tc);
	}
	jv_free(msg);
	jv_free(c0);
	return r;
}

static jv
anthropic_extract(jv top)
{
	jv content, r = jv_invalid();
	struct ads_buf text = ADS_BUF_INIT;
	const char *stop = ads_json_str(top, "stop_reason", NULL);

	if (stop != NULL && strcmp(stop, "refusal") == 0)
		return ads_llm_fail("refused", NULL);
	if (stop != NULL && strcmp(stop, "max_tokens") == 0)
		return ads_llm_fail("answer truncated (max_tokens)", NULL);
	content = ads_json_get(top, "content");
	if (jv_get_kind(content) != JV_KIND_ARRAY) {
		jv_free(content);
		return ads_llm_fail("no content in the answer", NULL);
	}
	jv_array_foreach(content, i, blk) {
		const char *type = ads_json_str(blk, "type", NULL);

		if (type != NULL && strcmp(type, "tool_use") == 0 &&
		    !jv_is_valid(r)) {
			jv in = ads_json_get(blk, "input");

			if (jv_get_kind(in) == JV_KIND_OBJECT &&
			    jv_object_length(jv_copy(in)) > 0) {
				jv_free(r);
				r = in;
			} else
				jv_free(in);
		} else if (type != NULL && strcmp(type, "text") == 0) {
			const char *t = ads_json_str(blk, "text", NULL);

			if (t != NULL)
				ads_buf_adds(&text, t);
		}
		jv_free(blk);
	}
	jv_free(content);
	if (!jv_is_valid(r)) {
		jv_free(r);
		if (text.len > 0)
			r = ads_llm_fromtext(text.p, text.len);
		else
			r = ads_llm_fail("no content in the answer", NULL);
	}
	ads_buf_free(&text);
	return r;
}

static jv
gemini_extract(jv top)
{
	jv cands, c0, content, parts, r;
	struct ads_buf text = ADS_BUF_INIT;
	const char *s;

	s = strfield(top, "promptFeedback", "blockReason");
	if (s != NULL)
		return ads_llm_fail("refused", s);
	cands = ads_json_get(top, "candidates");
	if (jv_get_kind(cands) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(cands)) == 0) {
		jv_free(cands);
		return ads_llm_fail("no candidates in the answer", NULL);
	}
	c0 = jv_array_get(cands, 0);
	s = ads_json_str(c0, "finishReason", NULL);
	if (s != NULL && strcmp(s, "MAX_TOKENS") == 0) {
		jv_free(c0);
		return ads_llm_fail("answer truncated (MAX_TOKENS)", NULL);
	}
	if (s != NULL && strcmp(s, "STOP") != 0 &&
	    strcmp(s, "FINISH_REASON_UNSPECIFIED") != 0) {
		r = ads_llm_fail("refused", s);
		jv_free(c0);
		return r;
	}
	content = ads_json_get(c0, "content");
	parts = ads_json_get(content, "parts");
	if (jv_get_kind(parts) == JV_KIND_ARRAY) {
		jv_array_foreach(parts, i, p) {
			const char *t = ads_json_str(p, "text", NULL);

			if (t != NULL)
				ads_buf_adds(&text, t);
			jv_free(p);
		}
	}
	jv_free(parts);
	jv_free(content);
	jv_free(c0);
	r = text.len > 0 ? ads_llm_fromtext(text.p, text.len) :
	    ads_llm_fail("no content in the answer", NULL);
	ads_buf_free(&text);
	return r;
}

jv
ads_llm_extract(int p, const char *body, size_t n)
{
	jv top, r;
	const char *type;

	top = ads_json_parse(body, n);
	if (!jv_is_valid(top)) {
		jv_free(top);
		return ads_llm_fail("answer body is not JSON", NULL);
	}
	if (jv_get_kind(top) != JV_KIND_OBJECT) {
		jv_free(top);
		return ads_llm_fail("answer body is not a JSON object", NULL);
	}
	r = errmsg(top);
	if (jv_invalid_has_msg(jv_copy(r))) {
		jv_free(top);
		return r;
	}
	jv_free(r);
	type = ads_json_str(top, "type", NULL);
	if (type != NULL && strcmp(type, "error") == 0)
		r = ads_llm_fail("error", NULL);
	else if (p == ADS_LLM_ANTHROPIC)
		r = anthropic_extract(top);
	else if (p == ADS_LLM_GEMINI)
		r = gemini_extract(top);
	else
		r = openai_extract(top);
	jv_free(top);
	return r;
}


/* ratelimit -- the requests the provider says are left, or -1. */
static long
ratelimit(const struct ads_http_resp *r)
{
	static const char *const names[] = {
		"x-ratelimit-remaining-requests",
		"anthropic-ratelimit-requests-remaining", NULL
	};
	char buf[64];
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (ads_http_header(r, names[i], buf, sizeof(buf)) != NULL)
			return atol(buf);
	return -1;
}

void
ads_llm_batch(struct ads_http *http, const struct ads_llm_call *c,
    size_t n, size_t window,
    void (*answer)(void *arg, size_t i, int rc,
    const struct ads_http_resp *r),
    void (*step)(void *arg, size_t done), void *arg)
{
	struct ads_http_req *q;
	struct ads_http_resp *r;
	struct ads_http_stats st;
	size_t i = 0, k, w, max = window > 0 ? window : 1;
	long left;

	q = xcalloc(max, sizeof(*q));
	r = xcalloc(max, sizeof(*r));
	window = max;
	while (i < n) {
		w = n - i < window ? n - i : window;
		for (k = 0; k < w; k++)
			ads_llm_request(c[i + k].ep, &q[k], c[i + k].body,
			    c[i + k].len);
		ads_http_batch(http, q, r, w);
		window = max;
		for (k = 0; k < w; k++) {
			answer(arg, i + k, r[k].status == 0 ? -1 : 0, &r[k]);
			left = ratelimit(&r[k]);
			if (left >= 0 && (size_t)left < window)
				window = left > 0 ? (size_t)left : 1;
			ads_http_resp_free(&r[k]);
		}
		i += w;
		ads_http_stats(http, &st);
		ads_progress_http(st.requests, st.retries, st.cached,
		    st.failed);
		if (step != NULL)
			step(arg, i);
	}
	free(q);
	free(r);
}

jv
ads_llm_stats(const struct ads_http *http, jv extra, struct ads_http_stats *st)
{
	ads_http_stats(http, st);
	extra = ads_json_set(extra, "requests", jv_number((double)st->requests));
	extra = ads_json_set(extra, "cached", jv_number((double)st->cached));
	return ads_json_set(extra, "failed", jv_number((double)st->failed));
}
