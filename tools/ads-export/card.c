/*
 * card.c -- the dataset card: README.md whose YAML front matter is what
 * the Hugging Face Hub and datasets.load_dataset() read (configs with
 * data_files per split, license, task_categories, language,
 * size_categories, pretty_name), a human card below it, and
 * dataset_card.json with the same facts for programs.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "card.h"

/* Distinct values counted per counter before the rest go to "other". */
#define MAXKEYS 1000

/* Credentials the tools read (ads(7)); their values never reach a card. */
static const char *secretvars[] = {
	"ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GITHUB_TOKEN", "HF_TOKEN",
	"KAGGLE_KEY", "KAGGLE_USERNAME", "OPENAI_API_KEY",
	"OPENROUTER_API_KEY", "REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET",
	"YOUTUBE_API_KEY", NULL
};

/* Licenses the Hub knows by these ids (lowercased SPDX). */
static const char *hublicenses[] = {
	"afl-3.0", "agpl-3.0", "apache-2.0", "artistic-2.0", "bsd-2-clause",
	"bsd-3-clause", "bsl-1.0", "c-uda", "cc-by-2.0", "cc-by-2.5",
	"cc-by-3.0", "cc-by-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0",
	"cc-by-nc-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0",
	"cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
	"cc-by-nd-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "cc0-1.0",
	"cdla-permissive-1.0", "cdla-permissive-2.0", "cdla-sharing-1.0",
	"ecl-2.0", "epl-1.0", "epl-2.0", "eupl-1.1", "gpl-2.0", "gpl-3.0",
	"isc", "lgpl-2.1", "lgpl-3.0", "lppl-1.3c", "mit", "mpl-2.0",
	"odbl", "odc-by", "ofl-1.1", "osl-3.0", "pddl", "postgresql",
	"unlicense", "wtfpl", "zlib", NULL
};

/* Plan tasks (ads-plan(1)) as Hub task categories and task ids. */
static const struct {
	const char *task, *category, *id;
} tasks[] = {
	{ "sentiment-analysis", "text-classification",
	    "sentiment-classification" },
	{ "text-classification", "text-classification", NULL },
	{ "topic-classification", "text-classification",
	    "topic-classification" },
	{ "question-answering", "question-answering", NULL },
	{ "summarization", "summarization", NULL },
	{ "translation", "translation", NULL },
	{ "named-entity-recognition", "token-classification",
	    "named-entity-recognition" },
	{ "token-classification", "token-classification", NULL },
	{ "text-generation", "text-generation", NULL },
	{ "language-modeling", "text-generation", "language-modeling" },
	{ "pretraining", "text-generation", "language-modeling" },
	{ "retrieval", "text-retrieval", NULL },
	{ "text-retrieval", "text-retrieval", NULL },
	{ "instruction-tuning", "text-generation", NULL },
	{ "conversational", "text-generation", "dialogue-modeling" },
	{ "code-generation", "text-generation", NULL },
	{ NULL, NULL, NULL }
};

void
card_init(struct card *c)
{
	memset(c, 0, sizeof(*c));
	c->plan = jv_null();
	c->stages = jv_object();
	c->counts = JV_OBJECT(jv_string("sources"), jv_object(),
	    jv_string("licenses"), jv_object(),
	    jv_string("languages"), jv_object(),
	    jv_string("source_split"), jv_object(),
	    jv_string("source_license"), jv_object());
}

void
card_free(struct card *c)
{
	jv_free(c->plan);
	jv_free(c->stages);
	jv_free(c->counts);
	memset(c, 0, sizeof(*c));
}

/* secretkey -- 1 when an object key names a credential. */
static int
secretkey(const char *k)
{
	static const char *words[] = { "key", "token", "secret", "password",
	    "passwd", "authorization", "credential", "cookie", NULL };
	char low[64];
	size_t i;

	for (i = 0; i + 1 < sizeof(low) && k[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)k[i]);
	low[i] = '\0';
	for (i = 0; words[i] != NULL; i++)
		if (strstr(low, words[i]) != NULL)
			return 1;
	return 0;
}

/* scrubstr -- s with every credential value replaced. Consumes s. */
static jv
scrubstr(jv s)
{
	size_t i;

	for (i = 0; secretvars[i] != NULL; i++) {
		const char *val = ads_getenv_nonempty(secretvars[i]);
		const char *p, *hit;
		struct ads_buf b = ADS_BUF_INIT;

		if (val == NULL || strlen(val) < 4)
			continue;
		p = jv_string_value(s);
		if (strstr(p, val) == NULL)
			continue;
		while ((hit = strstr(p, val)) != NULL) {
			ads_buf_add(&b, p, (size_t)(hit - p));
			ads_buf_adds(&b, "[redacted]");
			p = hit + strlen(val);
		}
		ads_buf_adds(&b, p);
		jv_free(s);
		s = jv_string_sized(b.p, (int)b.len);
		ads_buf_free(&b);
	}
	return s;
}

jv
card_redact(jv v)
{
	jv out;
	int i, n;

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		return scrubstr(v);
	case JV_KIND_ARRAY:
		out = jv_array();
		n = jv_array_length(jv_copy(v));
		for (i = 0; i < n; i++)
			out = jv_array_append(out,
			    card_redact(jv_array_get(jv_copy(v), i)));
		jv_free(v);
		return out;
	case JV_KIND_OBJECT:
		out = jv_object();
		jv_object_foreach(v, k, x) {
			if (secretkey(jv_string_value(k))) {
				jv_free(k);
				jv_free(x);
				continue;
			}
			out = jv_object_set(out, k, card_redact(x));
		}
		jv_free(v);
		return out;
	default:
		return v;
	}
}

static jv
readjson(const char *path, int *err)
{
	struct ads_in *in;
	char *p;
	size_t n;
	jv v;

	*err = 0;
	in = ads_in_open(path);
	if (in == NULL) {
		ads_warn_errno("%s", path);
		*err = ADS_SYSTEM;
		return jv_invalid();
	}
	p = ads_in_slurp(in, 64UL * 1024 * 1024, &n);
	if (p == NULL) {
		ads_warn("%s: %s", path, ads_in_error(in));
		ads_in_close(in);
		*err = ADS_SYSTEM;
		return jv_invalid();
	}
	ads_in_close(in);
	v = ads_json_parse(p, n);
	free(p);
	return v;
}

int
card_load(struct card *c, const char *planpath, const char *statspath)
{
	struct ads_in *in;
	unsigned long line = 0;
	char *p;
	size_t n;
	int rc, err;

	if (planpath != NULL) {
		jv v = readjson(planpath, &err);

		if (err) {
			ads_raise(err);
			return -1;
		}
		if (jv_get_kind(v) != JV_KIND_OBJECT) {
			ads_warn("%s: not a JSON object", planpath);
			jv_free(v);
			ads_raise(ADS_USAGE);
			return -1;
		}
		jv_free(c->plan);
		c->plan = card_redact(v);
	}
	if (statspath == NULL)
		return 0;
	in = ads_in_open(statspath);
	if (in == NULL) {
		ads_warn_errno("%s", statspath);
		ads_raise(ADS_SYSTEM);
		return -1;
	}
	while ((rc = ads_in_getline(in, ads_maxline(), &p, &n, NULL)) != 0) {
		jv v, key;
		const char *tool, *src, *phase;

		line++;
		if (rc == ADS_IN_ERROR) {
			ads_locwarn(statspath, 0, "%s", ads_in_error(in));
			ads_in_close(in);
			ads_raise(ADS_SYSTEM);
			return -1;
		}
		if (rc == ADS_IN_TOOLONG || n == 0)
			continue;
		v = ads_json_parse(p, n);
		if (jv_get_kind(v) != JV_KIND_OBJECT) {
			ads_locwarn(statspath, line, "not a progress line");
			ads_raise(ADS_DATA);
			jv_free(v);
			continue;
		}
		tool = ads_json_str(v, "tool", NULL);
		phase = ads_json_str(v, "phase", NULL);
		src = ads_json_str(v, "source", NULL);
		if (tool == NULL || phase == NULL || strcmp(phase, "done")) {
			jv_free(v);
			continue;
		}
		key = src != NULL ? jv_string_fmt("%s:%s", tool, src) :
		    jv_string(tool);
		c->stages = jv_object_set(c->stages, key, card_redact(v));
	}
	ads_in_close(in);
	return 0;
}

/* bump -- obj[key] += 1, keys past MAXKEYS counted under "other". */
static jv
bump(jv obj, const char *key, size_t len)
{
	jv k = jv_string_sized(key, (int)len), cur;
	double d = 0;

	cur = jv_object_get(jv_copy(obj), jv_copy(k));
	if (jv_get_kind(cur) == JV_KIND_NUMBER)
		d = jv_number_value(cur);
	else if (jv_object_length(jv_copy(obj)) >= MAXKEYS) {
		jv_free(k);
		k = jv_string("other");
		jv_free(cur);
		cur = jv_object_get(jv_copy(obj), jv_copy(k));
		if (jv_get_kind(cur) == JV_KIND_NUMBER)
			d = jv_number_value(cur);
	}
	jv_free(cur);
	return jv_object_set(obj, k, jv_number(d + 1));
}

/* bump2 -- obj[a][b] += 1. */
static jv
bump2(jv obj, const char *a, size_t alen, const char *b)
{
	jv k = jv_string_sized(a, (int)alen), in;

	if (jv_object_length(jv_copy(obj)) >= MAXKEYS &&
	    !jv_object_has(jv_copy(obj), jv_copy(k))) {
		jv_free(k);
		k = jv_string("other");
	}
	in = jv_object_get(jv_copy(obj), jv_copy(k));
	if (jv_get_kind(in) != JV_KIND_OBJECT) {
		jv_free(in);
		in = jv_object();
	}
	in = bump(in, b, strlen(b));
	return jv_object_set(obj, k, in);
}

static jv
field(jv counts, const char *name)
{
	return jv_object_get(jv_copy(counts), jv_string(name));
}

void
card_count(struct card *c, jv rec, const char *split)
{
	const char *src, *lic, *lang;
	size_t sl = 0, ll = 0, gl = 0;

	src = ads_json_str(rec, "source", &sl);
	lic = ads_json_str(rec, "license", &ll);
	lang = ads_json_str(rec, "lang", &gl);
	card_count_fields(c, src, sl, lic, ll, lang, gl, split);
}

void
card_count_fields(struct card *c, const char *src, size_t sl,
    const char *lic, size_t ll, const char *lang, size_t gl,
    const char *split)
{
	char low[16];
	size_t i;
	jv k;

	c->total++;
	if (src == NULL) {
		src = "unknown";
		sl = 7;
	}
	if (lic == NULL) {
		lic = "unknown";
		ll = 7;
	}
	k = c->counts;
	c->counts = jv_null();
	k = jv_object_set(k, jv_string("sources"),
	    bump(field(k, "sources"), src, sl));
	k = jv_object_set(k, jv_string("licenses"),
	    bump(field(k, "licenses"), lic, ll));
	k = jv_object_set(k, jv_string("source_split"),
	    bump2(field(k, "source_split"), src, sl, split));
	{
		char *l = xstrndup(lic, ll);

		k = jv_object_set(k, jv_string("source_license"),
		    bump2(field(k, "source_license"), src, sl, l));
		free(l);
	}
	if (lang != NULL && gl > 0) {
		/* The primary language subtag, lowercased. */
		for (i = 0; i < gl && i + 1 < sizeof(low) && lang[i] != '-' &&
		    lang[i] != '_'; i++)
			low[i] = (char)tolower((unsigned char)lang[i]);
		k = jv_object_set(k, jv_string("languages"),
		    bump(field(k, "languages"), low, i));
	}
	c->counts = k;
}

/* md -- a table cell: no newlines, '|' escaped. */
static void
md(struct ads_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			ads_buf_adds(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			ads_buf_addc(b, ' ');
		else
			ads_buf_addc(b, *s);
	}
}

/* yq -- a YAML double-quoted scalar (JSON string syntax is valid YAML). */
static void
yq(struct ads_buf *b, const char *s)
{
	ads_json_emit_string(b, s, strlen(s));
}

static const char *
size_category(uint64_t n)
{
	if (n < 1000)
		return "n<1K";
	if (n < 10000)
		return "1K<n<10K";
	if (n < 100000)
		return "10K<n<100K";
	if (n < 1000000)
		return "100K<n<1M";
	if (n < 10000000)
		return "1M<n<10M";
	if (n < 100000000)
		return "10M<n<100M";
	if (n < 1000000000)
		return "100M<n<1B";
	return "n>1T";
}

/* hublicense -- the Hub id of SPDX id s, or NULL. */
static const char *
hublicense(const char *s)
{
	char low[64];
	size_t i;

	for (i = 0; i + 1 < sizeof(low) && s[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[i] = '\0';
	for (i = 0; hublicenses[i] != NULL; i++)
		if (strcmp(low, hublicenses[i]) == 0)
			return hublicenses[i];
	return NULL;
}

/* sorted_keys -- the keys of a counter object, by count, descending. */
static jv
sorted_keys(jv obj)
{
	jv keys = jv_keys(jv_copy(obj)), out = jv_array();
	int i, j, n = jv_array_length(jv_copy(keys));
	int *ord = xcalloc((size_t)n + 1, sizeof(int));
	double *cnt = xcalloc((size_t)n + 1, sizeof(double));

	for (i = 0; i < n; i++) {
		jv x = jv_object_get(jv_copy(obj), jv_array_get(jv_copy(keys),
		    i));

		cnt[i] = jv_get_kind(x) == JV_KIND_NUMBER ?
		    jv_number_value(x) : 0;
		jv_free(x);
		ord[i] = i;
	}
	/* Insertion sort: stable, so ties keep the key order. */
	for (i = 1; i < n; i++) {
		int t = ord[i];

		for (j = i; j > 0 && cnt[ord[j - 1]] < cnt[t]; j--)
			ord[j] = ord[j - 1];
		ord[j] = t;
	}
	for (i = 0; i < n; i++)
		out = jv_array_append(out, jv_array_get(jv_copy(keys), ord[i]));
	free(ord);
	free(cnt);
	jv_free(keys);
	jv_free(obj);
	return out;
}

static long long
num(jv obj, const char *key)
{
	double d;

	if (ads_json_num(obj, key, &d) < 0)
		return 0;
	return (long long)d;
}

static void
emit_json(struct ads_buf *b, jv v)
{
	ads_json_emit(b, v);
	jv_free(v);
}

/* front -- the YAML front matter.  Consumes splits and langs. */
static void
front(struct card *c, struct ads_buf *b, jv splits, jv langs,
    const char *name)
{
	jv lics = sorted_keys(field(c->counts, "licenses"));
	jv hub = jv_array();
	const char *task = NULL;
	int i, n, other = 0;

	ads_buf_adds(b, "---\npretty_name: ");
	yq(b, name);
	ads_buf_addc(b, '\n');
	n = jv_array_length(jv_copy(lics));
	for (i = 0; i < n; i++) {
		jv l = jv_array_get(jv_copy(lics), i);
		const char *h = hublicense(jv_string_value(l));

		if (h != NULL)
			hub = jv_array_append(hub, jv_string(h));
		else
			other = 1;
		jv_free(l);
	}
	if (other)
		hub = jv_array_append(hub, jv_string("other"));
	n = jv_array_length(jv_copy(hub));
	if (n == 1) {
		jv l = jv_array_get(jv_copy(hub), 0);

		ads_buf_adds(b, "license: ");
		ads_buf_adds(b, jv_string_value(l));
		ads_buf_addc(b, '\n');
		jv_free(l);
	} else if (n > 1) {
		ads_buf_adds(b, "license:\n");
		for (i = 0; i < n; i++) {
			jv l = jv_array_get(jv_copy(hub), i);

			ads_buf_addf(b, "- %s\n", jv_string_value(l));
			jv_free(l);
		}
	}
	jv_free(hub);
	jv_free(lics);
	n = jv_array_length(jv_copy(langs));
	if (n > 0) {
		ads_buf_adds(b, "language:\n");
		for (i = 0; i < n; i++) {
			jv l = jv_array_get(jv_copy(langs), i);

			ads_buf_adds(b, "- ");
			yq(b, jv_string_value(l));
			ads_buf_addc(b, '\n');
			jv_free(l);
		}
	}
	{
		jv t = ads_json_get(c->plan, "task");

		if (jv_get_kind(t) == JV_KIND_STRING) {
			for (i = 0; tasks[i].task != NULL; i++)
				if (strcmp(tasks[i].task,
				    jv_string_value(t)) == 0)
					break;
			if (tasks[i].task != NULL) {
				task = tasks[i].task;
				ads_buf_addf(b, "task_categories:\n- %s\n",
				    tasks[i].category);
				if (tasks[i].id != NULL)
					ads_buf_addf(b, "task_ids:\n- %s\n",
					    tasks[i].id);
			}
		}
		jv_free(t);
	}
	(void)task;
	ads_buf_addf(b, "size_categories:\n- %s\n",
	    size_category(c->total));
	ads_buf_adds(b, "tags:\n- ads\nconfigs:\n- config_name: default\n"
	    "  data_files:\n");
	jv_object_foreach(splits, k, v) {
		ads_buf_adds(b, "  - split: ");
		ads_buf_adds(b, jv_string_value(k));
		ads_buf_addf(b, "\n    path: data/%s-*\n", jv_string_value(k));
		jv_free(k);
		jv_free(v);
	}
	ads_buf_adds(b, "---\n\n");
	jv_free(splits);
	jv_free(langs);
}

/* languages -- plan languages first, then the records' by count. */
static jv
languages(struct card *c)
{
	jv out = jv_array(), pl = ads_json_get(c->plan, "languages"), rl;
	int i, j, n, m, dup;

	rl = sorted_keys(field(c->counts, "languages"));
	if (jv_get_kind(pl) != JV_KIND_ARRAY) {
		jv_free(pl);
		pl = jv_array();
	}
	pl = jv_array_concat(pl, rl);
	n = jv_array_length(jv_copy(pl));
	for (i = 0; i < n; i++) {
		jv l = jv_array_get(jv_copy(pl), i);

		if (jv_get_kind(l) != JV_KIND_STRING ||
		    jv_string_length_bytes(jv_copy(l)) == 0) {
			jv_free(l);
			continue;
		}
		m = jv_array_length(jv_copy(out));
		dup = 0;
		for (j = 0; j < m && !dup; j++)
			dup = jv_equal(jv_array_get(jv_copy(out), j),
			    jv_copy(l));
		if (dup)
			jv_free(l);
		else
			out = jv_array_append(out, l);
	}
	jv_free(pl);
	return out;
}

static int
writefile(const char *dir, const char *name, const struct ads_buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct ads_out *o = ads_out_open(path, ADS_OUT_PLAIN);
	int rc;

	if (o == NULL) {
		ads_warn_errno("%s", path);
		free(path);
		return -1;
	}
	ads_out_write(o, b->p, b->len);
	rc = ads_out_close(o);
	free(path);
	return rc;
}

/* stage_table -- the tools' final figures as a Markdown table. */
static void
stage_table(struct card *c, struct ads_buf *b)
{
	int any = 0;

	jv_object_foreach(c->stages, k, v) {
		jv d = ads_json_get(v, "dropped");

		if (!any)
			ads_buf_adds(b, "| stage | in | out | dropped |\n"
			    "|---|---:|---:|---|\n");
		any = 1;
		ads_buf_adds(b, "| ");
		md(b, jv_string_value(k));
		ads_buf_addf(b, " | %lld | %lld | ", num(v, "in"),
		    num(v, "out"));
		if (jv_get_kind(d) == JV_KIND_OBJECT &&
		    jv_object_length(jv_copy(d)) > 0) {
			int first = 1;

			jv_object_foreach(d, dk, dv) {
				ads_buf_addf(b, "%s%s: ", first ? "" : ", ",
				    jv_string_value(dk));
				ads_buf_add(b, "", 0);
				if (jv_get_kind(dv) == JV_KIND_NUMBER)
					ads_buf_addf(b, "%lld",
					    (long long)jv_number_value(dv));
				first = 0;
				jv_free(dk);
				jv_free(dv);
			}
		} else
			ads_buf_adds(b, "none");
		ads_buf_adds(b, " |\n");
		jv_free(d);
		jv_free(k);
		jv_free(v);
	}
	if (!any)
		ads_buf_adds(b, "No stage statistics were given "
		    "(ads-export -S).\n");
}

/* pii_totals -- the "pii" objects of every stage, summed. */
static jv
pii_totals(struct card *c)
{
	jv tot = jv_object();

	jv_object_foreach(c->stages, k, v) {
		jv p = ads_json_get(v, "pii");

		if (jv_get_kind(p) == JV_KIND_OBJECT) {
			jv_object_foreach(p, pk, pv) {
				jv cur = jv_object_get(jv_copy(tot),
				    jv_copy(pk));
				double d = jv_get_kind(cur) ==
				    JV_KIND_NUMBER ? jv_number_value(cur) : 0;

				if (jv_get_kind(pv) == JV_KIND_NUMBER)
					d += jv_number_value(pv);
				jv_free(cur);
				jv_free(pv);
				tot = jv_object_set(tot, pk, jv_number(d));
			}
		}
		jv_free(p);
		jv_free(k);
		jv_free(v);
	}
	return tot;
}

int
card_write(struct card *c, const char *dir, jv files, jv cols, jv splits)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv langs, card, srcs, pii, prompt, tools;
	char now[32];
	const char *name;
	const char *base;
	int i, n, rc;

	ads_now_rfc3339(now, sizeof(now));
	langs = languages(c);
	prompt = ads_json_get(c->plan, "prompt");
	base = strrchr(c->outdir, '/');
	base = base != NULL && base[1] != '\0' ? base + 1 : c->outdir;
	name = jv_get_kind(prompt) == JV_KIND_STRING ?
	    jv_string_value(prompt) : base;
	pii = pii_totals(c);

	/* dataset_card.json */
	tools = JV_OBJECT(jv_string("ads"), jv_string(ADS_VERSION_STRING));
	jv_object_foreach(c->stages, k, v) {
		const char *t = ads_json_str(v, "tool", NULL);
		jv ver = ads_json_get(v, "version");

		if (t != NULL)
			tools = jv_object_set(tools, jv_string(t),
			    jv_get_kind(ver) == JV_KIND_STRING ? ver :
			    (jv_free(ver), jv_string(ADS_VERSION_STRING)));
		else
			jv_free(ver);
		jv_free(k);
		jv_free(v);
	}
	tools = jv_object_set(tools, jv_string("ads-export"),
	    jv_string(ADS_VERSION_STRING));
	card = JV_OBJECT(jv_string("name"), jv_string(name),
	    jv_string("created"), jv_string(now),
	    jv_string("format"), jv_string(c->format),
	    jv_string("prompt"), jv_copy(prompt),
	    jv_string("plan"), jv_copy(c->plan),
	    jv_string("command"), c->command != NULL ?
	    scrubstr(jv_string(c->command)) : jv_null(),
	    jv_string("seed"), c->seed != NULL ? jv_string(c->seed) :
	    jv_null(),
	    jv_string("tools"), tools);
	card = jv_object_set(card, jv_string("counts"), JV_OBJECT(
	    jv_string("records"), jv_number((double)c->total),
	    jv_string("splits"), jv_copy(splits),
	    jv_string("sources"), field(c->counts, "sources"),
	    jv_string("source_split"), field(c->counts, "source_split"),
	    jv_string("licenses"), field(c->counts, "licenses"),
	    jv_string("source_license"), field(c->counts, "source_license"),
	    jv_string("languages"), field(c->counts, "languages")));
	card = jv_object_set(card, jv_string("pii"), jv_copy(pii));
	card = jv_object_set(card, jv_string("stages"), jv_copy(c->stages));
	card = jv_object_set(card, jv_string("columns"), jv_copy(cols));
	card = jv_object_set(card, jv_string("files"), jv_copy(files));
	emit_json(&b, card);
	ads_buf_addc(&b, '\n');
	rc = writefile(dir, "dataset_card.json", &b);
	ads_buf_reset(&b);

	/* README.md */
	front(c, &b, jv_copy(splits), jv_copy(langs), name);
	ads_buf_adds(&b, "# ");
	md(&b, name);
	ads_buf_adds(&b, "\n\n");
	if (jv_get_kind(prompt) == JV_KIND_STRING) {
		ads_buf_adds(&b, "Built by ads from the request:\n\n> ");
		md(&b, jv_string_value(prompt));
		ads_buf_adds(&b, "\n\n");
	}
	ads_buf_addf(&b, "%llu records in %s, created %s.\n\n",
	    (unsigned long long)c->total, c->format, now);

	ads_buf_adds(&b, "## Splits\n\n| split | records | files |\n"
	    "|---|---:|---|\n");
	jv_object_foreach(splits, k, v) {
		int first = 1;

		ads_buf_adds(&b, "| ");
		md(&b, jv_string_value(k));
		ads_buf_addf(&b, " | %lld | ", (long long)jv_number_value(v));
		n = jv_array_length(jv_copy(files));
		for (i = 0; i < n; i++) {
			jv f = jv_array_get(jv_copy(files), i);
			const char *s = ads_json_str(f, "split", NULL);

			if (s != NULL && strcmp(s, jv_string_value(k)) == 0) {
				ads_buf_addf(&b, "%s`%s`", first ? "" : ", ",
				    ads_json_str(f, "path", NULL));
				first = 0;
			}
			jv_free(f);
		}
		ads_buf_adds(&b, " |\n");
		jv_free(k);
		jv_free(v);
	}
	n = jv_array_length(jv_copy(cols));
	if (n > 0) {
		ads_buf_adds(&b, "\n## Columns\n\n| column | type |\n"
		    "|---|---|\n");
		for (i = 0; i < n; i++) {
			jv col = jv_array_get(jv_copy(cols), i);

			ads_buf_adds(&b, "| `");
			md(&b, ads_json_str(col, "name", NULL));
			ads_buf_addf(&b, "` | %s |\n",
			    ads_json_str(col, "type", NULL));
			jv_free(col);
		}
		ads_buf_adds(&b, "\nNumbers that are all integral are int64; "
		    "any fractional value makes the column double. Objects "
		    "and arrays are JSON text; a column whose values are of "
		    "several other kinds holds every value as JSON text. "
		    "Missing fields are nulls.\n");
	}

	ads_buf_adds(&b, "\n## Sources\n\n| source | records | licenses |"
	    " per split |\n|---|---:|---|---|\n");
	srcs = sorted_keys(field(c->counts, "sources"));
	n = jv_array_length(jv_copy(srcs));
	for (i = 0; i < n; i++) {
		jv s = jv_array_get(jv_copy(srcs), i), cnt, sl, ss;
		int first;

		cnt = jv_object_get(field(c->counts, "sources"), jv_copy(s));
		ads_buf_adds(&b, "| ");
		md(&b, jv_string_value(s));
		ads_buf_addf(&b, " | %lld | ", (long long)jv_number_value(cnt));
		jv_free(cnt);
		sl = jv_object_get(field(c->counts, "source_license"),
		    jv_copy(s));
		first = 1;
		jv_object_foreach(sl, lk, lv) {
			ads_buf_adds(&b, first ? "" : ", ");
			md(&b, jv_string_value(lk));
			ads_buf_addf(&b, " (%lld)",
			    (long long)jv_number_value(lv));
			first = 0;
			jv_free(lk);
			jv_free(lv);
		}
		jv_free(sl);
		ads_buf_adds(&b, " | ");
		ss = jv_object_get(field(c->counts, "source_split"), s);
		first = 1;
		jv_object_foreach(ss, sk, sv) {
			ads_buf_adds(&b, first ? "" : ", ");
			md(&b, jv_string_value(sk));
			ads_buf_addf(&b, " %lld",
			    (long long)jv_number_value(sv));
			first = 0;
			jv_free(sk);
			jv_free(sv);
		}
		jv_free(ss);
		ads_buf_adds(&b, " |\n");
	}
	jv_free(srcs);
	ads_buf_adds(&b, "\nEach record keeps the `license` of its source; "
	    "check it before reuse.\n");

	ads_buf_adds(&b, "\n## Processing\n\n");
	stage_table(c, &b);
	ads_buf_adds(&b, "\n### Personal data\n\n");
	if (jv_object_length(jv_copy(pii)) > 0) {
		ads_buf_adds(&b, "ads-scrub replaced personal data with "
		    "placeholders:\n\n| kind | replaced |\n|---|---:|\n");
		jv_object_foreach(pii, pk, pv) {
			ads_buf_adds(&b, "| ");
			md(&b, jv_string_value(pk));
			ads_buf_addf(&b, " | %lld |\n",
			    (long long)jv_number_value(pv));
			jv_free(pk);
			jv_free(pv);
		}
	} else
		ads_buf_adds(&b, "No replacements of personal data were "
		    "reported.\n");
	{
		jv q = ads_json_get(c->stages, "ads-score");

		if (jv_get_kind(q) == JV_KIND_OBJECT) {
			ads_buf_adds(&b, "\n### Quality\n\nads-score: `");
			emit_json(&b, jv_copy(q));
			ads_buf_adds(&b, "`\n");
		}
		jv_free(q);
		q = ads_json_get(c->stages, "ads-dedup");
		if (jv_get_kind(q) == JV_KIND_OBJECT) {
			ads_buf_adds(&b, "\n### Deduplication\n\nads-dedup: `");
			emit_json(&b, jv_copy(q));
			ads_buf_adds(&b, "`\n");
		}
		jv_free(q);
	}

	ads_buf_adds(&b, "\n## How it was made\n\n");
	ads_buf_addf(&b, "Made with ads %s on %s", ADS_VERSION_STRING, now);
	if (c->seed != NULL)
		ads_buf_addf(&b, ", seed %s", c->seed);
	ads_buf_adds(&b, ". ");
	if (c->command != NULL) {
		jv cmd = scrubstr(jv_string(c->command));

		ads_buf_adds(&b, "To remake it:\n\n```sh\n");
		ads_buf_adds(&b, jv_string_value(cmd));
		ads_buf_adds(&b, "\n```\n");
		jv_free(cmd);
	} else
		ads_buf_adds(&b, "\n");
	ads_buf_adds(&b, "\n## Loading\n\n```python\nfrom datasets import "
	    "load_dataset\nds = load_dataset(\"path/to/this/folder\")\n"
	    "```\n\n`dataset_card.json` holds these facts for programs.\n");
	if (rc == 0)
		rc = writefile(dir, "README.md", &b);
	ads_buf_free(&b);
	jv_free(langs);
	jv_free(prompt);
	jv_free(pii);
	jv_free(files);
	jv_free(cols);
	jv_free(splits);
	return rc;
}
