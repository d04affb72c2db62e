/*
 * ads-score -- compute quality signals and a quality score for records,
 * identify their language, and drop the ones below a bar or failing a
 * published rule set
 */
#include <getopt.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/field.h"
#include "../../common/filter.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/langid.h"
#include "../../common/progress.h"
#include "../../common/rawjson.h"
#include "../../common/util.h"
#include "score.h"
#include "ads-score-help.h"

#define USAGE "ads-score [-gksU] [-L langs] [-l lang] [-m min] [-R rules] " \
	"[-r rejectfile]\n[-T path[,path ...]] [file ...]"

static int gflag;
static double minq;
static const char *deflang;
static char **keeplangs;
static enum rules ruleset;
static struct ads_filter flt;	/* -k, -T, the drop counts */
static struct ads_reader rd;
static const char *tkey;	/* the text's member, or NULL: a path */

/* Keys of "signals", made once and copied. */
enum {
	K_WORDS, K_MEANLEN, K_SYMBOL, K_ELLIPSIS, K_BULLET, K_ALPHA, K_STOP,
	K_STOPRATIO, K_DUPLINES, K_DUPLINECH, K_DUPPARAS, K_DUPPARACH,
	K_TOP2, K_TOP3, K_TOP4, K_DUP5, K_DUP6, K_DUP7, K_DUP8, K_DUP9,
	K_DUP10, K_UNIQUE, K_UPPER, K_DIGIT, K_PUNCT, K_URL, K_MARKUP,
	K_BOILER, K_LOREM, K_BRACES, K_PUNCTLINES, K_SHORTLINES,
	K_LANGCONF, K_RULE, NKEYS
};
static const char *keynames[NKEYS] = {
	"words", "mean_word_len", "symbol_ratio", "ellipsis_lines",
	"bullet_lines", "alpha_words", "stop_words", "stop_ratio",
	"dup_lines", "dup_line_chars", "dup_paras", "dup_para_chars",
	"top_2gram", "top_3gram", "top_4gram", "dup_5gram", "dup_6gram",
	"dup_7gram", "dup_8gram", "dup_9gram", "dup_10gram",
	"unique_words", "upper_ratio", "digit_ratio", "punct_ratio",
	"url_density", "markup_density", "boilerplate", "lorem",
	"code_braces", "punct_lines", "short_lines", "lang_conf",
	"rule_failed"
};
static jv keys[NKEYS];
static char *keytext[NKEYS];	/* ,"name": for the fast writer */
static size_t keylen[NKEYS];

static double
r4(double x)
{
	return round(x * 10000) / 10000;
}

/*
 * sigvals -- the values of "signals" for s, in key order, into v; a
 * negative entry is left out.  Returns the count (NKEYS - 1: the rule
 * name is not a number).
 */
static int
sigvals(const struct sig *s, double langconf, double *v)
{
	int n;

	v[K_WORDS] = (double)s->words;
	v[K_MEANLEN] = sig_mean_word_len(s);
	v[K_SYMBOL] = sig_ratio(s->hashes + s->ellipses, s->words);
	v[K_ELLIPSIS] = sig_ratio(s->ellipsis_lines, s->lines);
	v[K_BULLET] = sig_ratio(s->bullet_lines, s->lines);
	v[K_ALPHA] = sig_ratio(s->alpha_words, s->words);
	v[K_STOP] = (double)s->stop_words;
	v[K_STOPRATIO] = sig_ratio(s->stop_words, s->words);
	v[K_DUPLINES] = sig_ratio(s->dup_lines, s->lines);
	v[K_DUPLINECH] = sig_ratio(s->dup_line_chars, s->chars);
	v[K_DUPPARAS] = sig_ratio(s->dup_paras, s->paras);
	v[K_DUPPARACH] = sig_ratio(s->dup_para_chars, s->chars);
	for (n = SIG_TOPN_MIN; n <= SIG_TOPN_MAX; n++)
		v[K_TOP2 + n - SIG_TOPN_MIN] = s->top_ngram[n];
	for (n = SIG_DUPN_MIN; n <= SIG_DUPN_MAX; n++)
		v[K_DUP5 + n - SIG_DUPN_MIN] = s->dup_ngram[n];
	v[K_UNIQUE] = sig_ratio(s->uniq_words, s->words);
	v[K_UPPER] = sig_ratio(s->upper, s->letters);
	v[K_DIGIT] = sig_ratio(s->digits, s->nonspace);
	v[K_PUNCT] = sig_ratio(s->punct, s->nonspace);
	v[K_URL] = sig_ratio(s->urls, s->words);
	v[K_MARKUP] = sig_ratio(s->markup, s->words);
	v[K_BOILER] = sig_ratio(s->boiler, s->words);
	v[K_LOREM] = (double)s->lorem;
	v[K_BRACES] = (double)s->braces;
	v[K_PUNCTLINES] = sig_ratio(s->punct_lines, s->lines);
	v[K_SHORTLINES] = sig_ratio(s->short_lines, s->lines);
	v[K_LANGCONF] = langconf;
	for (n = 0; n < K_RULE; n++)
		if (v[n] >= 0)
			v[n] = r4(v[n]);
	return K_RULE;
}

/* signals -- the "signals" object of s (a new reference). */
static jv
signals(const struct sig *s, double langconf, const char *rule)
{
	double v[NKEYS];
	jv o = jv_object();
	int i, n;

	n = sigvals(s, langconf, v);
	for (i = 0; i < n; i++)
		if (v[i] >= 0)
			o = jv_object_set(o, jv_copy(keys[i]),
			    jv_number(v[i]));
	if (rule != NULL)
		o = jv_object_set(o, jv_copy(keys[K_RULE]), jv_string(rule));
	return o;
}

/*
 * num4 -- append x (>= 0, rounded to four decimals) as ads_json_emit
 * would print it: an integer when integral, else the shortest decimal.
 */
static void
num4(struct ads_buf *b, double x)
{
	long long v, w;
	char tmp[40];
	int d, n, k;

	if (x >= 1e15) {
		ads_json_emit_number(b, x);
		return;
	}
	v = llround(x * 10000);
	if (v == 0) {
		ads_buf_addc(b, '0');
		return;
	}
	if (v < 0) {
		/* Not written by sigvals(); as the jv path would print it. */
		ads_json_emit_number(b, (double)v / 10000);
		return;
	}
	/* By hand into tmp, then one copy: snprintf showed in profiles. */
	w = v / 10000;
	n = 20;
	do {
		tmp[--n] = (char)('0' + w % 10);
		w /= 10;
	} while (w > 0);
	memmove(tmp, tmp + n, (size_t)(20 - n));
	n = 20 - n;
	d = (int)(v % 10000);
	if (d != 0) {
		tmp[n++] = '.';
		for (k = 1000; d > 0; k /= 10) {
			tmp[n++] = (char)('0' + d / k);
			d %= k;
		}
	}
	ads_buf_add(b, tmp, (size_t)n);
}

/*
 * tail -- append "quality" and "signals" (without a leading comma) and
 * the record's closing brace, building the text directly instead of
 * through jv objects.
 */
static void
tail(struct ads_buf *b, double q, const struct sig *s, double langconf,
    const char *rule)
{
	double v[NKEYS];
	int i, n, first = 1;

	ads_buf_adds(b, "\"quality\":");
	num4(b, q);
	ads_buf_adds(b, ",\"signals\":{");
	n = sigvals(s, langconf, v);
	for (i = 0; i < n; i++) {
		if (v[i] < 0)
			continue;
		/* keytext[i] is ,"name": -- the comma left out first. */
		ads_buf_add(b, keytext[i] + first, keylen[i] - (size_t)first);
		first = 0;
		num4(b, v[i]);
	}
	if (rule != NULL) {
		ads_buf_adds(b, ",\"rule_failed\":");
		ads_json_emit_string(b, rule, strlen(rule));
	}
	ads_buf_adds(b, "}}\n");
}

/*
 * emitfast -- write rec (without quality or signals) with both appended.
 * Borrows rec.
 */
static void
emitfast(jv rec, double q, const struct sig *s, double langconf,
    const char *rule)
{
	static struct ads_buf b;

	ads_buf_reset(&b);
	ads_json_emit(&b, rec);
	b.len--;	/* the closing brace */
	if (b.len > 1)
		ads_buf_addc(&b, ',');
	tail(&b, q, s, langconf, rule);
	ads_out_write(ads_out_stdout(), b.p, b.len);
}

/*
 * emitlang -- append lang as the jv path writes jv_string(lang), which
 * repairs invalid UTF-8 (a -l argument may hold some).
 */
static void
emitlang(struct ads_buf *b, const char *lang)
{
	jv v = jv_string(lang);

	ads_json_emit(b, v);
	jv_free(v);
}

/*
 * emitraw -- the fast path's writer: the canonical input line, with
 * "lang" appended when fresh, and "quality" and "signals" put in place
 * of existing values or appended, byte for byte what the jv path
 * writes (rawjson.h).
 */
static void
emitraw(const struct ads_raw *raw, const char *line, size_t len,
    const char *lang, double q, const struct sig *s, double langconf,
    const char *rule)
{
	static struct ads_buf b;
	long qi, si;
	size_t i, at = 0;
	int any;
	jv o;

	qi = ads_raw_find(raw, line, "quality");
	si = ads_raw_find(raw, line, "signals");
	ads_buf_reset(&b);
	/* The common case: nothing to replace. */
	if (qi < 0 && si < 0) {
		ads_buf_add(&b, line, len - 1);
		if (raw->n > 0)
			ads_buf_addc(&b, ',');
		if (lang != NULL) {
			ads_buf_adds(&b, "\"lang\":");
			emitlang(&b, lang);
			ads_buf_addc(&b, ',');
		}
		tail(&b, q, s, langconf, rule);
		ads_out_write(ads_out_stdout(), b.p, b.len);
		return;
	}
	/* As ads_json_set() and ads_json_emit() would write them. */
	o = signals(s, langconf, rule);
	for (i = 0; i < raw->n; i++) {
		if ((long)i != qi && (long)i != si)
			continue;
		ads_buf_add(&b, line + at, raw->m[i].val - at);
		if ((long)i == qi)
			ads_json_emit_number(&b, q);
		else
			ads_json_emit(&b, o);
		at = raw->m[i].val + raw->m[i].vallen;
	}
	ads_buf_add(&b, line + at, len - 1 - at);
	any = raw->n > 0;
	if (lang != NULL) {
		ads_buf_adds(&b, any ? ",\"lang\":" : "\"lang\":");
		emitlang(&b, lang);
		any = 1;
	}
	if (qi < 0) {
		ads_buf_adds(&b, any ? ",\"quality\":" : "\"quality\":");
		ads_json_emit_number(&b, q);
		any = 1;
	}
	if (si < 0) {
		ads_buf_adds(&b, any ? ",\"signals\":" : "\"signals\":");
		ads_json_emit(&b, o);
	}
	jv_free(o);
	ads_buf_adds(&b, "}\n");
	ads_out_write(ads_out_stdout(), b.p, b.len);
}

/*
 * rawfield -- the string member key of the canonical line: returns 1
 * with *p and *n set (pointing into the line when it needs no decoding
 * and cstr is 0, else into out, NUL-terminated), 0 when missing, 2 when present but not a string, and -1
 * when it cannot be decoded here.
 */
static int
rawfield(const struct ads_raw *raw, const char *line, const char *key,
    int cstr, struct ads_buf *out, const char **p, size_t *n)
{
	const struct ads_raw_member *m;
	long i;

	i = ads_raw_find(raw, line, key);
	if (i < 0)
		return 0;
	m = &raw->m[i];
	if (m->kind != '"')
		return 2;
	if (!m->esc && !cstr) {
		*p = line + m->val + 1;
		*n = m->vallen - 2;
		return 1;
	}
	if (ads_raw_string(line + m->val, m->vallen, out) == -1)
		return -1;
	*p = out->p;
	*n = out->len;
	return 1;
}

/*
 * rectext -- the text of rec (borrowed) at the -T paths: a pointer into
 * rec, or b's bytes, or NULL when the paths reach no string.
 */
static const char *
rectext(jv rec, struct ads_buf *b, size_t *len)
{
	if (tkey != NULL)
		return ads_json_str(rec, tkey, len);
	ads_buf_reset(b);
	if (ads_fields_text(&flt.fs, rec, b) == 0)
		return NULL;
	ads_buf_addc(b, '\0');
	*len = b->len - 1;
	return b->p;
}

/* samelang -- 1 when tags a and b have the same primary subtag. */
static int
samelang(const char *a, const char *b)
{
	size_t n = strcspn(a, "-_");

	return n == strcspn(b, "-_") && strncasecmp(a, b, n) == 0;
}

/*
 * langok -- 1 when lang's primary subtag is one of those of the --lang
 * list (pt-BR in the list takes any pt).
 */
static int
langok(const char *lang)
{
	size_t i;

	if (keeplangs == NULL)
		return 1;
	if (lang == NULL)
		return 0;
	for (i = 0; keeplangs[i] != NULL; i++)
		if (samelang(keeplangs[i], lang))
			return 1;
	return 0;
}

/*
 * setlang -- rec with "lang" set to lang, and the tag its fetcher gave
 * kept as meta.query_lang when meta is an object or missing.  Consumes
 * rec.
 */
static jv
setlang(jv rec, const char *lang)
{
	jv g = ads_json_get(rec, "lang"), meta = ads_json_get(rec, "meta");

	rec = ads_json_set(rec, "lang", jv_string(lang));
	if (jv_get_kind(meta) == JV_KIND_NULL && !ads_json_has(rec, "meta")) {
		jv_free(meta);
		meta = jv_object();
	}
	if (jv_get_kind(meta) == JV_KIND_OBJECT) {
		meta = ads_json_set(meta, "query_lang", g);
		return ads_json_set(rec, "meta", meta);
	}
	jv_free(meta);
	jv_free(g);
	return rec;
}

/* The counts of the run, for the summary. */
static struct {
	unsigned long	nin, nout, nfast, nhave;
	double		qsum;
	jv		droplangs, langs;
} tally;

/* One record on its way through. */
struct item {
	jv		 rec;	/* the parsed record, unless fast */
	int		 fast;	/* the canonical line, without libjq */
	const char	*text;
	size_t		 len;
	const char	*lang;
	int		 haslang;	/* it has a "lang", of any kind */
	int		 fresh;		/* "lang" to add */
	int		 relabel;	/* "lang" to replace */
	double		 conf;		/* lang_conf, or -1 */
};

static struct ads_raw raw = ADS_RAW_INIT;
static struct ads_buf tbuf = ADS_BUF_INIT, lbuf = ADS_BUF_INIT;

static void
options(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "given-lang",	no_argument,		NULL,	'g' },
		{ "keep-all",	no_argument,		NULL,	'k' },
		{ "lang",	required_argument,	NULL,	'L' },
		{ "language",	required_argument,	NULL,	'l' },
		{ "min",	required_argument,	NULL,	'm' },
		{ "rules",	required_argument,	NULL,	'R' },
		{ "text",	required_argument,	NULL,	'T' },
		ADS_STD_LONGOPTS,
		{ NULL,		0,			NULL,	0 }
	};
	/* The names of -R, by enum rules. */
	static const char *const rulesets[] = { "", "gopher", "c4", "fineweb" };
	size_t n;
	int c;

	while ((c = getopt_long(argc, argv, ADS_STD_OPTS "gkL:l:m:R:T:", lopts,
	    NULL)) != -1) {
		if (ads_filter_opt(&flt, &rd, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'g':
			gflag = 1;
			break;
		case 'L':
			ads_strv_free(keeplangs);
			keeplangs = ads_strv_split(optarg, &n);
			if (n == 0)
				ads_die(ADS_USAGE, "-L needs at least one "
				    "language: %s", optarg);
			break;
		case 'l':
			deflang = optarg;
			break;
		case 'm':
			minq = ads_optdouble("-m", optarg, 0, 1);
			break;
		case 'R':
			for (ruleset = RULES_GOPHER; ruleset <= RULES_FINEWEB &&
			    strcmp(optarg, rulesets[ruleset]) != 0; ruleset++)
				;
			if (ruleset > RULES_FINEWEB)
				ads_die(ADS_USAGE, "-R: unknown rule set: %s "
				    "(gopher, c4 or fineweb)", optarg);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
}

/*
 * readitem -- the text and the lang of the line into it: from the
 * canonical line itself when fastpath allows (rawjson.h), else from the
 * record parsed by libjq.  Returns 0 when the line is malformed.
 */
static int
readitem(char *line, size_t linelen, int fastpath, struct item *it)
{
	int hastext;
	size_t n;

	memset(it, 0, sizeof(*it));
	it->rec = jv_invalid();
	/* Canonical lines skip libjq (rawjson.h); others take it. */
	it->fast = fastpath && ads_reader_scan(&rd, &raw, line, linelen) ==
	    ADS_RAW_CANONICAL;
	if (it->fast) {
		hastext = rawfield(&raw, line, tkey, 0, &tbuf, &it->text,
		    &it->len);
		it->haslang = rawfield(&raw, line, "lang", 1, &lbuf,
		    &it->lang, &n);
		/* Strings libjq would repair: let it. */
		it->fast = hastext != -1 && it->haslang != -1;
		if (it->haslang != 1)
			it->lang = NULL;
		if (hastext == 1)
			tally.nhave++;
	}
	if (!it->fast) {
		if (!ads_reader_parse(&rd, line, linelen, &it->rec))
			return 0;
		it->text = rectext(it->rec, &tbuf, &it->len);
		if (it->text != NULL)
			tally.nhave++;
		it->lang = ads_json_str(it->rec, "lang", NULL);
		it->haslang = it->lang != NULL || ads_json_has(it->rec, "lang");
	}
	if (it->text == NULL) {
		it->text = "";
		it->len = 0;
	}
	return 1;
}

/* identify -- the language of the item: given, -l's, or identified. */
static void
identify(struct item *it)
{
	const char *found;

	it->conf = -1;
	if (it->lang == NULL && it->haslang) {
		/* A lang that is not a string is left alone. */
		it->lang = "und";
	} else if (it->lang == NULL && deflang != NULL) {
		it->fresh = 1;
		it->lang = deflang;
	} else if (it->lang == NULL || (!gflag && deflang == NULL)) {
		/*
		 * The text's own language, not the one its fetcher searched
		 * in; a given tag of the same language is kept for its
		 * detail (zh-Hant, pt-BR).
		 */
		found = ads_langid_detect(it->text, it->len, &it->conf);
		if (it->lang == NULL)
			it->fresh = 1;
		else if (!samelang(it->lang, found))
			it->relabel = 1;
		if (it->lang == NULL || it->relabel)
			it->lang = found;
	}
}

/*
 * verdict -- why the item is dropped (a rule's name, "lang",
 * "min_quality"), or NULL; counted.
 */
static const char *
verdict(const struct item *it, double q, const char *rule)
{
	const char *reason = NULL;

	if (!langok(it->lang)) {
		reason = "lang";
		tally.droplangs = ads_count(tally.droplangs, it->lang);
	} else if (rule != NULL)
		reason = rule;
	else if (q < minq)
		reason = "min_quality";
	if (reason != NULL)
		flt.dropped = ads_count(flt.dropped, reason);
	return reason;
}

/*
 * scoreline -- score one line and write it unless it is dropped;
 * returns 0 when the line is malformed.
 */
static int
scoreline(char *line, size_t linelen, int fastpath)
{
	struct item it;
	struct sig s;
	const char *rule;
	double q;

	if (!readitem(line, linelen, fastpath, &it))
		return 0;
	identify(&it);
	if (it.fast && it.relabel) {
		/* Setting meta.query_lang: the libjq path. */
		it.fast = 0;
		if (!ads_reader_parse(&rd, line, linelen, &it.rec))
			return 0;
		it.text = rectext(it.rec, &tbuf, &it.len);
		if (it.text == NULL) {
			it.text = "";
			it.len = 0;
		}
	}
	if (it.fast) {
		ads_reader_count(&rd);
		tally.nfast++;
	}
	tally.nin++;
	if (it.relabel)
		it.rec = setlang(it.rec, it.lang);
	sig_compute(&s, it.text, it.len, it.lang);
	if (it.fresh && !it.fast)
		it.rec = ads_json_set(it.rec, "lang", jv_string(it.lang));
	q = r4(score_quality(&s));
	rule = rules_check(ruleset, &s);
	if (verdict(&it, q, rule) != NULL && !flt.keep) {
		if (!it.fast)
			jv_free(it.rec);
		return 1;
	}
	tally.langs = ads_count(tally.langs, it.lang);
	tally.qsum += q;
	tally.nout++;
	if (it.fast) {
		emitraw(&raw, line, linelen, it.fresh ? it.lang : NULL, q,
		    &s, it.conf, rule);
	} else if (!ads_json_has(it.rec, "quality") &&
	    !ads_json_has(it.rec, "signals")) {
		emitfast(it.rec, q, &s, it.conf, rule);
		jv_free(it.rec);
	} else {
		it.rec = ads_json_set(it.rec, "quality", jv_number(q));
		it.rec = ads_json_set(it.rec, "signals",
		    signals(&s, it.conf, rule));
		ads_out_record(ads_out_stdout(), it.rec);
	}
	return 1;
}

/* summary -- the counts on stderr, then the final progress line. */
static void
summary(void)
{
	unsigned long nin = tally.nin, nout = tally.nout;
	jv extra;

	ads_filter_summary(&flt, nin, nout);
	/*
	 * dropped_langs: the records dropped by -L, per language identified;
	 * fastpath: records that took the fast path, for tests and tuning.
	 */
	extra = JV_OBJECT(jv_string("in"), jv_number(nin),
	    jv_string("out"), jv_number(nout),
	    jv_string("dropped"), jv_copy(flt.dropped),
	    jv_string("langs"), tally.langs,
	    jv_string("dropped_langs"), tally.droplangs,
	    jv_string("quality_mean"),
	    jv_number(r4(nout ? tally.qsum / nout : 0)),
	    jv_string("fastpath"), jv_number(tally.nfast));
	ads_progress_emit("done", (long long)nin, -1, extra);
	ads_progress_close();
}

int
main(int argc, char *argv[])
{
	char *line;
	size_t linelen, i;
	int fastpath;

	ads_setprogname(argv[0]);
#ifdef M_TOP_PAD
	/*
	 * CLD2 takes some 56 KB of scratch per text and frees it, which
	 * made glibc trim the heap and grow it again for every record.
	 */
	mallopt(M_TOP_PAD, 1 << 20);
#endif
	ads_filter_init(&flt, &rd);
	options(argc, argv);
	ads_filter_open(&flt, &rd, argc - optind, argv + optind);
	tkey = ads_fields_key(&flt.fs);
	ads_progress_init(NULL);
	for (i = 0; i < NKEYS; i++) {
		keys[i] = jv_string(keynames[i]);
		keytext[i] = xasprintf(",\"%s\":", keynames[i]);
		keylen[i] = strlen(keytext[i]);
	}
	tally.droplangs = jv_object();
	tally.langs = jv_object();

	fastpath = ads_getenv_nonempty("ADS_NO_FASTPATH") == NULL &&
	    tkey != NULL;
	while (ads_reader_nextline(&rd, &line, &linelen)) {
		if (scoreline(line, linelen, fastpath) &&
		    (tally.nin & 1023) == 0)
			ads_progress("scoring", (long long)tally.nin, -1);
	}
	ads_fields_missing(&flt.fs, tally.nin, tally.nhave);
	summary();
	for (i = 0; i < NKEYS; i++) {
		jv_free(keys[i]);
		free(keytext[i]);
	}
	if (keeplangs != NULL)
		ads_strv_free(keeplangs);
	sig_free();
	ads_raw_free(&raw);
	ads_filter_free(&flt);
	ads_buf_free(&tbuf);
	ads_buf_free(&lbuf);
	return ads_reader_finish(&rd);
}
