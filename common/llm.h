/*
 * llm.h -- the LLM client that ads-plan and ads-label share
 *
 * Providers: OpenAI, Anthropic, Gemini, OpenRouter, and any server that
 * speaks OpenAI's chat completions (llama.cpp, Ollama, vLLM) at
 * ADS_LLM_URL.  This file knows each provider's request body (with a
 * JSON schema for structured output: OpenAI's response_format, Gemini's
 * responseSchema, Anthropic's forced tool call), its endpoint and
 * credentials, how to read the answer object out of its reply, how to
 * classify a failure, and what a model costs.  The caller brings the
 * system instruction, the user text and the schema, and checks the
 * answer object against its own rules.
 *
 * Environment: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY,
 * OPENROUTER_API_KEY (the first set picks the provider), ADS_LLM_URL
 * (picked before them; ADS_LLM_KEY its optional key), ADS_LLM_MODEL
 * (the model), ADS_OPENAI_URL, ADS_ANTHROPIC_URL, ADS_GEMINI_URL,
 * ADS_OPENROUTER_URL (other base URLs), ADS_LLM_PRICE / ADS_PLAN_PRICE
 * ("in,out" dollars per million tokens) and ADS_LLM_PRICES /
 * ADS_PLAN_PRICES (a file of "model in out" lines).
 */
#ifndef ADS_LLM_H
#define ADS_LLM_H

#include <stddef.h>

#include <jv.h>

#include "http.h"

enum ads_llm_provider {
	ADS_LLM_OPENAI,
	ADS_LLM_ANTHROPIC,
	ADS_LLM_GEMINI,
	ADS_LLM_OPENROUTER,
	ADS_LLM_COMPAT,
	ADS_NLLM
};

/* "openai", "anthropic", "gemini", "openrouter", "llm" */
extern const char *const ads_llm_names[ADS_NLLM];
/* The environment variable of each provider's key. */
extern const char *const ads_llm_keyenv[ADS_NLLM];
/* The model used when neither -m NAME:MODEL nor ADS_LLM_MODEL says. */
extern const char *const ads_llm_defmodel[ADS_NLLM];

/* The date the built-in price table was checked. */
#define ADS_LLM_PRICE_DATE "2025-06"

/*
 * ads_llm_provider -- the provider named name ("openai", ... "llm"), or
 * -1.
 */
int ads_llm_provider(const char *name);

/*
 * ads_llm_choose -- the provider and model: from spec ("PROVIDER" or
 * "PROVIDER:MODEL"; NULL to read the environment: ADS_LLM_URL first,
 * then the first key set).  Returns the provider, or -1 when spec names
 * none of them (*model NULL; the caller decides what "keyword" or
 * "none" mean) or, without spec, when nothing is configured.  *model is
 * a new string: the spec's model, ADS_LLM_MODEL or the default.  A bad
 * model name exits ADS_USAGE; an unknown provider returns -2.
 */
int ads_llm_choose(const char *spec, char **model);

/* ads_llm_okmodel -- 1 when m is a plausible model name. */
int ads_llm_okmodel(const char *m);

/* What to ask: the caller's parts of a request. */
struct ads_llm_ask {
	const char	*system;	/* system instruction */
	const char	*prompt;	/* user message (always a JSON string) */
	const char	*name;		/* schema / tool name, "plan" */
	const char	*desc;		/* tool description (Anthropic) */
	jv		 schema;	/* JSON schema, borrowed */
	jv		 gschema;	/* the same in Gemini's dialect, borrowed */
	int		 max_tokens;	/* answer cap (Anthropic), 0: 1024 */
	double		 temperature;	/* 0 for the most likely answer */
};

/*
 * Schemas of answers, in JSON Schema as OpenAI takes it or, with gemini,
 * in Gemini's dialect (type names in capitals, the properties' order
 * as propertyOrdering, no additionalProperties).  Each returns a new
 * value.
 */
/* ads_llm_type -- {"type": t}. */
jv ads_llm_type(int gemini, const char *t);
/* ads_llm_object -- an object of props (consumed), each one required. */
jv ads_llm_object(int gemini, jv props);
/* ads_llm_array -- an array of items (a schema, consumed). */
jv ads_llm_array(int gemini, jv items);

/*
 * ads_llm_body -- the request body for provider p and model, as a new
 * jv object.
 */
jv ads_llm_body(int p, const char *model, const struct ads_llm_ask *a);

/*
 * An endpoint ready to be called: URL, headers and the credential
 * header (secret: never logged, never in a cache key).
 */
struct ads_llm_endpoint {
	int		 provider;
	char		*url;
	const char	*hdr[4];
	const char	*sec[2];
	char		*auth;
	const char	*key;		/* borrowed from the environment */
};

/*
 * ads_llm_endpoint -- fill e for provider p and model.  Returns 0, or
 * -1 when the provider's key is not set (e is then empty).
 */
int ads_llm_endpoint(struct ads_llm_endpoint *e, int p, const char *model);
/* The largest answer read, in bytes: a longer one is cut, and fails. */
#define ADS_LLM_MAXANSWER	(16UL * 1024 * 1024)

/*
 * ads_llm_request -- q set to POST body (len bytes) to e, reading at
 * most ADS_LLM_MAXANSWER bytes of the answer.
 */
void ads_llm_request(const struct ads_llm_endpoint *e,
    struct ads_http_req *q, const char *body, size_t len);
/* ads_llm_endpoint_free -- wipe the credential and free e's parts. */
void ads_llm_endpoint_free(struct ads_llm_endpoint *e);

/* One request of a batch: the endpoint and the body of ads_llm_body. */
struct ads_llm_call {
	const struct ads_llm_endpoint	*ep;
	const char			*body;
	size_t				 len;
};
/*
 * ads_llm_batch -- send the n calls, at most window at once (narrowed to
 * what the provider's rate-limit headers say is left, then widened
 * again), and give each answer, in order, to answer(arg, i, rc, resp),
 * rc -1 when no HTTP answer came; the answer is freed after.  After each
 * window the HTTP counters go to the progress file and, when not NULL,
 * step(arg, i) is called with the calls answered so far.  Exits like
 * ads_http_batch (ADS_SYSTEM when out of memory).
 */
void ads_llm_batch(struct ads_http *http, const struct ads_llm_call *c,
    size_t n, size_t window,
    void (*answer)(void *arg, size_t i, int rc,
    const struct ads_http_resp *r),
    void (*step)(void *arg, size_t done), void *arg);

/*
 * ads_llm_extract -- the JSON object a provider's answer body (n bytes)
 * carries as its content (JSON schema output, a tool call, or JSON in
 * text).  Returns a new reference, or an invalid jv whose message says
 * why (refusal, truncation, no content, not JSON, an error body).
 */
jv ads_llm_extract(int p, const char *body, size_t n);

/*
 * ads_llm_usage -- the input and output tokens a provider's answer says
 * it used; 0 when it says so, -1 when it does not say.
 */
int ads_llm_usage(int p, const char *body, size_t n, long *in, long *out);

/*
 * ads_llm_why -- a short reason for a failure: "transport error" (rc
 * -1), "HTTP error", "refused", "truncated" or "invalid answer"; msg is
 * the invalid answer's message (NULL when none).
 */
const char *ads_llm_why(int rc, long status, const char *msg);

/*
 * ads_llm_fail -- an invalid jv with a message made safe for one line:
 * control characters become spaces and it is cut at 160 bytes.
 */
jv ads_llm_fail(const char *what, const char *detail);

/*
 * ads_llm_fromtext -- the JSON object in a model's text: whole, inside
 * a ``` fence, or between the first '{' and the last '}'.
 */
jv ads_llm_fromtext(const char *s, size_t n);

/* ads_llm_redact -- replace the key and key-like words in msg by "<key>". */
void ads_llm_redact(char *msg, const char *key);

/*
 * ads_llm_stats -- extra with http's requests, cached and failed counts
 * set (the stage's progress line); st gets all of http's counters.
 */
jv ads_llm_stats(const struct ads_http *http, jv extra,
    struct ads_http_stats *st);

/*
 * ads_llm_price -- dollars per million input and output tokens of model
 * into *in, *out: ADS_LLM_PRICE / ADS_PLAN_PRICE, a line of the file
 * ADS_LLM_PRICES / ADS_PLAN_PRICES, 0 for a local server (ADS_LLM_URL),
 * then the built-in table.  Returns 1, or 0 when unknown.  *from, when
 * not NULL, is set to where the price came from ("ADS_PLAN_PRICE" or
 * ADS_LLM_PRICE_DATE).
 */
int ads_llm_price(int p, const char *model, double *in, double *out,
    const char **from);

/* ads_llm_tokens -- about how many tokens n bytes of text are. */
long ads_llm_tokens(size_t n);

#endif
