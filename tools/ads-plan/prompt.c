/*
 * prompt.c -- the keyword planner's reading of a prompt
 *
 * The prompt is folded (Unicode case folding, NFC), cut into words, and
 * each word also kept without accents for matching against the tables
 * of tables.c.  Then, in this order, each pass marking the words it
 * used: the row count, the languages, the sources named, the task, the
 * domain; what is left, minus stop words, makes the keywords.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>
#include <utf8proc.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "plan.h"

struct tok {
	char	*w;	/* folded */
	char	*s;	/* folded, accents removed */
	size_t	 off;	/* where the word starts in the folded text */
	char	 sep;	/* punctuation before the word, ' ' when none */
	char	 brk;	/* a phrase ends before this word */
	char	 used;	/* taken by rows, languages or task */
	char	 dom;	/* part of a domain phrase (1 starts one) */
	int	 domlen;
};

struct toks {
	struct tok	*v;
	size_t		 n;
};

/* fold -- utf8proc_map with opts, or an ASCII fallback; caller frees. */
static char *
fold(const char *s, int opts)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;
	char *p;
	size_t i;

	r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | opts));
	if (r >= 0 && out != NULL)
		return (char *)out;
	free(out);
	p = xstrdup(s);
	for (i = 0; p[i] != '\0'; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	return p;
}

/* nfcof -- s in NFC, case kept; caller frees. */
static char *
nfcof(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE));
	if (r >= 0 && out != NULL)
		return (char *)out;
	free(out);
	return xstrdup(s);
}

char *
plan_fold(const char *s)
{
	return fold(s, UTF8PROC_STRIPMARK);
}

static int
wordchar(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/*
 * tokenize -- cut the folded text into words.  Inside a number, '.' and
 * ',' between digits stay ("2.5k", "5,000"); "c++" and "c#" stay whole.
 */
static void
tokenize(const char *text, struct toks *t)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(text), i, k, start;
	utf8proc_int32_t c;
	size_t cap = 0;
	char sep = ' ', brk = 1;

	t->v = NULL;
	t->n = 0;
	i = 0;
	while (i < len) {
		k = utf8proc_iterate(p + i, len - i, &c);
		if (k <= 0) {
			i++;
			continue;
		}
		if (!wordchar(c)) {
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				sep = (char)(c < 128 ? c : '?');
			if (c != ' ' && c != '-' && c != '\'' && c != '/' &&
			    c != '&' && c != '\t' && c != '\n' && c != '\r' &&
			    c != 0x2019)
				brk = 1;
			i += k;
			continue;
		}
		start = i;
		while (i < len) {
			k = utf8proc_iterate(p + i, len - i, &c);
			if (k <= 0)
				break;
			if (wordchar(c)) {
				i += k;
				continue;
			}
			/* 5,000 and 2.5: a separator between digits */
			if ((c == '.' || c == ',') && i + 1 < len &&
			    isdigit(p[i - 1]) && isdigit(p[i + 1])) {
				i++;
				continue;
			}
			/* c++ and c# */
			if ((c == '+' || c == '#') && i - start == 1) {
				while (i < len && (p[i] == '+' || p[i] == '#'))
					i++;
			}
			break;
		}
		t->v = xgrowarray(t->v, t->n, &cap, 32, sizeof(*t->v));
		memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
		t->v[t->n].w = xstrndup((const char *)p + start,
		    (size_t)(i - start));
		t->v[t->n].s = fold(t->v[t->n].w, UTF8PROC_STRIPMARK);
		if (t->v[t->n].s[0] == '\0') {
			free(t->v[t->n].s);
			t->v[t->n].s = xstrdup(t->v[t->n].w);
		}
		t->v[t->n].off = (size_t)start;
		t->v[t->n].sep = sep;
		t->v[t->n].brk = brk;
		t->n++;
		sep = ' ';
		brk = 0;
	}
}

static void
toks_free(struct toks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].w);
		free(t->v[i].s);
	}
	free(t->v);
}

/* wordmatch -- w against one pattern word of n bytes (maybe "x*"). */
static int
wordmatch(const char *w, const char *p, size_t n)
{
	size_t wl = strlen(w);

	if (n > 0 && p[n - 1] == '*')
		return wl >= n - 1 && strncmp(w, p, n - 1) == 0;
	return wl == n && strncmp(w, p, n) == 0;
}

int
plan_inlist(const char *w, const char *list)
{
	const char *p = list, *e;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && wordmatch(w, p, (size_t)(e - p)))
			return 1;
		p = e;
	}
	return 0;
}

/* inpats -- w matches one of the patterns of pats (NULL-terminated). */
static int
inpats(const char *w, const char *const *pats)
{
	size_t i;

	for (i = 0; pats[i] != NULL; i++)
		if (wordmatch(w, pats[i], strlen(pats[i])))
			return 1;
	return 0;
}

/*
 * matchat -- the number of words of pattern pat matched at word i (all
 * unused), or 0.
 */
static size_t
matchat(const struct toks *t, size_t i, const char *pat)
{
	const char *p = pat, *e;
	size_t j = i;

	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if (j >= t->n || t->v[j].used ||
		    !wordmatch(t->v[j].s, p, (size_t)(e - p)))
			return 0;
		j++;
		p = *e == ' ' ? e + 1 : e;
	}
	return j - i;
}

static int
isstop(const char *s)
{
	size_t i;
	const char *l;

	for (i = 0; plan_stop[i] != NULL; i++) {
		l = strchr(plan_stop[i], ' ');
		if (l != NULL && plan_inlist(s, l + 1))
			return 1;
	}
	return inpats(s, plan_meta);
}

static int
numword(const char *s)
{
	size_t i;

	for (i = 0; plan_numwords[i].pat != NULL; i++)
		if (strcmp(s, plan_numwords[i].pat) == 0)
			return plan_numwords[i].val;
	return 0;
}

static double
multiplier(const char *s)
{
	if (plan_inlist(s, "k thousand thousands mil tausend mille"))
		return 1e3;
	if (plan_inlist(s, "m mm million* millon* milhoes milhao mio"))
		return 1e6;
	if (plan_inlist(s, "hundred hundert"))
		return 1e2;
	return 0;
}

/*
 * digits -- the value of a numeric word: "5,000", "10.000", "2.5",
 * "10k", "2.5k", "1m".  Returns -1 when s is not one; *mag is set when
 * a suffix gave a magnitude.
 */
static double
digits(const char *s, int *mag)
{
	char clean[64];
	const char *p;
	size_t n = 0, after = 0;
	int seps = 0, sepbad = 0;
	double v;

	*mag = 0;
	if (!isdigit((unsigned char)s[0]))
		return -1;
	for (p = s; isdigit((unsigned char)*p) || *p == ',' || *p == '.';
	    p++) {
		if (n >= sizeof(clean) - 2)
			return -1;
		if (*p == ',' || *p == '.') {
			if (seps > 0 && after != 3)
				sepbad = 1;
			seps++;
			after = 0;
			clean[n++] = '.';
		} else {
			clean[n++] = *p;
			after++;
		}
	}
	clean[n] = '\0';
	/*
	 * Group separators: "5,000", "10.000", "1,000,000".  One separator
	 * followed by other than three digits is a decimal point ("2.5").
	 */
	if (seps > 1 || (seps == 1 && after == 3)) {
		if (sepbad)
			return -1;
		n = 0;
		for (p = s; isdigit((unsigned char)*p) || *p == ',' ||
		    *p == '.'; p++)
			if (isdigit((unsigned char)*p))
				clean[n++] = *p;
		clean[n] = '\0';
	}
	v = strtod(clean, NULL);
	if (*p == '\0')
		return v;
	if ((p[0] == 'k' || p[0] == 'm') && p[1] == '\0') {
		*mag = 1;
		return v * (p[0] == 'k' ? 1e3 : 1e6);
	}
	if (strcmp(p, "mm") == 0 || strcmp(p, "mio") == 0) {
		*mag = 1;
		return v * 1e6;
	}
	return -1;
}

static int isnumeric(const char *);

static int
hasutf8(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/*
 * cjknum -- a count written in Chinese or Japanese inside a run of Han
 * or kana: "共2万条", "5万文", "10000篇文章" (万 ten thousand, 千 a
 * thousand, 亿/億 a hundred million); *mag is set when a magnitude or a
 * counter (条, 件, 篇, 个, 文, 句, 对 ...) follows.  -1 when none.
 */
static double
cjknum(const char *s, int *mag)
{
	static const char *const counters[] = {
		"条", "件", "篇", "个", "個", "文", "行", "句", "对", "対", "組",
		"组", "例", "本", "段", "枚", "問", "题", "題", "ペア", "サンプル",
		NULL
	};
	const char *p = s;
	char num[32];
	size_t n = 0, i;
	double v;

	*mag = 0;
	while (*p != '\0' && !(*p >= '0' && *p <= '9')) {
		if ((unsigned char)*p < 0x80)
			return -1;
		p++;
	}
	if (*p == '\0')
		return -1;
	while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.') {
		if (*p != ',' && n < sizeof(num) - 1)
			num[n++] = *p;
		p++;
	}
	num[n] = '\0';
	v = strtod(num, NULL);
	if (strncmp(p, "万", 3) == 0 || strncmp(p, "萬", 3) == 0) {
		v *= 1e4;
		*mag = 1;
		p += 3;
	} else if (strncmp(p, "千", 3) == 0) {
		v *= 1e3;
		*mag = 1;
		p += 3;
	} else if (strncmp(p, "亿", 3) == 0 || strncmp(p, "億", 3) == 0) {
		v *= 1e8;
		*mag = 1;
		p += 3;
	}
	for (i = 0; counters[i] != NULL; i++)
		if (strncmp(p, counters[i], strlen(counters[i])) == 0)
			*mag = 1;
	if ((unsigned char)*p < 0x80 && *p != '\0')
		return -1;
	return v;
}

/*
 * rows -- find the row count.  A number with a magnitude ("10k", "ten
 * thousand") or followed within three words by a count noun ("5,000
 * reviews") wins; otherwise the first plain number of at least 100 that
 * does not look like a year.  Marks the words used.
 */
static long long
rows(struct toks *t)
{
	size_t i, j, end;
	double v, m, weak = 0, acc;
	int mag, any;
	size_t wi = 0, we = 0;

	for (i = 0; i < t->n; i++) {
		mag = 0;
		end = i + 1;
		/*
		 * A number joined by a hyphen describes, it does not count:
		 * "one-line", "5-star", "1-5".
		 */
		if (i + 1 < t->n && t->v[i + 1].sep == '-' &&
		    !t->v[i + 1].brk && multiplier(t->v[i + 1].s) == 0 &&
		    isnumeric(t->v[i].s))
			continue;
		if (i > 0 && t->v[i].sep == '-' && isnumeric(t->v[i - 1].s) &&
		    isnumeric(t->v[i].s))
			continue;
		v = digits(t->v[i].s, &mag);
		if (v < 0 && hasutf8(t->v[i].s)) {
			v = cjknum(t->v[i].s, &mag);
			if (v < 1)
				continue;
		} else if (v < 0) {
			/* number words: "ten thousand", "two hundred" */
			acc = 0;
			v = 0;
			any = 0;
			for (j = i; j < t->n; j++) {
				const char *s = t->v[j].s;
				int nw = numword(s);

				m = multiplier(s);
				/* "half a million" */
				if (strcmp(s, "half") == 0 && !any &&
				    j + 2 < t->n &&
				    strcmp(t->v[j + 1].s, "a") == 0 &&
				    multiplier(t->v[j + 2].s) >= 1e3) {
					v += 0.5 * multiplier(t->v[j + 2].s);
					any = 1;
					mag = 1;
					j += 2;
					continue;
				}
				if (plan_inlist(s, "k m mm"))
					m = 0;
				if (nw > 0 && (strcmp(s, "a") != 0 ||
				    (j + 1 < t->n &&
				    multiplier(t->v[j + 1].s) >= 1e2))) {
					if (nw >= 1000)
						mag = 1;
					acc += nw;
					any = 1;
				} else if (m >= 1e3) {
					v += (any ? acc : 1) * m;
					acc = 0;
					any = 1;
					mag = 1;
				} else if (m == 1e2) {
					acc = (any ? acc : 1) * 100;
					any = 1;
				} else if (strcmp(s, "and") == 0 && any &&
				    j + 1 < t->n && numword(t->v[j + 1].s) > 0)
					continue;
				else
					break;
			}
			if (!any)
				continue;
			v += acc;
			end = j;
		} else {
			/* "3 000", "10 000 000": groups of three after a space */
			while (strlen(t->v[i].s) <= 3 && end < t->n &&
			    t->v[end].sep == ' ' && !t->v[end].brk &&
			    strlen(t->v[end].s) == 3 &&
			    strspn(t->v[end].s, "0123456789") == 3 &&
			    strspn(t->v[end - 1].s, "0123456789") ==
			    strlen(t->v[end - 1].s)) {
				v = v * 1000 + atoi(t->v[end].s);
				end++;
			}
		}
		if (v >= 0 && end < t->n && multiplier(t->v[end].s) > 0) {
			v *= multiplier(t->v[end].s);
			mag = 1;
			end++;
		}
		if (v < 1)
			continue;
		for (j = end; j < t->n && j < end + 3; j++)
			if (inpats(t->v[j].s, plan_count_nouns)) {
				mag = 1;
				break;
			}
		if (mag) {
			for (j = i; j < end; j++)
				t->v[j].used = 1;
			return v > (double)PLAN_MAXROWS ? PLAN_MAXROWS :
			    (long long)llround(v);
		}
		if (weak == 0 && v >= 100 && v == floor(v) &&
		    !(v >= 1900 && v <= 2100)) {
			weak = v;
			wi = i;
			we = end;
		}
		i = end - 1;
	}
	if (weak > 0) {
		for (j = wi; j < we; j++)
			t->v[j].used = 1;
		return weak > (double)PLAN_MAXROWS ? PLAN_MAXROWS :
		    (long long)weak;
	}
	return 0;
}

/* addlang -- append code to the array a unless present; consumes a. */
static jv
addlang(jv a, const char *code)
{
	return plan_has(a, code) ? a : jv_array_append(a, jv_string(code));
}

/* exactcode -- the table's code when s is exactly a language code. */
static const char *
exactcode(const char *s)
{
	size_t i;

	for (i = 0; i < plan_nlangs; i++)
		if (strcmp(s, plan_langs[i].code) == 0)
			return plan_langs[i].code;
	return NULL;
}

/*
 * cjklangs -- add the languages a run of Han or kana names, in the
 * order written ("日本語と英語": ja, en); "多言語" sets *multi.
 */
static jv
cjklangs(const char *w, jv a, int *multi)
{
	const char *p, *best;
	size_t i, bi;

	for (p = w; *p != '\0';) {
		best = NULL;
		bi = 0;
		for (i = 0; plan_cjk_langs[i].word != NULL; i++) {
			const char *q = strstr(p, plan_cjk_langs[i].word);

			if (q != NULL && (best == NULL || q < best)) {
				best = q;
				bi = i;
			}
		}
		if (best == NULL)
			break;
		if (strcmp(plan_cjk_langs[bi].val, "*") == 0)
			*multi = 1;
		else {
			/* "中英": "zh,en" */
			char code[3];
			const char *v = plan_cjk_langs[bi].val;

			for (; strlen(v) >= 2; v += v[2] == ',' ? 3 : 2) {
				memcpy(code, v, 2);
				code[2] = '\0';
				a = addlang(a, code);
				if (v[2] != ',')
					break;
			}
		}
		p = best + strlen(plan_cjk_langs[bi].word);
	}
	return a;
}

/*
 * languages -- the languages named in the prompt, in order, with
 * *multi set when it asks for several languages.  Codes count only
 * where they cannot be ordinary words: after "language(s)", as
 * "pt-BR", or in a list "en/es".
 */
static jv
languages(struct toks *t, int *multi)
{
	jv a = jv_array();
	size_t i, j, n;
	const char *c, *c2;
	int list = 0;

	*multi = 0;
	for (i = 0; i < t->n; i++) {
		if (t->v[i].used)
			continue;
		for (j = 0; plan_multi_pats[j] != NULL; j++) {
			n = matchat(t, i, plan_multi_pats[j]);
			if (n > 0) {
				*multi = 1;
				while (n-- > 0)
					t->v[i + n].used = 1;
				break;
			}
		}
		if (t->v[i].used) {
			list = 1;
			continue;
		}
		c = exactcode(t->v[i].s);
		if (c != NULL && ((list && strchr(":=,(", t->v[i].sep)) ||
		    (i + 1 < t->n &&
		    t->v[i + 1].sep == '-' && strlen(t->v[i + 1].s) == 2 &&
		    !t->v[i + 1].brk) || (i + 1 < t->n &&
		    t->v[i + 1].sep == '/' && exactcode(t->v[i + 1].s)) ||
		    (i > 0 && t->v[i].sep == '/' &&
		    exactcode(t->v[i - 1].s)))) {
			a = addlang(a, c);
			t->v[i].used = 1;
			/* the region of "pt-BR" */
			if (i + 1 < t->n && t->v[i + 1].sep == '-' &&
			    strlen(t->v[i + 1].s) == 2 && !exactcode(
			    t->v[i + 1].s)) {
				t->v[i + 1].used = 1;
				i++;
			}
			continue;
		}
		list = 0;
		/* "language model(s|ing)" is a task, not a list of codes */
		if (inpats(t->v[i].s, plan_langword_pats) && !(i + 1 < t->n &&
		    (strncmp(t->v[i + 1].s, "model", 5) == 0))) {
			t->v[i].used = 1;
			list = 1;
			continue;
		}
		if (hasutf8(t->v[i].w)) {
			size_t before = jv_array_length(jv_copy(a));
			int m0 = *multi;

			a = cjklangs(t->v[i].w, a, multi);
			if ((size_t)jv_array_length(jv_copy(a)) > before ||
			    *multi != m0)
				continue;
		}
		c2 = NULL;
		for (j = 0; j < plan_nlangs && c2 == NULL; j++)
			if (plan_inlist(t->v[i].s, plan_langs[j].names))
				c2 = plan_langs[j].code;
		if (c2 != NULL) {
			a = addlang(a, c2);
			t->v[i].used = 1;
			/* "in Spanish and German", "Spanish, German": a list */
			list = 0;
		}
	}
	return a;
}

/*
 * task -- the best-scoring task, marking the words of every match but
 * those of PLAN_KEEP patterns, which stay keywords.
 */
static int
task(struct toks *t)
{
	int score[NTASK] = { 0 };
	int best = TASK_LM, k;
	size_t i, j, n, bestn;
	size_t *mark;

	mark = xcalloc(t->n + 1, sizeof(*mark));
	for (i = 0; i < t->n; i++) {
		bestn = 0;
		k = -1;
		for (j = 0; plan_task_pats[j].pat != NULL; j++) {
			n = matchat(t, i, plan_task_pats[j].pat);
			if (n > bestn) {
				bestn = n;
				k = plan_task_pats[j].val;
			}
		}
		if (k >= 0) {
			score[k & 0xff] += (int)bestn;
			mark[i] = (k & PLAN_KEEP) ? 0 : bestn;
			i += bestn - 1;
		}
	}
	/* Chinese and Japanese wording, inside runs of Han and kana. */
	for (i = 0; i < t->n; i++) {
		if (!hasutf8(t->v[i].w))
			continue;
		for (j = 0; plan_cjk_tasks[j].word != NULL; j++)
			if (strstr(t->v[i].w, plan_cjk_tasks[j].word) != NULL &&
			    plan_task_id(plan_cjk_tasks[j].val) >= 0)
				score[plan_task_id(plan_cjk_tasks[j].val)] += 2;
	}
	/* A programming language counts for code, and stays a keyword. */
	for (i = 0; i < t->n; i++)
		for (j = 0; plan_progs[j].pat != NULL; j++)
			if (strcmp(t->v[i].w, plan_progs[j].pat) == 0)
				score[TASK_CODE]++;
	for (k = 0; k < NTASK; k++)
		if (score[k] > score[best] ||
		    (score[k] == score[best] && score[k] > 0 && k < best))
			best = k;
	for (i = 0; i < t->n; i++)
		for (n = 0; n < mark[i]; n++)
			t->v[i + n].used = 1;
	free(mark);
	return best;
}

/* domainat -- 1 when a domain pattern matches at word i. */
static int
domainat(const struct toks *t, size_t i)
{
	size_t j;

	for (j = 0; plan_domain_pats[j].pat != NULL; j++)
		if (matchat(t, i, plan_domain_pats[j].pat) > 0)
			return 1;
	return 0;
}

/*
 * sites -- the words of the web sites text names (www.bbc.co.uk) are
 * no keywords and nothing else: the sites are Common Crawl's domain
 * patterns (plan_sites in build.c).
 */
static void
sites(struct toks *t, const char *text)
{
	char *mask = xcalloc(strlen(text) + 1, 1);
	size_t i;

	jv_free(plan_sites(text, mask));
	for (i = 0; i < t->n; i++)
		if (mask[t->v[i].off])
			t->v[i].used = 1;
	free(mask);
}

/*
 * domains -- mark domain phrases (kept whole as keywords) and return
 * the indexes of the first two domains met, -1 for none.
 */
static void
domains(struct toks *t, int dom[2])
{
	size_t i, j, n, bestn;
	int k;

	dom[0] = dom[1] = -1;
	for (i = 0; i < t->n; i++) {
		bestn = 0;
		k = -1;
		for (j = 0; plan_domain_pats[j].pat != NULL; j++) {
			n = matchat(t, i, plan_domain_pats[j].pat);
			if (n > bestn) {
				bestn = n;
				k = plan_domain_pats[j].val;
			}
		}
		if (k < 0)
			continue;
		t->v[i].dom = 1;
		t->v[i].domlen = (int)bestn;
		/*
		 * A one-word domain takes the content word after it:
		 * "biomedical abstracts", "legal contracts".
		 */
		if (bestn == 1 && i + 1 < t->n && !t->v[i + 1].used &&
		    !t->v[i + 1].brk && t->v[i + 1].sep == ' ' &&
		    strlen(t->v[i + 1].s) >= 3 && !isstop(t->v[i + 1].s) &&
		    !isnumeric(t->v[i + 1].s) && !domainat(t, i + 1))
			t->v[i].domlen = 2;
		if (dom[0] < 0)
			dom[0] = k;
		else if (dom[1] < 0 && k != dom[0])
			dom[1] = k;
		i += (size_t)t->v[i].domlen - 1;
	}
}

/* addkw -- append the phrase in b to a unless present or full. */
static jv
addkw(jv a, struct ads_buf *b)
{
	if (b->len == 0)
		return a;
	if (jv_array_length(jv_copy(a)) < PLAN_MAXKEYWORDS &&
	    !plan_has(a, b->p))
		a = jv_array_append(a, jv_string_sized(b->p, (int)b->len));
	ads_buf_reset(b);
	return a;
}

static int
isnumeric(const char *s)
{
	int mag;

	return digits(s, &mag) >= 0 || numword(s) > 0;
}

/*
 * keywords -- domain phrases whole, and runs of up to three content
 * words, in prompt order.
 */
static jv
keywords(struct toks *t)
{
	jv a = jv_array();
	struct ads_buf b = ADS_BUF_INIT;
	size_t i, j, run = 0;

	for (i = 0; i < t->n; i++) {
		if (t->v[i].dom) {
			a = addkw(a, &b);
			for (j = i; j < i + (size_t)t->v[i].domlen; j++) {
				if (j > i)
					ads_buf_addc(&b, ' ');
				ads_buf_adds(&b, t->v[j].w);
			}
			a = addkw(a, &b);
			run = 0;
			i += (size_t)t->v[i].domlen - 1;
			continue;
		}
		if (t->v[i].used || t->v[i].brk || isstop(t->v[i].s) ||
		    isnumeric(t->v[i].s) || run == 3) {
			a = addkw(a, &b);
			run = 0;
			if (t->v[i].used || isstop(t->v[i].s) ||
			    isnumeric(t->v[i].s))
				continue;
		}
		/* one-letter words and long strings are not keywords */
		if (strlen(t->v[i].s) < 2 || strlen(t->v[i].w) > 40) {
			a = addkw(a, &b);
			run = 0;
			continue;
		}
		if (run > 0)
			ads_buf_addc(&b, ' ');
		ads_buf_adds(&b, t->v[i].w);
		run++;
	}
	a = addkw(a, &b);
	ads_buf_free(&b);
	return a;
}

/*
 * Letters that belong to one language of the stop-word lists: each
 * word holding one counts once more for it.
 */
static const struct {
	const char	*code;
	const char	*letters[5];
} hints[] = {
	{ "es", { "\xc3\xb1", "\xc2\xbf", "\xc2\xa1", NULL } },	/* ñ ¿ ¡ */
	{ "de", { "\xc3\x9f", "\xc3\xa4", "\xc3\xb6", "\xc3\xbc", NULL } },
	{ "fr", { "\xc3\xa8", "\xc3\xaa", "\xc5\x93", "\xc3\xae", NULL } },
	{ "pt", { "\xc3\xa3", "\xc3\xb5", NULL } },		/* ã õ */
	{ NULL, { NULL } }
};

/*
 * script -- for a prompt without stop words: Japanese when it has kana,
 * Korean with Hangul, Chinese with Han, else English.
 */
static const char *
script(const struct toks *t)
{
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i;
	int han = 0, kana = 0, hangul = 0;

	for (i = 0; i < t->n; i++)
		for (p = (const utf8proc_uint8_t *)t->v[i].w; *p != '\0';
		    p += k) {
			k = utf8proc_iterate(p, -1, &c);
			if (k <= 0)
				break;
			if (c >= 0x3040 && c <= 0x30ff)
				kana = 1;
			else if (c >= 0xac00 && c <= 0xd7af)
				hangul = 1;
			else if (c >= 0x4e00 && c <= 0x9fff)
				han = 1;
		}
	return kana ? "ja" : hangul ? "ko" : han ? "zh" : "en";
}

/* detect -- the prompt's own language by counting stop words. */
static const char *
detect(const struct toks *t)
{
	static char code[4];
	size_t i, l, h, k, best = 0, bestl = 0, n;
	const char *sp;

	for (l = 0; plan_stop[l] != NULL; l++) {
		sp = strchr(plan_stop[l], ' ');
		if (sp == NULL)
			continue;
		n = 0;
		for (i = 0; i < t->n; i++)
			if (strlen(t->v[i].s) > 1 &&
			    plan_inlist(t->v[i].s, sp + 1))
				n++;
		for (k = 0; plan_markers[k] != NULL; k++) {
			if (strncmp(plan_markers[k], plan_stop[l], 3) != 0)
				continue;
			for (i = 0; i < t->n; i++)
				if (plan_inlist(t->v[i].s, plan_markers[k] + 3))
					n++;
		}
		for (h = 0; hints[h].code != NULL; h++) {
			if (strncmp(plan_stop[l], hints[h].code, 2) != 0)
				continue;
			for (i = 0; i < t->n; i++)
				for (k = 0; hints[h].letters[k] != NULL; k++)
					if (strstr(t->v[i].w,
					    hints[h].letters[k]) != NULL) {
						n++;
						break;
					}
		}
		if (n > best) {
			best = n;
			bestl = l;
		}
	}
	if (best == 0)
		return script(t);
	sp = plan_stop[bestl];
	memcpy(code, sp, 2);
	code[2] = '\0';
	return code;
}

jv
plan_words(const char *list)
{
	jv a = jv_array();
	const char *p = list, *e;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p)
			a = jv_array_append(a,
			    jv_string_sized(p, (int)(e - p)));
		p = e;
	}
	return a;
}

/* progs -- programming languages named, as GitHub language names. */
static jv
progs(const struct toks *t)
{
	static const char *const gh[] = {
		"python", "javascript", "typescript", "java", "rust", "go",
		"c++", "c#", "ruby", "php", "kotlin", "haskell", "sql",
		"scala"
	};
	jv a = jv_array();
	size_t i, j;

	for (i = 0; i < t->n; i++)
		for (j = 0; plan_progs[j].pat != NULL; j++)
			if (strcmp(t->v[i].w, plan_progs[j].pat) == 0) {
				a = addlang(a, gh[plan_progs[j].val]);
				break;
			}
	return a;
}

/*
 * named -- the sources the prompt names ("from Reddit and Wikipedia"),
 * marking their words; plan_build() gives them a larger share.
 */
static jv
named(struct toks *t, int *only)
{
	static const char *const excl[] = {
		"only", "exclusively", "just", "solely", "solo", "solamente",
		"unicamente", "nur", "ausschliesslich", "uniquement",
		"seulement", "exclusivement", "apenas", "somente", "soltanto",
		NULL
	};
	static const struct plan_pat srcs[] = {
		{ "wikipedia", 0 }, { "wiki", 0 }, { "reddit", 1 },
		{ "subreddit*", 1 }, { "youtube", 2 }, { "kaggle", 3 },
		{ "hugging face", 4 }, { "huggingface", 4 }, { "hf hub", 4 },
		{ "arxiv", 5 }, { "github", 6 }, { "semantic scholar", 7 },
		{ "semanticscholar", 7 }, { "common crawl", 8 },
		{ "commoncrawl", 8 }, { NULL, 0 }
	};
	static const char *const names[] = {
		"wikipedia", "reddit", "youtube", "kaggle", "huggingface",
		"arxiv", "github", "semanticscholar", "commoncrawl"
	};
	jv a = jv_array();
	size_t i, j, n, k;

	*only = 0;
	for (i = 0; i < t->n; i++)
		for (j = 0; srcs[j].pat != NULL; j++) {
			n = matchat(t, i, srcs[j].pat);
			if (n == 0)
				continue;
			a = addlang(a, names[srcs[j].val]);
			/* "only from Reddit", "Reddit only" */
			for (k = i > 2 ? i - 2 : 0; k < i + n + 2 && k < t->n;
			    k++)
				if (k < i || k >= i + n) {
					size_t e;

					for (e = 0; excl[e] != NULL; e++)
						if (strcmp(t->v[k].s, excl[e]) == 0)
							*only = 1;
				}
			while (n-- > 0)
				t->v[i + n].used = 1;
			break;
		}
	return a;
}

jv
plan_analyze(const char *prompt, size_t n)
{
	struct toks t;
	jv s, brief, langs, subs, cats, prefer, named_labels, facts;
	char *low, *nfc, *stripped;
	const char *own, *task_id;
	int multi, tk, dom[2], k, how, only, stated;
	size_t i;
	long long nrows;

	if (n > PLAN_MAXPROMPT)
		n = PLAN_MAXPROMPT;
	/* jv_string_sized replaces invalid UTF-8 with U+FFFD. */
	s = jv_string_sized(prompt, (int)n);
	low = fold(jv_string_value(s), 0);
	nfc = nfcof(jv_string_value(s));
	jv_free(s);
	tokenize(low, &t);
	sites(&t, low);

	nrows = rows(&t);
	langs = languages(&t, &multi);
	/* languages named, not "several languages" */
	stated = jv_array_length(jv_copy(langs)) > 0;
	if (multi)
		for (i = 0; plan_multi_default[i] != NULL; i++)
			langs = addlang(langs, plan_multi_default[i]);
	own = detect(&t);
	if (jv_array_length(jv_copy(langs)) == 0)
		langs = addlang(langs, own);
	prefer = named(&t, &only);
	tk = task(&t);
	named_labels = plan_labels_named(nfc, tk == TASK_NER, &how);
	/*
	 * A request that names its labels is a classification, and one
	 * that names a rating scale ("1-5 stars") is one whatever it says.
	 */
	if ((tk == TASK_LM && how == LABELS_CUE) ||
	    (tk != TASK_NER && tk != TASK_CLASSIFICATION &&
	    how == LABELS_SCALE))
		tk = TASK_CLASSIFICATION;
	/* Label words that say nothing of the topic are no keywords. */
	if (jv_array_length(jv_copy(named_labels)) > 0)
		for (i = 0; i < t.n; i++)
			if (!t.v[i].used && plan_label_noise(t.v[i].w,
			    tk == TASK_NER))
				t.v[i].used = 1;
	domains(&t, dom);
	facts = jv_array();
	if (nrows > 0)
		facts = jv_array_append(facts, jv_string("target_rows"));
	if (stated)
		facts = jv_array_append(facts, jv_string("languages"));
	if (jv_array_length(jv_copy(named_labels)) > 0)
		facts = jv_array_append(facts, jv_string("labels"));
	if (jv_array_length(jv_copy(prefer)) > 0)
		facts = jv_array_append(facts, jv_string("sources"));

	subs = jv_array();
	cats = jv_array();
	for (k = 0; k < 2; k++) {
		jv w;

		if (dom[k] < 0)
			continue;
		w = plan_words(plan_domains[dom[k]].subreddits);
		jv_array_foreach(w, wi, x) {
			subs = addlang(subs, jv_string_value(x));
			jv_free(x);
		}
		jv_free(w);
		w = plan_words(plan_domains[dom[k]].categories);
		jv_array_foreach(w, wi, x) {
			cats = addlang(cats, jv_string_value(x));
			jv_free(x);
		}
		jv_free(w);
	}

	brief = jv_object();
	brief = ads_json_set(brief, "task", jv_string(plan_task_names[tk]));
	stripped = plan_fold(nfc);
	brief = ads_json_set(brief, "labels", plan_labels(tk,
	    named_labels, how, stripped,
	    dom[0] >= 0 ? plan_domains[dom[0]].name : NULL, langs,
	    &task_id));
	brief = ads_json_set(brief, "task_id",
	    task_id != NULL ? jv_string(task_id) : jv_null());
	brief = ads_json_set(brief, "domain", dom[0] >= 0 ?
	    jv_string(plan_domains[dom[0]].name) : jv_null());
	brief = ads_json_set(brief, "languages", langs);
	brief = ads_json_set(brief, "keywords", keywords(&t));
	brief = ads_json_set(brief, "target_rows", jv_number((double)nrows));
	brief = ads_json_set(brief, "subreddits", subs);
	brief = ads_json_set(brief, "categories", cats);
	brief = ads_json_set(brief, "datasets", jv_array());
	brief = ads_json_set(brief, "code_languages", progs(&t));
	brief = ads_json_set(brief, "prefer", prefer);
	if (only)
		brief = ads_json_set(brief, "prefer_only", jv_true());
	brief = ads_json_set(brief, "facts", facts);
	brief = ads_json_set(brief, "prompt_lang", jv_string(own));
	toks_free(&t);
	free(low);
	free(nfc);
	free(stripped);
	return brief;
}
