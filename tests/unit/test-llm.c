/*
 * test-llm -- unit tests of the shared LLM client (common/llm.c): the
 * provider choice from the environment, endpoints and credentials,
 * request bodies, answers of every provider's shape, token usage,
 * prices and the redaction of keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/llm.h"
#include "../../common/util.h"
#include "unit.h"

static void
clearenv_llm(void)
{
	int i;

	for (i = 0; i < ADS_NLLM; i++)
		unsetenv(ads_llm_keyenv[i]);
	unsetenv("ADS_LLM_URL");
	unsetenv("ADS_LLM_MODEL");
	unsetenv("ADS_LLM_PRICE");
	unsetenv("ADS_LLM_PRICES");
	unsetenv("ADS_PLAN_PRICE");
	unsetenv("ADS_PLAN_PRICES");
	unsetenv("ADS_OPENAI_URL");
}

static void
choose(void)
{
	char *m = NULL;
	int p;

	clearenv_llm();
	CHECK("choose: nothing configured", ads_llm_choose(NULL, &m) == -1 &&
	    m == NULL);
	setenv("ANTHROPIC_API_KEY", "k", 1);
	setenv("GEMINI_API_KEY", "k", 1);
	p = ads_llm_choose(NULL, &m);
	CHECK("choose: the first key set", p == ADS_LLM_ANTHROPIC);
	CHECK_STR("choose: its default model", m, "claude-haiku-4-5");
	free(m);
	setenv("ADS_LLM_URL", "http://127.0.0.1:1/v1", 1);
	setenv("ADS_LLM_MODEL", "llama3.2", 1);
	p = ads_llm_choose(NULL, &m);
	CHECK("choose: ADS_LLM_URL first", p == ADS_LLM_COMPAT);
	CHECK_STR("choose: ADS_LLM_MODEL", m, "llama3.2");
	free(m);
	p = ads_llm_choose("gemini:gemini-2.5-pro", &m);
	CHECK("choose: a spec", p == ADS_LLM_GEMINI);
	CHECK_STR("choose: the spec's model", m, "gemini-2.5-pro");
	free(m);
	CHECK("choose: an unknown provider", ads_llm_choose("nosuch", &m) ==
	    -1 && m == NULL);
	CHECK("okmodel", ads_llm_okmodel("openai/gpt-4o-mini") &&
	    !ads_llm_okmodel("../x") && !ads_llm_okmodel("a b") &&
	    !ads_llm_okmodel(""));
	clearenv_llm();
}

static void
endpoint(void)
{
	struct ads_llm_endpoint e;
	struct ads_http_req q;

	clearenv_llm();
	CHECK("endpoint: no key", ads_llm_endpoint(&e, ADS_LLM_OPENAI,
	    "m") == -1);
	setenv("OPENAI_API_KEY", "sk-secret-1234567", 1);
	setenv("ADS_OPENAI_URL", "http://127.0.0.1:9/base/", 1);
	CHECK("endpoint: openai", ads_llm_endpoint(&e, ADS_LLM_OPENAI,
	    "m") == 0);
	CHECK_STR("endpoint: url", e.url,
	    "http://127.0.0.1:9/base/v1/chat/completions");
	CHECK_STR("endpoint: the key is a secret header", e.sec[0],
	    "Authorization: Bearer sk-secret-1234567");
	CHECK("endpoint: not in the plain headers", e.hdr[1] == NULL);
	ads_llm_request(&e, &q, "{}", 2);
	CHECK("request: POST with the secret", strcmp(q.method, "POST") == 0 &&
	    q.secret_headers == e.sec && q.bodylen == 2);
	ads_llm_endpoint_free(&e);
	setenv("ADS_LLM_URL", "http://127.0.0.1:9/v1", 1);
	CHECK("endpoint: a local server needs no key",
	    ads_llm_endpoint(&e, ADS_LLM_COMPAT, "m") == 0 && e.sec[0] == NULL);
	CHECK_STR("endpoint: /v1 not doubled", e.url,
	    "http://127.0.0.1:9/v1/chat/completions");
	ads_llm_endpoint_free(&e);
	setenv("GEMINI_API_KEY", "AIzaXYZ", 1);
	CHECK("endpoint: gemini", ads_llm_endpoint(&e, ADS_LLM_GEMINI,
	    "gemini-2.5-flash") == 0);
	CHECK("endpoint: gemini's model in the path", strstr(e.url,
	    "/v1beta/models/gemini-2.5-flash:generateContent") != NULL);
	ads_llm_endpoint_free(&e);
	clearenv_llm();
}

static void
bodies(void)
{
	struct ads_llm_ask a;
	struct ads_buf b = ADS_BUF_INIT;
	jv s = JV_OBJECT(jv_string("type"), jv_string("object"));
	jv g = JV_OBJECT(jv_string("type"), jv_string("OBJECT"));
	jv v;

	memset(&a, 0, sizeof(a));
	a.system = "sys";
	a.prompt = "say \"hi\"";
	a.name = "labels";
	a.desc = "d";
	a.schema = s;
	a.gschema = g;
	v = ads_llm_body(ADS_LLM_OPENAI, "gpt-4o-mini", &a);
	ads_json_emit(&b, v);
	CHECK_STR("body: openai", b.p, "{\"model\":\"gpt-4o-mini\","
	    "\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
	    "{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\"}],"
	    "\"temperature\":0,\"response_format\":{\"type\":"
	    "\"json_schema\",\"json_schema\":{\"name\":\"labels\","
	    "\"strict\":true,\"schema\":{\"type\":\"object\"}}},"
	    "\"stream\":false}");
	jv_free(v);
	ads_buf_reset(&b);
	v = ads_llm_body(ADS_LLM_OPENAI, "o4-mini", &a);
	CHECK("body: no temperature for a reasoning model",
	    !ads_json_has(v, "temperature"));
	jv_free(v);
	v = ads_llm_body(ADS_LLM_ANTHROPIC, "claude-haiku-4-5", &a);
	ads_json_emit(&b, v);
	CHECK("body: anthropic forces the tool", strstr(b.p,
	    "\"tool_choice\":{\"type\":\"tool\",\"name\":\"labels\"}") !=
	    NULL && strstr(b.p, "\"max_tokens\":1024") != NULL);
	jv_free(v);
	ads_buf_reset(&b);
	v = ads_llm_body(ADS_LLM_GEMINI, "gemini-2.5-flash", &a);
	ads_json_emit(&b, v);
	CHECK("body: gemini's schema", strstr(b.p,
	    "\"responseSchema\":{\"type\":\"OBJECT\"}") != NULL);
	jv_free(v);
	ads_buf_free(&b);
	jv_free(s);
	jv_free(g);
}

/* schemas -- one object schema in both dialects. */
static void
schemas(void)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv v;
	int g;

	for (g = 0; g < 2; g++) {
		v = ads_llm_object(g, JV_OBJECT(jv_string("b"),
		    ads_llm_type(g, "string"), jv_string("a"),
		    ads_llm_array(g, ads_llm_type(g, "integer"))));
		ads_buf_reset(&b);
		ads_json_emit(&b, v);
		jv_free(v);
		CHECK_STR(g ? "schema: gemini's dialect" : "schema: openai's",
		    b.p, g ? "{\"type\":\"OBJECT\",\"properties\":{\"b\":"
		    "{\"type\":\"STRING\"},\"a\":{\"type\":\"ARRAY\","
		    "\"items\":{\"type\":\"INTEGER\"}}},"
		    "\"propertyOrdering\":[\"b\",\"a\"],"
		    "\"required\":[\"b\",\"a\"]}" :
		    "{\"type\":\"object\",\"properties\":{\"b\":"
		    "{\"type\":\"string\"},\"a\":{\"type\":\"array\","
		    "\"items\":{\"type\":\"integer\"}}},"
		    "\"required\":[\"b\",\"a\"],"
		    "\"additionalProperties\":false}");
	}
	ads_buf_free(&b);
}

/* got -- the extracted answer's compact JSON, or its error message. */
static char *
got(int p, const char *body)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv v = ads_llm_extract(p, body, strlen(body));

	if (jv_is_valid(v))
		ads_json_emit(&b, v);
	else {
		jv m = jv_invalid_get_msg(v);

		ads_buf_adds(&b, jv_get_kind(m) == JV_KIND_STRING ?
		    jv_string_value(m) : "?");
		jv_free(m);
		v = jv_null();
	}
	jv_free(v);
	return ads_buf_detach(&b, NULL);
}

static void
answers(void)
{
	static const struct {
		int		 p;
		const char	*body, *want;
	} t[] = {
		{ ADS_LLM_OPENAI, "{\"choices\":[{\"finish_reason\":\"stop\","
		    "\"message\":{\"content\":\"{\\\"a\\\":1}\"}}]}",
		    "{\"a\":1}" },
		{ ADS_LLM_OPENAI, "{\"choices\":[{\"message\":{\"content\":"
		    "\"```json\\n{\\\"a\\\":2}\\n```\"}}]}", "{\"a\":2}" },
		{ ADS_LLM_OPENAI, "{\"choices\":[{\"message\":{\"content\":"
		    "null,\"tool_calls\":[{\"function\":{\"arguments\":"
		    "\"{\\\"a\\\":3}\"}}]}}]}", "{\"a\":3}" },
		{ ADS_LLM_OPENAI, "{\"choices\":[{\"finish_reason\":"
		    "\"length\",\"message\":{\"content\":\"{\"}}]}",
		    "answer truncated (length)" },
		{ ADS_LLM_OPENAI, "{\"choices\":[{\"message\":{\"refusal\":"
		    "\"no\"}}]}", "refused: no" },
		{ ADS_LLM_OPENAI, "{\"error\":{\"message\":\"bad\\nkey\"}}",
		    "error: bad key" },
		{ ADS_LLM_OPENAI, "not json", "answer body is not JSON" },
		{ ADS_LLM_ANTHROPIC, "{\"content\":[{\"type\":\"tool_use\","
		    "\"input\":{\"a\":4}}],\"stop_reason\":\"tool_use\"}",
		    "{\"a\":4}" },
		{ ADS_LLM_ANTHROPIC, "{\"type\":\"error\",\"error\":{"
		    "\"message\":\"Overloaded\"}}", "error: Overloaded" },
		{ ADS_LLM_GEMINI, "{\"candidates\":[{\"content\":{\"parts\":"
		    "[{\"text\":\"{\\\"a\\\":\"},{\"text\":\"5}\"}]},"
		    "\"finishReason\":\"STOP\"}]}", "{\"a\":5}" },
		{ ADS_LLM_GEMINI, "{\"promptFeedback\":{\"blockReason\":"
		    "\"SAFETY\"}}", "refused: SAFETY" },
	};
	size_t i;
	char name[64], *s;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(name, sizeof(name), "extract %zu", i);
		s = got(t[i].p, t[i].body);
		CHECK_STR(name, s, t[i].want);
		free(s);
	}
	CHECK_STR("why: refused", ads_llm_why(0, 200, "refused: x"),
	    "refused");
	CHECK_STR("why: http", ads_llm_why(0, 429, NULL), "HTTP error");
	CHECK_STR("why: transport", ads_llm_why(-1, 0, NULL),
	    "transport error");
}

static void
usage_prices(void)
{
	const char *b1 = "{\"usage\":{\"prompt_tokens\":10,"
	    "\"completion_tokens\":3}}";
	const char *b2 = "{\"usage\":{\"input_tokens\":7,\"output_tokens\":2}}";
	const char *b3 = "{\"usageMetadata\":{\"promptTokenCount\":5,"
	    "\"candidatesTokenCount\":1}}";
	const char *from = NULL;
	double in = -1, out = -1;
	long a, b;
	char msg[128];

	CHECK("usage: openai", ads_llm_usage(ADS_LLM_OPENAI, b1, strlen(b1),
	    &a, &b) == 0 && a == 10 && b == 3);
	CHECK("usage: anthropic", ads_llm_usage(ADS_LLM_ANTHROPIC, b2,
	    strlen(b2), &a, &b) == 0 && a == 7 && b == 2);
	CHECK("usage: gemini", ads_llm_usage(ADS_LLM_GEMINI, b3, strlen(b3),
	    &a, &b) == 0 && a == 5 && b == 1);
	CHECK("usage: absent", ads_llm_usage(ADS_LLM_OPENAI, "{}", 2, &a,
	    &b) == -1 && a == 0);
	clearenv_llm();
	CHECK("price: the table, by prefix, through OpenRouter",
	    ads_llm_price(ADS_LLM_OPENROUTER, "openai/gpt-4o-mini", &in, &out,
	    &from) == 1 && in == 0.15 && out == 0.60 &&
	    strcmp(from, ADS_LLM_PRICE_DATE) == 0);
	CHECK("price: unknown", ads_llm_price(ADS_LLM_OPENAI, "nosuch", &in,
	    &out, NULL) == 0);
	CHECK("price: a local server is free", ads_llm_price(ADS_LLM_COMPAT,
	    "x", &in, &out, NULL) == 1 && in == 0 && out == 0);
	setenv("ADS_PLAN_PRICE", "1,2", 1);
	CHECK("price: ADS_PLAN_PRICE", ads_llm_price(ADS_LLM_OPENAI, "x", &in,
	    &out, &from) == 1 && in == 1 && out == 2 &&
	    strcmp(from, "ADS_PLAN_PRICE") == 0);
	setenv("ADS_LLM_PRICE", "3,4", 1);
	CHECK("price: ADS_LLM_PRICE first", ads_llm_price(ADS_LLM_OPENAI, "x",
	    &in, &out, &from) == 1 && in == 3 && out == 4 &&
	    strcmp(from, "ADS_LLM_PRICE") == 0);
	clearenv_llm();
	CHECK("tokens: four bytes each", ads_llm_tokens(8) == 2 &&
	    ads_llm_tokens(9) == 3 && ads_llm_tokens(0) == 0);
	snprintf(msg, sizeof(msg), "bad key sk-abcdef123 and AIzaQQ, mine "
	    "KEY12345");
	ads_llm_redact(msg, "KEY12345");
	CHECK_STR("redact", msg, "bad key <key> and <key>, mine <key>");
}

int
main(int argc, char *argv[])
{
	(void)argc;
	ads_setprogname(argv[0]);
	choose();
	endpoint();
	bodies();
	schemas();
	answers();
	usage_prices();
	return unit_failed;
}
