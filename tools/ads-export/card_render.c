/*
 * card_render.c -- the dataset card rendered from its facts
 * (card_facts.c): README.md whose YAML front matter is what the Hugging
 * Face Hub and datasets.load_dataset() read (configs with data_files
 * per split, license, task_categories, language, size_categories,
 * pretty_name, dataset_info), a human card below it, and LICENSE.md
 * when a license has no Hub id.  Every section reads the facts value
 * alone (dataset_card.json, which ads-export -C renders again), never
 * the counters behind it; card_check says whether a value read from a
 * file has what the sections read.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "card.h"

/* nv -- the value of number v (borrowed), 0 for anything else. */
static double
nv(jv v)
{
	return jv_get_kind(v) == JV_KIND_NUMBER ? jv_number_value(v) : 0;
}

/*
 * cnt -- a count read from the facts as a number that fits: 0 for a
 * negative one, a NaN or one too large (a card read with -C is anyone's).
 */
static long long
cnt(double d)
{
	return d >= 0 && d < 9e18 ? (long long)d : 0;
}

/* oget -- obj[key] when obj (borrowed) is an object, else invalid.
 * Consumes key. */
static jv
oget(jv obj, jv key)
{
	if (jv_get_kind(obj) != JV_KIND_OBJECT) {
		jv_free(key);
		return jv_invalid();
	}
	return jv_object_get(jv_copy(obj), key);
}

/* olen -- the members of obj (borrowed), 0 when it is no object. */
static int
olen(jv obj)
{
	return jv_get_kind(obj) == JV_KIND_OBJECT ?
	    jv_object_length(jv_copy(obj)) : 0;
}

/* fcounts -- the member key of the facts' counts (a new reference). */
static jv
fcounts(jv facts, const char *key)
{
	jv c = ads_json_get(facts, "counts"), v = ads_json_get(c, key);

	jv_free(c);
	return v;
}

/* fstage -- the facts' done line of tool (and source), or invalid. */
static jv
fstage(jv facts, const char *tool)
{
	jv v = ads_json_get2(facts, "stages", tool);

	if (jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return jv_invalid();
	}
	return v;
}

/* records -- the facts' counts.records. */
static unsigned long long
records(jv facts)
{
	jv c = ads_json_get(facts, "counts");
	unsigned long long n = (unsigned long long)cnt(num(c, "records"));

	jv_free(c);
	return n;
}

/* csv -- 1 when the facts' format is csv. */
static int
csv(jv facts)
{
	const char *f = ads_json_str(facts, "format", NULL);

	return f != NULL && strcmp(f, "csv") == 0;
}

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
	{ "code", "text-generation", NULL },
	{ "dialogue", "text-generation", "dialogue-modeling" },
	{ NULL, NULL, NULL }
};

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

/*
 * mdj -- append string s (a jv, borrowed) escaped for Markdown as md()
 * does; a NUL it holds is shown as a space.
 */
static void
mdj(struct ads_buf *b, jv s)
{
	size_t i, n = (size_t)jv_string_length_bytes(jv_copy(s));
	const char *p = jv_string_value(s);
	char *t = xmalloc(n + 1);

	for (i = 0; i < n; i++)
		t[i] = p[i] == '\0' ? ' ' : p[i];
	t[n] = '\0';
	md(b, t);
	free(t);
}

/* count_list -- "name count, name count" of the counts in obj. */
static void
count_list(struct ads_buf *b, jv obj)
{
	int first = 1;

	jv_object_foreach(obj, k, v) {
		ads_buf_adds(b, first ? "" : ", ");
		mdj(b, k);
		ads_buf_addf(b, " %llu", (unsigned long long)cnt(nv(v)));
		first = 0;
		jv_free(k);
		jv_free(v);
	}
}

/* yq -- a YAML double-quoted scalar (JSON string syntax is valid YAML). */
static void
yq(struct ads_buf *b, const char *s)
{
	ads_json_emit_string(b, s, strlen(s));
}

/* size_category -- the Hub's size_categories value for n records. */
static const char *
size_category(uint64_t n)
{
	static const struct {
		uint64_t	 below;
		const char	*name;
	} cats[] = {
		{ 1000ULL, "n<1K" }, { 10000ULL, "1K<n<10K" },
		{ 100000ULL, "10K<n<100K" }, { 1000000ULL, "100K<n<1M" },
		{ 10000000ULL, "1M<n<10M" }, { 100000000ULL, "10M<n<100M" },
		{ 1000000000ULL, "100M<n<1B" },
		{ 10000000000ULL, "1B<n<10B" },
		{ 100000000000ULL, "10B<n<100B" },
		{ 1000000000000ULL, "100B<n<1T" }
	};
	size_t i;

	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
		if (n < cats[i].below)
			return cats[i].name;
	return "n>1T";
}

/* hublicense -- the Hub id of SPDX id s, "unknown", or NULL. */
static const char *
hublicense(const char *s)
{
	static const struct {
		const char *spdx, *hub;
	} alias[] = {
		{ "bsd-3-clause-clear", "bsd-3-clause-clear" },
		{ "etalab-2.0", "etalab-2.0" }, { "eupl-1.2", "eupl-1.2" },
		{ "gfdl-1.3", "gfdl" }, { "gfdl-1.3-only", "gfdl" },
		{ "gfdl-1.3-or-later", "gfdl" },
		{ "gpl-2.0-only", "gpl-2.0" }, { "gpl-2.0-or-later", "gpl-2.0" },
		{ "gpl-3.0-only", "gpl-3.0" }, { "gpl-3.0-or-later", "gpl-3.0" },
		{ "agpl-3.0-only", "agpl-3.0" },
		{ "agpl-3.0-or-later", "agpl-3.0" },
		{ "lgpl-2.1-only", "lgpl-2.1" },
		{ "lgpl-2.1-or-later", "lgpl-2.1" },
		{ "lgpl-3.0-only", "lgpl-3.0" },
		{ "lgpl-3.0-or-later", "lgpl-3.0" },
		{ "ms-pl", "ms-pl" }, { "ncsa", "ncsa" },
		{ "odbl-1.0", "odbl" }, { "odc-by-1.0", "odc-by" },
		{ "pddl-1.0", "pddl" }, { "unknown", "unknown" },
		{ NULL, NULL }
	};
	char low[64];
	size_t i;

	for (i = 0; i + 1 < sizeof(low) && s[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[i] = '\0';
	for (i = 0; hublicenses[i] != NULL; i++)
		if (strcmp(low, hublicenses[i]) == 0)
			return hublicenses[i];
	for (i = 0; alias[i].spdx != NULL; i++)
		if (strcmp(low, alias[i].spdx) == 0)
			return alias[i].hub;
	return NULL;
}

/*
 * othername -- the license_name of the licenses without a Hub id (of
 * the facts' licenses lics, borrowed): the one such license as an id
 * (lower case, '-' for other characters), or "per-record" when there
 * are several.
 */
static void
othername(jv lics, struct ads_buf *b)
{
	jv one = jv_invalid();
	const char *s;
	size_t n = 0, start = b->len;
	int dash = 0;

	jv_object_foreach(lics, k, v) {
		if (hublicense(jv_string_value(k)) == NULL) {
			jv_free(one);
			one = jv_copy(k);
			n++;
		}
		jv_free(k);
		jv_free(v);
	}
	if (n == 1)
		for (s = jv_string_value(one); *s != '\0' &&
		    b->len - start < 64; s++) {
			char ch = (char)tolower((unsigned char)*s);

			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' &&
			    ch <= '9') || ch == '.') {
				ads_buf_addc(b, ch);
				dash = 0;
			} else if (!dash && b->len > start) {
				ads_buf_addc(b, '-');
				dash = 1;
			}
		}
	jv_free(one);
	while (b->len > start && b->p[b->len - 1] == '-')
		b->len--;
	/* A record's license "other" names nothing. */
	if (b->len - start == 5 && memcmp(b->p + start, "other", 5) == 0)
		b->len = start;
	if (b->len == start)
		ads_buf_adds(b, "per-record");
	b->p[b->len] = '\0';
}

/* yfeature -- one feature of the datasets library as card YAML. */
static void
yfeature(struct ads_buf *b, const char *name, jv t, int ind)
{
	const char *ty = ads_json_str(t, "_type", NULL);
	const char *dt = ads_json_str(t, "dtype", NULL);

	ads_buf_addf(b, "%*s- name: ", ind, "");
	yq(b, name);
	ads_buf_addc(b, '\n');
	if (ty != NULL && strcmp(ty, "Value") == 0 && dt != NULL) {
		ads_buf_addf(b, "%*s  dtype: ", ind, "");
		yq(b, dt);
		ads_buf_addc(b, '\n');
	} else if (ty != NULL && strcmp(ty, "ClassLabel") == 0) {
		jv names = ads_json_get(t, "names");

		ads_buf_addf(b, "%*s  dtype:\n%*s    class_label:\n"
		    "%*s      names:\n", ind, "", ind, "", ind, "");
		if (jv_get_kind(names) != JV_KIND_ARRAY) {
			jv_free(names);
			names = jv_array();
		}
		jv_array_foreach(names, i, l) {
			ads_buf_addf(b, "%*s        '%d': ", ind, "", i);
			yq(b, jv_get_kind(l) == JV_KIND_STRING ?
			    jv_string_value(l) : "");
			ads_buf_addc(b, '\n');
			jv_free(l);
		}
		jv_free(names);
	} else if (jv_get_kind(t) == JV_KIND_ARRAY ||
	    jv_get_kind(t) == JV_KIND_OBJECT) {
		/* A list of one struct, or a struct. */
		int list = jv_get_kind(t) == JV_KIND_ARRAY;
		jv s = list ? jv_array_get(jv_copy(t), 0) : jv_copy(t);

		ads_buf_addf(b, "%*s  %s:\n", ind, "", list ? "list" :
		    "struct");
		if (jv_get_kind(s) == JV_KIND_OBJECT) {
			jv_object_foreach(s, k, v) {
				yfeature(b, jv_string_value(k), v, ind + 2);
				jv_free(k);
				jv_free(v);
			}
		}
		jv_free(s);
	}
}

/*
 * dataset_info -- the card's dataset_info: the features (when the
 * schema is known), and per split its examples and bytes (the files'
 * sizes: the data as stored, not decoded in memory).
 */
static void
dataset_info(jv facts, struct ads_buf *b, jv splits, jv files)
{
	jv features = ads_json_get(facts, "features");
	uint64_t total = 0, bytes;

	ads_buf_adds(b, "dataset_info:\n");
	if (olen(features) > 0) {
		ads_buf_adds(b, "  features:\n");
		jv_object_foreach(features, k, v) {
			yfeature(b, jv_string_value(k), v, 2);
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(features);
	ads_buf_adds(b, "  splits:\n");
	jv_object_foreach(splits, k, v) {
		bytes = 0;
		jv_array_foreach(files, i, f) {
			const char *sp = ads_json_str(f, "split", NULL);

			if (sp != NULL && strcmp(sp, jv_string_value(k)) == 0)
				bytes += (uint64_t)cnt(num(f, "bytes"));
			jv_free(f);
		}
		total += bytes;
		ads_buf_adds(b, "  - name: ");
		ads_buf_adds(b, jv_string_value(k));
		ads_buf_addf(b, "\n    num_bytes: %llu\n    num_examples: "
		    "%lld\n", (unsigned long long)bytes,
		    cnt(nv(v)));
		jv_free(k);
		jv_free(v);
	}
	ads_buf_addf(b, "  download_size: %llu\n  dataset_size: %llu\n",
	    (unsigned long long)total, (unsigned long long)total);
}

/*
 * licensefile -- LICENSE.md, the card's license_link: the licenses the
 * Hub has no id for, with their records and sources (the facts'
 * licenses and license_source).
 */
static int
licensefile(jv facts, const char *dir)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv lics = fcounts(facts, "licenses");
	jv bylic = fcounts(facts, "license_source");
	int rc;

	ads_buf_adds(&b, "# Licenses\n\nEach record of this dataset keeps "
	    "the license of its source in its `license` field; that license "
	    "applies to the record.  Records under licenses with a Hugging "
	    "Face Hub id are listed as such in README.md.  These records are "
	    "under terms the Hub has no id for, such as a site's terms of "
	    "service; read them at the source before reuse.\n\n"
	    "| license | records | sources |\n|---|---:|---|\n");
	jv_object_foreach(lics, k, n) {
		jv srcs = oget(bylic, jv_copy(k));
		int first = 1;

		if (hublicense(jv_string_value(k)) == NULL) {
			ads_buf_adds(&b, "| ");
			mdj(&b, k);
			ads_buf_addf(&b, " | %llu | ",
			    (unsigned long long)cnt(nv(n)));
			if (jv_get_kind(srcs) == JV_KIND_OBJECT) {
				jv_object_foreach(srcs, sk, sv) {
					if (!first)
						ads_buf_adds(&b, ", ");
					mdj(&b, sk);
					first = 0;
					jv_free(sk);
					jv_free(sv);
				}
			}
			ads_buf_adds(&b, " |\n");
		}
		jv_free(srcs);
		jv_free(k);
		jv_free(n);
	}
	jv_free(lics);
	jv_free(bylic);
	rc = card_file(dir, "LICENSE.md", &b);
	ads_buf_free(&b);
	return rc;
}

/*
 * langmatch -- 1 when language tag a and the records' subtag k (a jv
 * string, borrowed) have the same primary subtag.
 */
static int
langmatch(const char *a, jv k)
{
	const char *s = jv_string_value(k);
	size_t len = (size_t)jv_string_length_bytes(jv_copy(k));
	size_t al = strcspn(a, "-_"), tl;

	for (tl = 0; tl < len && s[tl] != '-' && s[tl] != '_'; tl++)
		;
	return al == tl && strncasecmp(a, s, al) == 0;
}

/*
 * languages -- the card's languages: the plan's languages that some
 * record is in (all of them when no record has a language), then the
 * records' primary subtags by count (the facts' counts.languages).
 */
static jv
languages(jv facts)
{
	jv pl = ads_json_get2(facts, "plan", "languages"), out = jv_array();
	jv rl = fcounts(facts, "languages");

	if (jv_get_kind(pl) != JV_KIND_ARRAY) {
		jv_free(pl);
		pl = jv_array();
	}
	/*
	 * A language the plan asked for is the dataset's only when some
	 * row is in it (by its primary subtag): the card describes the
	 * rows, not the request.
	 */
	if (olen(rl) > 0) {
		jv kept = jv_array();

		jv_array_foreach(pl, pi, pv) {
			int found = 0;

			if (jv_get_kind(pv) == JV_KIND_STRING) {
				jv_object_foreach(rl, rk, rv) {
					found |= langmatch(jv_string_value(pv),
					    rk);
					jv_free(rk);
					jv_free(rv);
				}
			}
			if (found)
				kept = jv_array_append(kept, jv_copy(pv));
			jv_free(pv);
		}
		jv_free(pl);
		pl = kept;
		jv_object_foreach(rl, rk, rv) {
			pl = jv_array_append(pl, rk);
			jv_free(rv);
		}
	}
	jv_free(rl);
	jv_array_foreach(pl, i, l) {
		int dup = 0;

		if (jv_get_kind(l) != JV_KIND_STRING ||
		    !langcode(jv_string_value(l))) {
			jv_free(l);
			continue;
		}
		jv_array_foreach(out, j, o)
			dup |= jv_equal(o, jv_copy(l));
		if (dup)
			jv_free(l);
		else
			out = jv_array_append(out, l);
	}
	jv_free(pl);
	return out;
}

/*
 * front_licenses -- the YAML's license, license_name and license_link;
 * returns 1 when a license has no Hub id (LICENSE.md lists them).
 */
static int
front_licenses(jv facts, struct ads_buf *b)
{
	jv lics = fcounts(facts, "licenses"), hub = jv_array();
	int other = 0, unknown = 0;

	/* Licenses as Hub ids, by records; the rest are "other". */
	jv_object_foreach(lics, k, v) {
		const char *h = hublicense(jv_string_value(k));
		int dup = 0;

		jv_free(k);
		jv_free(v);
		if (h == NULL || strcmp(h, "unknown") == 0) {
			if (h == NULL)
				other = 1;
			else
				unknown = 1;
			continue;
		}
		jv_array_foreach(hub, hi, hl)
			dup |= jv_equal(hl, jv_string(h));
		if (!dup)
			hub = jv_array_append(hub, jv_string(h));
	}
	if (other)
		hub = jv_array_append(hub, jv_string("other"));
	if (unknown)
		hub = jv_array_append(hub, jv_string("unknown"));
	if (jv_array_length(jv_copy(hub)) > 0) {
		ads_buf_adds(b, "license:\n");
		jv_array_foreach(hub, hi, l) {
			ads_buf_addf(b, "- %s\n", jv_string_value(l));
			jv_free(l);
		}
	}
	jv_free(hub);
	if (other) {
		ads_buf_adds(b, "license_name: ");
		othername(lics, b);
		ads_buf_adds(b, "\nlicense_link: LICENSE.md\n");
	}
	jv_free(lics);
	return other;
}

/* front_task -- the YAML's task_categories and task_ids. */
static void
front_task(jv facts, struct ads_buf *b)
{
	jv plan = ads_json_get(facts, "plan");
	const char *t = ads_json_str(plan, "task", NULL), *tid;
	int i;

	if (t == NULL) {
		jv_free(plan);
		return;
	}
	for (i = 0; tasks[i].task != NULL; i++)
		if (strcmp(tasks[i].task, t) == 0)
			break;
	if (tasks[i].task != NULL) {
		/* A version 2 plan names its subtask. */
		tid = ads_json_str(plan, "task_id", NULL);
		if (tid == NULL || *tid == '\0' ||
		    strspn(tid, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(tid))
			tid = tasks[i].id;
		ads_buf_addf(b, "task_categories:\n- %s\n", tasks[i].category);
		if (tid != NULL)
			ads_buf_addf(b, "task_ids:\n- %s\n", tid);
	}
	jv_free(plan);
}

/*
 * front -- the YAML front matter.  Consumes splits and langs; borrows
 * files.  Returns 1 when a license has no Hub id.
 */
static int
front(jv facts, struct ads_buf *b, jv splits, jv langs, jv files)
{
	long long lk, ln;
	int other;
	jv lb;

	ads_buf_adds(b, "---\npretty_name: ");
	yq(b, ads_json_str(facts, "name", NULL));
	ads_buf_addc(b, '\n');
	other = front_licenses(facts, b);
	if (jv_array_length(jv_copy(langs)) > 0) {
		ads_buf_adds(b, "language:\n");
		jv_array_foreach(langs, li, l) {
			ads_buf_adds(b, "- ");
			yq(b, jv_string_value(l));
			ads_buf_addc(b, '\n');
			jv_free(l);
		}
	}
	front_task(facts, b);
	ads_buf_addf(b, "size_categories:\n- %s\n",
	    size_category(records(facts)));
	/* Without a labelling object both counts are 0. */
	lb = ads_json_get(facts, "labelling");
	lk = cnt(num(lb, "labelled"));
	ln = cnt(num(lb, "rows"));
	if (jv_get_kind(lb) == JV_KIND_OBJECT)
		ads_buf_addf(b, "# %lld of %lld rows labelled%s\n", lk, ln,
		    lk < ln ? ": see the card and dataset_card.json labelling" :
		    "");
	ads_buf_adds(b, "tags:\n- ads\n");
	if (lk < ln)
		ads_buf_adds(b, lk == 0 ? "- unlabelled\n" :
		    "- partly-labelled\n");
	jv_free(lb);
	ads_buf_adds(b, "configs:\n- config_name: default\n"
	    "  data_files:\n");
	jv_object_foreach(splits, k2, v) {
		ads_buf_adds(b, "  - split: ");
		ads_buf_adds(b, jv_string_value(k2));
		ads_buf_addf(b, "\n    path: data/%s-*\n", jv_string_value(k2));
		jv_free(k2);
		jv_free(v);
	}
	dataset_info(facts, b, splits, files);
	ads_buf_adds(b, "---\n\n");
	jv_free(splits);
	jv_free(langs);
	return other;
}

int
card_file(const char *dir, const char *name, const struct ads_buf *b)
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

/*
 * reasons -- append "n reason, ..." for the counts of object d
 * (borrowed), with the words of names where given; returns the total.
 */
static long long
reasons(struct ads_buf *b, jv d, const char *const *names)
{
	long long tot = 0, n;
	int first = 1, i;

	if (jv_get_kind(d) != JV_KIND_OBJECT)
		return 0;
	jv_object_foreach(d, k, v) {
		const char *key = jv_string_value(k), *word = key;

		n = jv_get_kind(v) == JV_KIND_NUMBER ?
		    cnt(jv_number_value(v)) : 0;
		for (i = 0; names != NULL && names[i] != NULL; i += 2)
			if (strcmp(names[i], key) == 0)
				word = names[i + 1];
		if (n > 0) {
			ads_buf_addf(b, "%s%lld ", first ? "" : ", ", n);
			md(b, word);
			first = 0;
			tot += n;
		}
		jv_free(k);
		jv_free(v);
	}
	return tot;
}

/* The stages in pipeline order; any other ranks after them. */
static const char *const stage_order[] = { "ads-plan", "ads-fetch-",
    "ads-scrub", "ads-synth", "ads-dedup", "ads-label", "ads-score",
    "ads-fit", "ads-split", NULL };
#define NSTAGERANK	((int)(sizeof(stage_order) / sizeof(stage_order[0])))

/* stage_rank -- the pipeline position of a stage key, for sorting. */
static int
stage_rank(const char *k)
{
	const char *const *order = stage_order;
	int i;

	for (i = 0; order[i] != NULL; i++)
		if (strncmp(k, order[i], strlen(order[i])) == 0)
			return i;
	return i;
}

/* stage_keys -- the keys of the facts' stages in pipeline order. */
static jv
stage_keys(jv facts)
{
	jv stages = ads_json_get(facts, "stages");
	jv keys = jv_array(), out = jv_array();
	int r;

	if (jv_get_kind(stages) == JV_KIND_OBJECT) {
		jv_object_foreach(stages, k, v) {
			keys = jv_array_append(keys, k);
			jv_free(v);
		}
	}
	jv_free(stages);
	for (r = 0; r < NSTAGERANK; r++)
		jv_array_foreach(keys, i, k) {
			/* The driver's own line is the delivery section's. */
			if (strcmp(jv_string_value(k), "ads") == 0)
				jv_free(k);
			else if (stage_rank(jv_string_value(k)) == r)
				out = jv_array_append(out, k);
			else
				jv_free(k);
		}
	jv_free(keys);
	return out;
}

/*
 * splitobj -- "train 3, validation 1" from the counts of object obj
 * (borrowed), its keys in the order of the object order first.
 */
static void
splitobj(struct ads_buf *b, jv order, jv obj)
{
	int first = 1, pass;

	if (jv_get_kind(obj) != JV_KIND_OBJECT) {
		ads_buf_adds(b, "none");
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		jv t = pass == 0 ? order : obj;

		jv_object_foreach(t, k, v) {
			jv n = jv_object_get(jv_copy(obj), jv_copy(k));
			int known = jv_object_has(jv_copy(order), jv_copy(k));

			if ((pass == 0 || !known) &&
			    jv_get_kind(n) == JV_KIND_NUMBER) {
				ads_buf_adds(b, first ? "" : ", ");
				md(b, jv_string_value(k));
				ads_buf_addf(b, " %lld",
				    cnt(jv_number_value(n)));
				first = 0;
			}
			jv_free(n);
			jv_free(k);
			jv_free(v);
		}
	}
	if (first)
		ads_buf_adds(b, "none");
}

/* what_fetch -- what a fetcher did, from its done line v (borrowed). */
static void
what_fetch(struct ads_buf *b, jv v)
{
	static const char *const names[] = { "duplicate",
	    "results already fetched", "no_text", "without text", NULL };
	jv d = ads_json_get(v, "dropped");
	struct ads_buf r = ADS_BUF_INIT;

	ads_buf_addf(b, "%lld records fetched", num(v, "out"));
	/* Its requests are those of every round, as in the summary. */
	if (num(v, "rounds") > 1)
		ads_buf_addf(b, " in the last of %lld rounds", num(v, "rounds"));
	if (ads_json_has(v, "requests")) {
		ads_buf_addf(b, num(v, "rounds") > 1 ? "; %lld requests over "
		    "the rounds" : " in %lld requests", num(v, "requests"));
		if (num(v, "cached") > 0)
			ads_buf_addf(b, " (%lld from the cache)",
			    num(v, "cached"));
		if (num(v, "failed") > 0)
			ads_buf_addf(b, ", %lld failed", num(v, "failed"));
	}
	if (reasons(&r, d, names) > 0)
		ads_buf_addf(b, "; skipped: %s", r.p);
	ads_buf_free(&r);
	jv_free(d);
}

/* what_did -- the "what happened" cell of stage key k, line v. */
static void
what_did(struct ads_buf *b, const char *k, jv v, jv splits)
{
	jv d = ads_json_get(v, "dropped");
	struct ads_buf r = ADS_BUF_INIT;
	long long n;
	double q;

	if (strncmp(k, "ads-fetch-", 10) == 0)
		what_fetch(b, v);
	else if (strcmp(k, "ads-plan") == 0) {
		const char *p = ads_json_str(v, "planner", NULL);

		ads_buf_adds(b, "planned the search");
		if (p != NULL) {
			ads_buf_adds(b, " with the ");
			md(b, p);
			ads_buf_adds(b, " planner");
		}
	} else if (strcmp(k, "ads-scrub") == 0) {
		jv p = ads_json_get(v, "pii");

		n = cnt(num(v, "with_pii"));
		if (reasons(&r, p, NULL) > 0) {
			ads_buf_adds(b, "personal data replaced");
			if (n > 0)
				ads_buf_addf(b, " in %lld %s", n,
				    n == 1 ? "record" : "records");
			ads_buf_addf(b, ": %s", r.p);
		} else
			ads_buf_adds(b, "no personal data found");
		ads_buf_reset(&r);
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "; dropped: %s", r.p);
		jv_free(p);
	} else if (strcmp(k, "ads-synth") == 0) {
		const char *model = ads_json_str(v, "model", NULL);

		ads_buf_addf(b, "%lld rows the sources hold kept", num(v,
		    "kept"));
		if (model != NULL) {
			ads_buf_addf(b, "; %lld rows made by `", num(v,
			    "made"));
			md(b, model);
			ads_buf_addf(b, "` from %lld passages", num(v,
			    "passages"));
		} else if (num(v, "passages") > 0)
			ads_buf_addf(b, "; no LLM: %lld passages gave no rows",
			    num(v, "passages"));
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "; left out: %s", r.p);
	} else if (strcmp(k, "ads-dedup") == 0) {
		n = num(v, "in") - num(v, "out");
		if (n > 0) {
			ads_buf_addf(b, "%lld duplicates removed", n);
			if (reasons(&r, d, NULL) > 0)
				ads_buf_addf(b, ": %s", r.p);
		} else
			ads_buf_adds(b, "no duplicates found");
	} else if (strcmp(k, "ads-split") == 0) {
		jv sp = ads_json_get(v, "splits");
		jv seed = ads_json_get(v, "seed");

		ads_buf_adds(b, "split into ");
		splitobj(b, splits, sp);
		if (ads_json_has(v, "seed")) {
			ads_buf_adds(b, " (seed ");
			ads_json_emit(b, seed);
			ads_buf_adds(b, ")");
		}
		jv_free(sp);
		jv_free(seed);
	} else {
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "dropped: %s", r.p);
		else
			ads_buf_adds(b, "nothing dropped");
		if (strcmp(k, "ads-score") == 0 &&
		    ads_json_num(v, "quality_mean", &q) == 0)
			ads_buf_addf(b, "; mean quality %.3f", q);
	}
	ads_buf_free(&r);
	jv_free(d);
}

/* stage_table -- what each stage did, in pipeline order. */
static void
stage_table(jv facts, struct ads_buf *b, jv splits)
{
	jv keys = stage_keys(facts);

	if (jv_array_length(jv_copy(keys)) == 0) {
		ads_buf_adds(b, "No stage statistics were given "
		    "(ads-export -S).\n");
		jv_free(keys);
		return;
	}
	ads_buf_adds(b, "The records went through these steps, in order.\n\n"
	    "| step | records in | records out | what happened |\n"
	    "|---|---:|---:|---|\n");
	jv_array_foreach(keys, i, k) {
		const char *ks = jv_string_value(k), *colon;
		jv v = fstage(facts, ks);
		int fetch = strncmp(ks, "ads-fetch-", 10) == 0;
		int plan = strcmp(ks, "ads-plan") == 0;
		const char *tool = ads_json_str(v, "tool", NULL);

		colon = strchr(ks, ':');
		ads_buf_adds(b, "| ");
		if (fetch) {
			ads_buf_adds(b, "fetch ");
			md(b, colon != NULL ? colon + 1 : ks + 10);
		} else
			md(b, strncmp(ks, "ads-", 4) == 0 ? ks + 4 : ks);
		ads_buf_adds(b, " (`");
		md(b, tool != NULL ? tool : ks);
		ads_buf_adds(b, "`) | ");
		/*
		 * A fetcher's "in" is its own output, the planner's figures
		 * count the plan: neither is shown.
		 */
		if (!fetch && !plan && ads_json_has(v, "in"))
			ads_buf_addf(b, "%lld", num(v, "in"));
		ads_buf_adds(b, " | ");
		if (!plan && ads_json_has(v, "out"))
			ads_buf_addf(b, "%lld", num(v, "out"));
		ads_buf_adds(b, " | ");
		what_did(b, ks, v, splits);
		ads_buf_adds(b, " |\n");
		jv_free(v);
		jv_free(k);
	}
	jv_free(keys);
}

/* piitable -- the replacements per kind of pii (borrowed), as a table. */
static void
piitable(struct ads_buf *b, jv pii)
{
	ads_buf_adds(b, "| kind | replaced |\n|---|---:|\n");
	jv_object_foreach(pii, pk, pv) {
		ads_buf_adds(b, "| ");
		md(b, jv_string_value(pk));
		ads_buf_addf(b, " | %lld |\n", cnt(jv_number_value(pv)));
		jv_free(pk);
		jv_free(pv);
	}
}

/*
 * pii_section -- what ads-scrub found, and what the records carry
 * (the facts' pii_in_records).
 */
static void
pii_section(jv facts, struct ads_buf *b, jv pii)
{
	jv sc = fstage(facts, "ads-scrub");
	jv inrec = ads_json_get(facts, "pii_in_records");
	jv kinds = ads_json_get(inrec, "kinds");
	long long d;

	ads_buf_adds(b, "\n### Personal data\n\n");
	if (jv_is_valid(sc)) {
		ads_buf_addf(b, "ads-scrub checked %lld records", num(sc, "in"));
		if (olen(pii) > 0) {
			ads_buf_adds(b, " and replaced personal data with "
			    "placeholders");
			if (num(sc, "with_pii") > 0)
				ads_buf_addf(b, " in %lld of them",
				    num(sc, "with_pii"));
			ads_buf_adds(b, ":\n\n");
			piitable(b, pii);
		} else
			ads_buf_adds(b, " and found no personal data to "
			    "replace.\n");
		d = num(sc, "in") - num(sc, "out");
		if (d > 0)
			ads_buf_addf(b, "\nIt dropped %lld records that held "
			    "personal data.\n", d);
	} else if (olen(pii) > 0) {
		ads_buf_adds(b, "Personal data was replaced with placeholders:"
		    "\n\n");
		piitable(b, pii);
	} else if (olen(kinds) == 0)
		ads_buf_adds(b, "No scrubbing of personal data was recorded "
		    "for these records (ads-scrub did not run, or its "
		    "statistics were not given): they may hold personal "
		    "data.\n");
	if (olen(kinds) > 0) {
		ads_buf_addf(b, "\nIn this dataset %llu records carry "
		    "replacements (the `pii` column counts them per kind): ",
		    (unsigned long long)cnt(num(inrec, "records")));
		count_list(b, kinds);
		ads_buf_adds(b, ".\n");
	}
	jv_free(kinds);
	jv_free(inrec);
	jv_free(sc);
}

/*
 * quality_section -- ads-score's filter and the scores of the records
 * (the facts' quality), and their languages.
 */
static void
quality_section(jv facts, struct ads_buf *b)
{
	static const char *const names[] = { "quality",
	    "quality below the minimum", "lang", "not in the languages asked",
	    "short", "too short", "long", "too long", NULL };
	static const char *fifths[] = { "0.0 to 0.2", "0.2 to 0.4",
	    "0.4 to 0.6", "0.6 to 0.8", "0.8 to 1.0" };
	jv sc = fstage(facts, "ads-score");
	jv q = ads_json_get(facts, "quality"), langs;
	struct ads_buf r = ADS_BUF_INIT;
	double mean = 0, lo = 0, hi = 0;
	int i;

	ads_buf_adds(b, "\n### Quality\n\n");
	if (jv_is_valid(sc)) {
		jv d = ads_json_get(sc, "dropped");

		ads_buf_addf(b, "ads-score scored %lld records and kept %lld",
		    num(sc, "in"), num(sc, "out"));
		if (reasons(&r, d, names) > 0)
			ads_buf_addf(b, "; it dropped %s", r.p);
		ads_buf_adds(b, ".\n");
		jv_free(d);
	}
	if (jv_get_kind(q) == JV_KIND_OBJECT) {
		jv h = ads_json_get(q, "by_fifth");

		ads_json_num(q, "mean", &mean);
		ads_json_num(q, "min", &lo);
		ads_json_num(q, "max", &hi);
		ads_buf_addf(b, "%sQuality scores of the records in this "
		    "dataset (0 to 1, higher is better): mean %.3f, lowest "
		    "%.3f, highest %.3f.\n\n| quality | records |\n"
		    "|---|---:|\n", jv_is_valid(sc) ? "\n" : "", mean, lo, hi);
		for (i = 0; i < 5; i++) {
			jv n = jv_get_kind(h) == JV_KIND_ARRAY ?
			    jv_array_get(jv_copy(h), i) : jv_invalid();

			ads_buf_addf(b, "| %s | %llu |\n", fifths[i],
			    (unsigned long long)cnt(nv(n)));
			jv_free(n);
		}
		jv_free(h);
	} else if (!jv_is_valid(sc))
		ads_buf_adds(b, "No quality scores were recorded.\n");
	langs = fcounts(facts, "languages");
	if (olen(langs) > 0) {
		ads_buf_adds(b, "\nLanguages of the records: ");
		count_list(b, langs);
		if (records(facts) > 0)
			ads_buf_addf(b, " (of %llu records)", records(facts));
		ads_buf_adds(b, ".\n");
	}
	jv_free(langs);
	jv_free(q);
	ads_buf_free(&r);
	jv_free(sc);
}

/* dedup_section -- the duplicates removed. */
static void
dedup_section(jv facts, struct ads_buf *b)
{
	jv dd = fstage(facts, "ads-dedup");
	jv stages = ads_json_get(facts, "stages");
	long long fdup = 0, e, n;

	if (jv_get_kind(stages) == JV_KIND_OBJECT) {
		jv_object_foreach(stages, k, v) {
			if (strncmp(jv_string_value(k), "ads-fetch-", 10) ==
			    0) {
				jv d = ads_json_get(v, "dropped");

				fdup += cnt(num(d, "duplicate"));
				jv_free(d);
			}
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(stages);
	ads_buf_adds(b, "\n### Deduplication\n\n");
	if (jv_is_valid(dd)) {
		jv d = ads_json_get(dd, "dropped");

		e = num(d, "exact");
		n = num(d, "near");
		if (num(dd, "in") > num(dd, "out"))
			ads_buf_addf(b, "ads-dedup read %lld records and "
			    "removed %lld: %lld exact %s (the same text) and "
			    "%lld near %s (nearly the same text); %lld "
			    "records were kept.\n", num(dd, "in"),
			    num(dd, "in") - num(dd, "out"), e,
			    e == 1 ? "copy" : "copies", n,
			    n == 1 ? "duplicate" : "duplicates",
			    num(dd, "out"));
		else
			ads_buf_addf(b, "ads-dedup read %lld records and "
			    "found no duplicates.\n", num(dd, "in"));
		jv_free(d);
	} else
		ads_buf_adds(b, "No deduplication was recorded.\n");
	if (fdup > 0)
		ads_buf_addf(b, "\nBefore that, the fetchers skipped %lld "
		    "results they had already fetched (the same item found "
		    "by several queries).\n", fdup);
	jv_free(dd);
}

/* colmeaning -- what a record field holds (ads-record(5)), or NULL. */
static const char *
colmeaning(const char *name)
{
	static const char *m[] = {
	    "id", "stable id: source and the source's own id",
	    "source", "where the record comes from",
	    "text", "the text, plain, no markup",
	    "title", "title of the page, post, video or dataset",
	    "url", "where to see the original",
	    "lang", "language (BCP 47)",
	    "license", "license of the record (SPDX id where one exists)",
	    "created", "when it was published (RFC 3339)",
	    "retrieved", "when it was fetched (RFC 3339)",
	    "query", "the search query that found it",
	    "label", "the source's own label, where it has one",
	    "meta", "facts particular to the source (JSON)",
	    "pii", "personal data replaced, per kind (ads-scrub)",
	    "dup_of", "the record it duplicates (ads-dedup)",
	    "quality", "quality score, 0 to 1 (ads-score)",
	    "signals", "the signals behind the score (JSON)",
	    "split", "train, validation or test (ads-split)",
	    "question", "a question the context answers",
	    "context", "the passage the answer comes from",
	    "answer", "the answer",
	    "document", "the text summarized",
	    "summary", "its summary",
	    "translation", "the same text in each language (one field a "
	    "language)",
	    "messages", "the dialogue: a list of {role, content}",
	    "prompt", "the request",
	    "code", "the code that answers it",
	    "context_id", "the record the row was made from: rows of one "
	    "record share a split",
	    NULL };
	int i;

	for (i = 0; m[i] != NULL; i += 2)
		if (strcmp(m[i], name) == 0)
			return m[i + 1];
	return NULL;
}

/*
 * label_origins_section -- the card's table of labels per source and
 * origin (the facts' labels_by_source): who gave each source's labels,
 * and how many of each.
 */
static void
label_origins_section(jv facts, struct ads_buf *b)
{
	jv o = fcounts(facts, "labels_by_source");
	double n;

	if (olen(o) == 0) {
		jv_free(o);
		return;
	}
	ads_buf_adds(b, "\n### Labels by source\n\nWho gave each source's "
	    "labels (the prefix of `label_source`: `source` the dataset "
	    "itself, `llm` a language model, `classifier` a classifier, "
	    "`none` nobody) and how many records carry each label.\n\n"
	    "| source | labelled by | records | labels |\n"
	    "|---|---|---:|---|\n");
	jv_object_foreach(o, sk, sv) {
		jv_object_foreach(sv, gk, gv) {
			struct ads_buf l = ADS_BUF_INIT;

			n = 0;
			jv_object_foreach(gv, lk, lv) {
				n += nv(lv);
				if (l.len > 0)
					ads_buf_adds(&l, ", ");
				ads_buf_addf(&l, "%s %.0f", jv_string_value(lk),
				    nv(lv));
				jv_free(lk);
				jv_free(lv);
			}
			ads_buf_adds(b, "| ");
			md(b, jv_string_value(sk));
			ads_buf_adds(b, " | ");
			md(b, jv_string_value(gk));
			ads_buf_addf(b, " | %.0f | ", n);
			md(b, l.p != NULL ? l.p : "");
			ads_buf_adds(b, " |\n");
			ads_buf_free(&l);
			jv_free(gk);
			jv_free(gv);
		}
		jv_free(sk);
		jv_free(sv);
	}
	jv_free(o);
}

/*
 * task_section -- for a task of pairs: its columns, where its rows
 * came from, and whether it needed an LLM that was not there.
 */
static void
task_section(jv facts, struct ads_buf *b)
{
	jv plan = ads_json_get(facts, "plan");
	enum ads_task t = ads_task_of(plan);
	const char *const *col;
	jv sy;

	jv_free(plan);
	if (!ads_task_paired(t))
		return;
	ads_buf_adds(b, "\n## Task\n\n");
	md(b, ads_task_name(t));
	ads_buf_adds(b, ": each row has the columns");
	for (col = ads_task_columns(t); *col != NULL; col++)
		ads_buf_addf(b, "%s `%s`", col == ads_task_columns(t) ? "" :
		    col[1] == NULL ? " and" : ",", *col);
	ads_buf_adds(b, ", and `context_id`, the record it was made from. "
	    "`text` holds the row's main passage. ");
	sy = fstage(facts, "ads-synth");
	if (!jv_is_valid(sy)) {
		ads_buf_adds(b, "No generation step ran: the rows are the "
		    "pairs the sources hold (`meta.pair` says which).\n");
		jv_free(sy);
		return;
	}
	ads_buf_addf(b, "%lld rows are pairs the sources hold (`meta.pair` "
	    "says which), ", num(sy, "kept"));
	if (ads_json_str(sy, "model", NULL) != NULL) {
		ads_buf_addf(b, "%lld were made by the LLM `", num(sy, "made"));
		md(b, ads_json_str(sy, "model", NULL));
		ads_buf_addf(b, "` from %lld passages and checked against "
		    "them (`meta.synth`; see ads-synth(1)).\n",
		    num(sy, "passages"));
	} else {
		ads_buf_adds(b, "none were generated.\n");
		if (num(sy, "passages") > 0) {
			ads_buf_adds(b, "\nThis task needed an LLM for "
			    "more rows: none was configured, so ");
			ads_buf_addf(b, "%lld passages collected gave no "
			    "rows. Set an LLM key (see ads(1)) to generate "
			    "them.\n", num(sy, "passages"));
		}
	}
	jv_free(sy);
}

/*
 * count_row -- a table row: the name, its count in each split of
 * splits (from per, by split name) and its total.
 */
static void
count_row(struct ads_buf *b, jv name, jv per, jv splits, jv total)
{
	ads_buf_adds(b, "| ");
	mdj(b, name);
	ads_buf_adds(b, " |");
	jv_object_foreach(splits, sk, sv) {
		jv n = oget(per, sk);

		ads_buf_addf(b, " %llu |", (unsigned long long)cnt(nv(n)));
		jv_free(n);
		jv_free(sv);
	}
	ads_buf_addf(b, " %llu |\n", (unsigned long long)cnt(nv(total)));
}

/* split_header -- a table's head: first, a column per split, then all. */
static void
split_header(struct ads_buf *b, const char *first, jv splits)
{
	ads_buf_adds(b, first);
	jv_object_foreach(splits, sk, sv) {
		ads_buf_adds(b, " ");
		md(b, jv_string_value(sk));
		ads_buf_adds(b, " |");
		jv_free(sk);
		jv_free(sv);
	}
	ads_buf_adds(b, " all |\n|---|");
	jv_object_foreach(splits, sk, sv) {
		ads_buf_adds(b, "---:|");
		jv_free(sk);
		jv_free(sv);
	}
	ads_buf_adds(b, "---:|\n");
}

/*
 * labels_section -- records per label and split (the facts'
 * label_totals and labels).
 */
static void
labels_section(jv facts, struct ads_buf *b, jv splits)
{
	jv tot = fcounts(facts, "label_totals");
	jv bysplit = fcounts(facts, "labels");
	jv stages = ads_json_get(facts, "stages");
	unsigned long long rest = 0, total = records(facts);
	int shown = 0, nlabels = olen(tot);

	if (nlabels == 0)
		goto out;
	ads_buf_adds(b, "\n## Labels\n\n");
	jv_object_foreach(tot, k, v) {
		rest += (unsigned long long)cnt(nv(v));
		jv_free(k);
		jv_free(v);
	}
	if (rest < total && ads_json_has(stages, "ads-label"))
		ads_buf_addf(b, "%llu of the %llu records have a label; the "
		    "others have none (see below why).\n\n", rest, total);
	else if (rest < total)
		ads_buf_addf(b, "%llu of the %llu records carry the label "
		    "their source gave them; the others have none.\n\n",
		    rest, total);
	rest = 0;
	split_header(b, "| label |", splits);
	jv_object_foreach(tot, k, v) {
		jv per = oget(bysplit, jv_copy(k));

		if (shown == 50)
			rest += (unsigned long long)cnt(nv(v));
		else {
			shown++;
			count_row(b, k, per, splits, v);
		}
		jv_free(per);
		jv_free(k);
		jv_free(v);
	}
	if (rest > 0)
		ads_buf_addf(b, "\n%d more labels hold %llu records "
		    "(dataset_card.json has them all).\n", nlabels - shown,
		    rest);
out:
	jv_free(tot);
	jv_free(bysplit);
	jv_free(stages);
}

/* truthy -- obj[key] is true. */
static int
truthy(jv obj, const char *key)
{
	jv v = ads_json_get(obj, key);
	int r = jv_get_kind(v) == JV_KIND_TRUE;

	jv_free(v);
	return r;
}

/* usd -- a dollar amount, or "unknown" for null. */
static void
usd(struct ads_buf *b, jv obj, const char *key)
{
	double d;

	if (ads_json_num(obj, key, &d) == 0)
		ads_buf_addf(b, "$%.4f", d);
	else
		ads_buf_adds(b, "unknown");
}

/*
 * label_source_table -- records per label source and split (the facts'
 * label_source_totals and label_sources).
 */
static void
label_source_table(jv facts, struct ads_buf *b, jv splits)
{
	jv tot = fcounts(facts, "label_source_totals");
	jv bysplit = fcounts(facts, "label_sources");

	if (olen(tot) > 0) {
		split_header(b, "\n| label source |", splits);
		jv_object_foreach(tot, k, v) {
			jv per = oget(bysplit, jv_copy(k));

			count_row(b, k, per, splits, v);
			jv_free(per);
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(tot);
	jv_free(bysplit);
}

/* label_model -- the LLM that labelled: model, estimate, cost, prompt. */
static void
label_model(struct ads_buf *b, jv st)
{
	jv e, x;
	const char *model, *prompt;
	double d;

	model = ads_json_str(st, "model", NULL);
	if (model != NULL) {
		ads_buf_adds(b, "\nModel: `");
		md(b, model);
		ads_buf_adds(b, "`");
		if (ads_json_num(st, "votes", &d) == 0 && d > 1)
			ads_buf_addf(b, ", %.0f votes a record (the score is "
			    "the share that agree)", d);
		ads_buf_adds(b, ".\n");
		e = ads_json_get(st, "estimate");
		if (jv_get_kind(e) == JV_KIND_OBJECT) {
			ads_buf_addf(b, "Estimate: %lld requests, about %lld "
			    "input and %lld output tokens, ",
			    num(e, "requests"), num(e, "input"),
			    num(e, "output"));
			usd(b, e, "cost_usd");
			ads_buf_adds(b, ".\n");
		}
		jv_free(e);
		x = ads_json_get(st, "cost");
		if (jv_get_kind(x) == JV_KIND_OBJECT) {
			ads_buf_addf(b, "Cost: %lld input and %lld output "
			    "tokens as the provider counted them (answers "
			    "from the cache cost nothing), ",
			    num(x, "input"), num(x, "output"));
			usd(b, x, "usd");
			ads_buf_adds(b, ".\n");
		}
		jv_free(x);
		prompt = ads_json_str(st, "prompt_template", NULL);
		if (prompt != NULL) {
			ads_buf_adds(b, "\nThe prompt (the texts follow it in "
			    "the user message, one JSON object a line):\n\n"
			    "```text\n");
			ads_buf_adds(b, prompt);
			ads_buf_adds(b, "\n```\n");
		}
	}
}

/* label_classifier -- the classifiers trained on source or LLM labels. */
static void
label_classifier(struct ads_buf *b, jv st)
{
	jv cl, di;
	double d, v;

	cl = ads_json_get(st, "classifier");
	if (jv_get_kind(cl) == JV_KIND_OBJECT) {
		ads_buf_addf(b, "\nWithout an LLM, a naive Bayes classifier "
		    "was trained on %lld records labelled by their source",
		    num(cl, "records"));
		if (ads_json_num(cl, "cv_accuracy", &d) == 0 &&
		    ads_json_num(cl, "majority", &v) == 0)
			ads_buf_addf(b, "; its 5-fold cross-validated accuracy "
			    "is %.3f, against %.3f for always answering the "
			    "largest label", d, v);
		d = 0;
		ads_json_num(cl, "bar", &d);
		ads_buf_addf(b, ". %s (bar %.2f).\n", truthy(cl, "used") ? "It labelled "
		    "the other records" : "It labelled nothing", d);
	}
	jv_free(cl);
	di = ads_json_get(st, "distil");
	if (jv_get_kind(di) == JV_KIND_OBJECT) {
		ads_buf_addf(b, "\nThe LLM labelled a sample of %lld records; "
		    "a classifier trained on four fifths of them agreed with "
		    "it on ", num(di, "sample"));
		d = 0;
		ads_json_num(di, "agreement", &d);
		ads_buf_addf(b, "%.3f of the %lld held out", d,
		    num(di, "held_out"));
		d = 0;
		ads_json_num(di, "bar", &d);
		ads_buf_addf(b, ". %s (bar %.2f).\n", truthy(di, "used") ? "It labelled "
		    "the other records" : "It labelled nothing", d);
	}
	jv_free(di);
}

/*
 * label_stage_section -- how ads-label labelled the records: counts per
 * label source and label (as labelled, before the quality filter and
 * the split), the model and its prompt, the estimate and the cost, and
 * the classifier's accuracy.
 */
static void
label_stage_section(jv facts, struct ads_buf *b, jv splits)
{
	jv st = fstage(facts, "ads-label"), srcs;

	label_source_table(facts, b, splits);
	srcs = ads_json_get(st, "label_sources");
	if (olen(srcs) == 0) {
		jv_free(srcs);
		jv_free(st);
		return;
	}
	ads_buf_adds(b, "\n### How the records were labelled\n\n"
	    "By `ads-label`, before the quality filter and the split. "
	    "`source` labels came with the records, `llm` labels from the "
	    "model below, `classifier` labels from a classifier trained on "
	    "source or LLM labels; `none` records have no label, for the "
	    "reason given.\n\n| label source | label | records |\n"
	    "|---|---|---:|\n");
	jv_object_foreach(srcs, k, per) {
		if (jv_get_kind(per) == JV_KIND_OBJECT) {
			jv_object_foreach(per, l, n) {
				ads_buf_adds(b, "| ");
				md(b, jv_string_value(k));
				ads_buf_adds(b, " | ");
				md(b, jv_string_value(l));
				ads_buf_addf(b, " | %lld |\n",
				    cnt(nv(n)));
				jv_free(l);
				jv_free(n);
			}
		}
		jv_free(k);
		jv_free(per);
	}
	label_model(b, st);
	label_classifier(b, st);
	jv_free(srcs);
	jv_free(st);
}

/* delivery_section -- the rows asked and delivered (the facts' delivery). */
static void
delivery_section(jv facts, struct ads_buf *b, jv dj)
{
	static const char *const fitnames[] = { "relevance",
	    "not about the plan's subject (relevance)", NULL };
	jv src = ads_json_get(dj, "sources"), dl = ads_json_get(dj,
	    "dropped_language"), fit = ads_json_get(dj, "dropped_fit");
	jv per = ads_json_get(dj, "rows_per_language");
	jv tr = ads_json_get(dj, "target_rows");
	jv kept = ads_json_get(dj, "languages_kept");
	jv rows = fcounts(facts, "sources");
	struct ads_buf r = ADS_BUF_INIT;
	long long asked = cnt(num(dj, "target_rows")), n;
	unsigned long long total = records(facts);

	ads_buf_adds(b, "\n### Rows asked and delivered\n\n");
	if (jv_get_kind(tr) == JV_KIND_NUMBER)
		ads_buf_addf(b, "%lld rows were asked for and %llu delivered"
		    "%s.\n", asked, total,
		    (long long)total < asked ? " (a shortfall)" : "");
	else
		ads_buf_addf(b, "%llu rows were delivered; no number was "
		    "asked for.\n", total);
	if (jv_get_kind(src) == JV_KIND_OBJECT) {
		ads_buf_adds(b, "\n| source | records asked | fetched | "
		    "rows | why it stopped |\n|---|---:|---:|---:|---|\n");
		jv_object_foreach(src, k, v) {
			const char *ks = jv_string_value(k);
			const char *st = ads_json_str(v, "stopped", NULL);
			jv got = oget(rows, jv_string(ks));

			ads_buf_adds(b, "| ");
			md(b, ks);
			ads_buf_addf(b, " | %lld | %lld | %llu | ",
			    num(v, "asked"), num(v, "fetched"),
			    (unsigned long long)cnt(nv(got)));
			md(b, st != NULL ? st : "unknown");
			ads_buf_adds(b, " |\n");
			jv_free(got);
			jv_free(k);
			jv_free(v);
		}
	}
	n = cnt(num(dl, "records"));
	if (n > 0) {
		jv l = ads_json_get(dl, "languages");

		ads_buf_addf(b, "\n%lld records were dropped for their "
		    "language, as the language identifier of ads-score "
		    "named it", n);
		if (reasons(&r, l, NULL) > 0)
			ads_buf_addf(b, ": %s", r.p);
		ads_buf_adds(b, ".\n");
		jv_free(l);
	} else if (jv_get_kind(kept) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(kept)) > 0)
		ads_buf_adds(b, "\nNo record was dropped for its "
		    "language.\n");
	ads_buf_reset(&r);
	if (jv_get_kind(fit) == JV_KIND_OBJECT) {
		if (reasons(&r, fit, fitnames) > 0)
			ads_buf_addf(b, "\nads-fit dropped records that do "
			    "not fit the task or subject: %s (ads-fit(1): "
			    "form:NAME is a form the task does not take).\n",
			    r.p);
		else
			ads_buf_adds(b, "\nEvery record fit the task and "
			    "subject.\n");
	}
	if (jv_get_kind(per) == JV_KIND_OBJECT) {
		ads_buf_adds(b, "\nThe plan asks for several languages; a "
		    "fair share is the rows divided evenly among them.\n\n"
		    "| language | rows | fair share |\n|---|---:|---:|\n");
		jv_object_foreach(per, k, v) {
			ads_buf_adds(b, "| ");
			md(b, jv_string_value(k));
			ads_buf_addf(b, " | %lld | %lld |\n", num(v, "rows"),
			    num(v, "fair_share"));
			jv_free(k);
			jv_free(v);
		}
	}
	ads_buf_free(&r);
	jv_free(rows);
	jv_free(tr);
	jv_free(kept);
	jv_free(src);
	jv_free(dl);
	jv_free(fit);
	jv_free(per);
}

/*
 * labelled_line -- "K of N rows labelled (KIND n, ...)" from the facts'
 * labelling object lb (borrowed), then why the rest are not and what
 * to do; bold when some rows are not labelled.
 */
static void
labelled_line(struct ads_buf *b, jv lb)
{
	long long n = cnt(num(lb, "rows")), k = cnt(num(lb, "labelled"));
	jv by = ads_json_get(lb, "by"), none = ads_json_get(lb, "unlabelled");
	jv why = ads_json_get(lb, "why");
	const char *todo = ads_json_str(lb, "todo", NULL);
	int first = 1, head = 1;

	ads_buf_addf(b, "%s%lld of %lld rows labelled%s", k < n ? "**" : "",
	    k, n, k < n ? "**" : "");
	jv_object_foreach(by, bk, bv) {
		ads_buf_adds(b, first ? " (`" : ", `");
		mdj(b, bk);
		ads_buf_addf(b, "` %lld", cnt(jv_number_value(bv)));
		first = 0;
		jv_free(bk);
		jv_free(bv);
	}
	jv_object_foreach(none, nk, nv) {
		ads_buf_adds(b, first ? " (unlabelled: `" : head ?
		    ", unlabelled: `" : ", `");
		mdj(b, nk);
		ads_buf_addf(b, "` %lld", cnt(jv_number_value(nv)));
		first = head = 0;
		jv_free(nk);
		jv_free(nv);
	}
	ads_buf_adds(b, first ? "" : ")");
	first = 1;
	jv_array_foreach(why, wi, wv) {
		ads_buf_adds(b, first ? ": " : "; ");
		md(b, jv_string_value(wv));
		first = 0;
		jv_free(wv);
	}
	ads_buf_adds(b, ".");
	if (todo != NULL) {
		ads_buf_adds(b, " To label them: ");
		md(b, todo);
		ads_buf_adds(b, ".");
	}
	jv_free(by);
	jv_free(none);
	jv_free(why);
}

/* readme_intro -- the title, the request and the counts. */
static void
readme_intro(jv facts, struct ads_buf *b)
{
	const char *name = ads_json_str(facts, "name", NULL);
	const char *prompt = ads_json_str(facts, "prompt", NULL);
	const char *cells = ads_json_str(facts, "csv_formula_cells", NULL);
	jv splits = fcounts(facts, "splits"), srcs = fcounts(facts, "sources");
	jv lb;

	ads_buf_adds(b, "# ");
	md(b, name);
	ads_buf_adds(b, "\n\n");
	if (prompt != NULL) {
		ads_buf_adds(b, "Built by ads from the request:\n\n> ");
		md(b, prompt);
		ads_buf_adds(b, "\n\n");
	}
	ads_buf_addf(b, "%llu records in %d splits from %d sources, as "
	    "%s files, created %s.\n\n", records(facts), olen(splits),
	    olen(srcs), ads_json_str(facts, "format", NULL),
	    ads_json_str(facts, "created", NULL));
	jv_free(splits);
	jv_free(srcs);
	lb = ads_json_get(facts, "labelling");
	if (jv_get_kind(lb) == JV_KIND_OBJECT) {
		/* A task of labels says first how many rows have one. */
		ads_buf_adds(b, num(lb, "labelled") < num(lb, "rows") ?
		    "> " : "");
		labelled_line(b, lb);
		ads_buf_adds(b, "\n\n");
	}
	jv_free(lb);
	if (csv(facts) && (cells == NULL || strcmp(cells, "raw") != 0))
		ads_buf_adds(b, "Text cells that began with `=`, `+`, `-`, "
		    "`@`, a tab or a carriage return, which a spreadsheet "
		    "would run as a formula, start with an added `'` "
		    "(OWASP, CSV Injection): drop it to get the text as it "
		    "was.\n\n");
	else if (csv(facts))
		ads_buf_adds(b, "Text cells are written as they are: one "
		    "that begins with `=`, `+`, `-` or `@` may run as a "
		    "formula when the file is opened in a spreadsheet.\n\n");
}

/* splits_section -- records and files per split. */
static void
splits_section(struct ads_buf *b, jv splits, jv files)
{
	ads_buf_adds(b, "## Splits\n\n| split | records | files |\n"
	    "|---|---:|---|\n");
	jv_object_foreach(splits, k2, v) {
		int first = 1;

		ads_buf_adds(b, "| ");
		md(b, jv_string_value(k2));
		ads_buf_addf(b, " | %lld | ", cnt(jv_number_value(v)));
		jv_array_foreach(files, i, f) {
			const char *s = ads_json_str(f, "split", NULL);
			const char *p = ads_json_str(f, "path", NULL);

			if (s != NULL && p != NULL &&
			    strcmp(s, jv_string_value(k2)) == 0) {
				ads_buf_addf(b, "%s`%s`", first ? "" : ", ", p);
				first = 0;
			}
			jv_free(f);
		}
		ads_buf_adds(b, " |\n");
		jv_free(k2);
		jv_free(v);
	}
}

/* columns_section -- every column's type and meaning. */
static void
columns_section(jv facts, struct ads_buf *b, jv cols)
{
	int ts = 0, cl = 0;

	if (jv_array_length(jv_copy(cols)) == 0)
		return;
	ads_buf_adds(b, "\n## Columns\n\n| column | type | meaning |\n"
	    "|---|---|---|\n");
	jv_array_foreach(cols, i, col) {
		const char *cn = ads_json_str(col, "name", NULL);
		const char *t = ads_json_str(col, "type", NULL);
		const char *m = cn != NULL ? colmeaning(cn) : NULL;

		ads_buf_adds(b, "| `");
		md(b, cn != NULL ? cn : "");
		ads_buf_addf(b, "` | %s | %s |\n", t != NULL ? t : "",
		    m != NULL ? m : "");
		ts |= t != NULL && strcmp(t, "timestamp") == 0;
		cl |= t != NULL && strcmp(t, "class_label") == 0;
		jv_free(col);
	}
	ads_buf_adds(b, "\nNumbers that are all integral are int64; "
	    "any fractional value makes the column double. Objects "
	    "and arrays (json) are JSON text; a column whose values "
	    "are of several other kinds (mixed) holds every value as "
	    "JSON text. Missing fields are nulls.");
	if (ts)
		ads_buf_adds(b, csv(facts) ?
		    " Times (timestamp) are RFC 3339 in UTC with "
		    "microseconds." : " Times (timestamp) are "
		    "UTC, to the microsecond.");
	if (cl)
		ads_buf_adds(b, csv(facts) ?
		    " Labels (class_label) are names of the "
		    "plan's label set; the features above give "
		    "each its ClassLabel integer." :
		    " Labels (class_label) are the index of the "
		    "name in the plan's label set, as in the "
		    "features above, and -1 for none.");
	ads_buf_addc(b, '\n');
}

/*
 * sources_section -- records, licenses and splits per source, from the
 * facts' counts (sources, source_license, source_split, licenses).
 */
static void
sources_section(struct ads_buf *b, jv counts)
{
	jv srcs = ads_json_get(counts, "sources");
	jv bylic = ads_json_get(counts, "source_license");
	jv bysplit = ads_json_get(counts, "source_split");
	jv lics = ads_json_get(counts, "licenses");
	jv noorder = jv_object();
	struct ads_buf names = ADS_BUF_INIT;
	long long unk = 0, other = 0;

	ads_buf_adds(b, "\n## Sources\n\n| source | records | licenses |"
	    " per split |\n|---|---:|---|---|\n");
	jv_object_foreach(srcs, k, n) {
		jv l = oget(bylic, jv_copy(k)), sp = oget(bysplit, jv_copy(k));
		int first = 1;

		if (jv_get_kind(l) != JV_KIND_OBJECT) {
			jv_free(l);
			l = jv_object();
		}
		ads_buf_adds(b, "| ");
		mdj(b, k);
		ads_buf_addf(b, " | %llu | ", (unsigned long long)
		    cnt(jv_number_value(n)));
		jv_object_foreach(l, lk, ln) {
			ads_buf_adds(b, first ? "" : ", ");
			mdj(b, lk);
			ads_buf_addf(b, " (%llu)", (unsigned long long)
			    cnt(jv_number_value(ln)));
			first = 0;
			jv_free(lk);
			jv_free(ln);
		}
		ads_buf_adds(b, " | ");
		splitobj(b, noorder, sp);
		ads_buf_adds(b, " |\n");
		jv_free(l);
		jv_free(sp);
		jv_free(k);
		jv_free(n);
	}
	ads_buf_adds(b, "\nEach record keeps the `license` of its source; "
	    "check it before reuse.");
	jv_object_foreach(lics, k, n) {
		if (strcmp(jv_string_value(k), "unknown") == 0)
			unk = cnt(jv_number_value(n));
		if (hublicense(jv_string_value(k)) == NULL) {
			other += cnt(jv_number_value(n));
			ads_buf_adds(&names, names.len > 0 ? ", " : "");
			mdj(&names, k);
		}
		jv_free(k);
		jv_free(n);
	}
	if (unk > 0)
		ads_buf_addf(b, " %lld records have no license "
		    "information (`unknown`): their source's terms "
		    "apply.", unk);
	/* Name the licenses as the table shows them; `other` is the YAML's. */
	if (other > 0)
		ads_buf_addf(b, " %lld records are under terms the "
		    "Hub has no id for (%s above, such as a site's terms of "
		    "service): the YAML says `license: other`, and LICENSE.md "
		    "lists them.", other, names.p);
	ads_buf_free(&names);
	ads_buf_adds(b, "\n");
	jv_free(srcs);
	jv_free(bylic);
	jv_free(bysplit);
	jv_free(lics);
	jv_free(noorder);
}

/*
 * made_section -- how it was made (the version of ads the facts' tools
 * name), and how to load it.
 */
static void
made_section(struct ads_buf *b, jv facts)
{
	const char *seed = ads_json_str(facts, "seed", NULL);
	const char *cmd = ads_json_str(facts, "command", NULL);
	jv tools = ads_json_get(facts, "tools");
	const char *ver = ads_json_str(tools, "ads", NULL);

	ads_buf_adds(b, "\n## How it was made\n\n");
	ads_buf_addf(b, "Made with ads %s on %s", ver != NULL ? ver :
	    "(unknown version)", ads_json_str(facts, "created", NULL));
	jv_free(tools);
	if (seed != NULL)
		ads_buf_addf(b, ", seed %s", seed);
	ads_buf_adds(b, ". ");
	if (cmd != NULL) {
		ads_buf_adds(b, "To remake it:\n\n```sh\n");
		ads_buf_adds(b, cmd);
		ads_buf_adds(b, "\n```\n");
	} else
		ads_buf_adds(b, "\n");
	ads_buf_adds(b, "\n## Loading\n\n```python\nfrom datasets import "
	    "load_dataset\nds = load_dataset(\"path/to/this/folder\")\n"
	    "```\n\n`dataset_card.json` holds these facts for programs.\n");
}

/*
 * readme -- README.md rendered from the card's facts alone into b;
 * dir/LICENSE.md too when a license has no Hub id.
 */
static int
readme(jv facts, const char *dir, struct ads_buf *b)
{
	jv splits = fcounts(facts, "splits");
	jv files = ads_json_get(facts, "files");
	jv cols = ads_json_get(facts, "columns");
	jv delivery = ads_json_get(facts, "delivery");
	jv pii = ads_json_get(facts, "pii");
	jv counts = ads_json_get(facts, "counts");
	int rc = -1;

	if (front(facts, b, jv_copy(splits), languages(facts), files) &&
	    licensefile(facts, dir) < 0)
		goto out;
	readme_intro(facts, b);
	splits_section(b, splits, files);
	columns_section(facts, b, cols);
	task_section(facts, b);
	labels_section(facts, b, splits);
	label_origins_section(facts, b);
	label_stage_section(facts, b, splits);
	sources_section(b, counts);
	ads_buf_adds(b, "\n## Processing\n\n");
	stage_table(facts, b, splits);
	delivery_section(facts, b, delivery);
	pii_section(facts, b, pii);
	quality_section(facts, b);
	dedup_section(facts, b);
	made_section(b, facts);
	rc = 0;
out:
	jv_free(splits);
	jv_free(files);
	jv_free(cols);
	jv_free(delivery);
	jv_free(pii);
	jv_free(counts);
	return rc;
}

int
card_render(jv facts, const char *dir)
{
	struct ads_buf b = ADS_BUF_INIT;
	int rc = -1;

	if (readme(facts, dir, &b) == 0 && card_file(dir, "README.md", &b) == 0)
		rc = 0;
	ads_buf_free(&b);
	return rc;
}

/*
 * The members card_render reads and their shapes, a letter a level: n a
 * number, s a string, O an object; o an object and a an array whose
 * every member has the shape of the rest.  A leading '?' allows null or
 * absence.  A member of an absent or null parent is not checked: its
 * parent's line says whether that may be.
 */
static const struct {
	const char	*path, *shape, *want;
} shapes[] = {
	{ "name", "s", "a string" }, { "created", "s", "a string" },
	{ "format", "s", "a string" }, { "prompt", "?s", "a string or null" },
	{ "plan", "?O", "an object or null" },
	{ "command", "?s", "a string or null" },
	{ "seed", "?s", "a string or null" },
	{ "tools", "O", "an object" }, { "tools.ads", "?s", "a string" },
	{ "counts", "O", "an object" }, { "counts.records", "n", "a number" },
	{ "counts.splits", "on", "an object of numbers" },
	{ "counts.sources", "on", "an object of numbers" },
	{ "counts.source_split", "oon", "an object of objects of numbers" },
	{ "counts.licenses", "on", "an object of numbers" },
	{ "counts.source_license", "oon", "an object of objects of numbers" },
	{ "counts.license_source", "oon", "an object of objects of numbers" },
	{ "counts.languages", "on", "an object of numbers" },
	{ "counts.labels", "oon", "an object of objects of numbers" },
	{ "counts.label_totals", "on", "an object of numbers" },
	{ "counts.labels_by_source", "ooon",
	    "objects of objects of objects of numbers" },
	{ "counts.label_sources", "oon", "an object of objects of numbers" },
	{ "counts.label_source_totals", "on", "an object of numbers" },
	{ "labelling", "?O", "an object or null" },
	{ "labelling.by", "on", "an object of numbers" },
	{ "labelling.unlabelled", "on", "an object of numbers" },
	{ "labelling.why", "as", "an array of strings" },
	{ "labelling.todo", "?s", "a string or null" },
	{ "quality", "?O", "an object or null" },
	{ "quality.mean", "n", "a number" }, { "quality.min", "n", "a number" },
	{ "quality.max", "n", "a number" },
	{ "quality.by_fifth", "an", "an array of numbers" },
	{ "pii", "on", "an object of numbers" },
	{ "pii_in_records", "O", "an object" },
	{ "pii_in_records.records", "n", "a number" },
	{ "pii_in_records.kinds", "on", "an object of numbers" },
	{ "delivery", "O", "an object" },
	{ "stages", "oO", "an object of objects" },
	{ "columns", "aO", "an array of objects" },
	{ "files", "aO", "an array of objects" },
	{ "features", "?O", "an object or null" },
	{ "csv_formula_cells", "?s", "a string or null" },
	{ NULL, NULL, NULL }
};

/* shaped -- 1 when v (borrowed) has the shape sh (see shapes). */
static int
shaped(jv v, const char *sh)
{
	int ok = 1;
	double d;

	if (*sh == '?') {
		if (!jv_is_valid(v) || jv_get_kind(v) == JV_KIND_NULL)
			return 1;
		sh++;
	}
	switch (*sh) {
	case 'n':
		/* Counts and scores: finite and within a long long. */
		d = jv_get_kind(v) == JV_KIND_NUMBER ? jv_number_value(v) : 0;
		return jv_get_kind(v) == JV_KIND_NUMBER && d > -1e15 &&
		    d < 1e15;
	case 's':
		return jv_get_kind(v) == JV_KIND_STRING;
	case 'O':
		return jv_get_kind(v) == JV_KIND_OBJECT;
	case 'o':
		if (jv_get_kind(v) != JV_KIND_OBJECT)
			return 0;
		jv_object_foreach(v, k, x) {
			ok &= shaped(x, sh + 1);
			jv_free(k);
			jv_free(x);
		}
		return ok;
	case 'a':
		if (jv_get_kind(v) != JV_KIND_ARRAY)
			return 0;
		jv_array_foreach(v, i, x) {
			ok &= shaped(x, sh + 1);
			jv_free(x);
		}
		return ok;
	}
	return 0;
}

/* splitname -- 1 when key k is a split name ads-export writes. */
static int
splitname(jv k)
{
	const char *s = jv_string_value(k);
	int n = jv_string_length_bytes(jv_copy(k));

	return n > 0 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == (size_t)n;
}

const char *
card_check(jv facts)
{
	static char why[160];
	jv v, splits;
	int i, ok = 1;

	if (jv_get_kind(facts) != JV_KIND_OBJECT)
		return "not a JSON object";
	for (i = 0; shapes[i].path != NULL; i++) {
		const char *p = shapes[i].path, *dot = strchr(p, '.');

		if (dot != NULL) {
			jv up = jv_object_get(jv_copy(facts),
			    jv_string_sized(p, (int)(dot - p)));
			if (!jv_is_valid(up) || jv_get_kind(up) ==
			    JV_KIND_NULL) {
				jv_free(up);
				continue;
			}
			v = oget(up, jv_string(dot + 1));
			jv_free(up);
		} else
			v = jv_object_get(jv_copy(facts), jv_string(p));
		ok = shaped(v, shapes[i].shape);
		jv_free(v);
		if (!ok) {
			snprintf(why, sizeof(why), "%s: want %s", p,
			    shapes[i].want);
			return why;
		}
	}
	/* Split names go into the YAML and the data paths as they are. */
	splits = fcounts(facts, "splits");
	jv_object_foreach(splits, k, x) {
		ok &= splitname(k);
		jv_free(k);
		jv_free(x);
	}
	jv_free(splits);
	return ok ? NULL : "counts.splits: a split name that is not letters, "
	    "digits and underscores (at most 64)";
}
