/*
 * labels.c -- the subtask and the label set of a classification or
 * tagging request
 *
 * plan_labels_named() reads the labels a prompt names, in this order of
 * trust: a numeric scale ("1-5 stars", "rated 1 to 10"), a list after a
 * cue ("labelled positive, negative or neutral", "classify ... as
 * bullish or bearish", "categories: a, b, c", "分类：正面、负面"), a list
 * in parentheses ("emotion detection (joy, anger, ...)"), words joined by
 * "vs" ("spam vs ham"), by slashes ("PER/ORG/LOC", "positivo/negativo"),
 * a list of upper-case tags for tagging ("PER, ORG, LOC and LAW"), or
 * by "or" when every word is a known label ("bullish or bearish").
 * plan_labels() then gives the task's label set with descriptions:
 * those named, else the default of the subtask (ads-plan(1)).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <pcre2.h>

#include "../../common/buf.h"
#include "../../common/util.h"
#include "plan.h"

/*
 * Known labels: the name a plan uses, the folded words in English,
 * Spanish, German, French, Italian, Portuguese, Japanese and Chinese
 * that name it, and its description.
 */
static const struct known {
	const char	*name;
	const char	*words;
	const char	*desc;
} known[] = {
	{ "positive", "positive positives positivo positiva positivos positivas "
	    "positiven positivi positiv "
	    "positif pos ポジティブ 肯定 正面 积极 正向 好评 肯定的",
	    "expresses a favourable opinion or feeling" },
	{ "negative", "negative negatives negativo negativa negativos negativas "
	    "negativen negativi negativ "
	    "negatif neg ネガティブ 否定 负面 消极 负向 差评 否定的",
	    "expresses an unfavourable opinion or feeling" },
	{ "neutral", "neutral neutro neutra neutre neutrale neutros neutras "
	    "neutrales neutres neutri 中立 中性 "
	    "ニュートラル", "expresses no clear opinion either way" },
	{ "mixed", "mixed mixto mixta gemischt mixte misto",
	    "expresses both favourable and unfavourable opinions" },
	{ "joy", "joy alegria freude joie gioia 喜び 喜悦 快乐 喜",
	    "expresses joy or happiness" },
	{ "anger", "anger ira enojo wut zorn colere rabbia raiva 怒り 愤怒 怒",
	    "expresses anger or annoyance" },
	{ "sadness", "sadness tristeza traurigkeit trauer tristesse "
	    "tristezza 悲しみ 悲伤 哀", "expresses sadness or grief" },
	{ "fear", "fear miedo angst peur paura medo 恐怖 恐れ 惧",
	    "expresses fear or worry" },
	{ "surprise", "surprise sorpresa uberraschung surpresa 驚き 惊讶 惊",
	    "expresses surprise" },
	{ "disgust", "disgust asco ekel degout disgusto nojo 嫌悪 厌恶",
	    "expresses disgust" },
	{ "love", "love amor liebe amour amore 愛 爱",
	    "expresses love or affection" },
	{ "spam", "spam", "unsolicited bulk or commercial message" },
	{ "ham", "ham", "a legitimate message, not spam" },
	{ "toxic", "toxic", "rude, disrespectful or hateful" },
	{ "non-toxic", "non-toxic nontoxic", "not toxic" },
	{ "hate", "hate", "attacks or demeans a group or a person for who "
	    "they are" },
	{ "offensive", "offensive", "offensive, but not hate speech" },
	{ "neither", "neither", "neither hateful nor offensive" },
	{ "fake", "fake", "false or fabricated news" },
	{ "real", "real", "genuine news" },
	{ "sarcastic", "sarcastic", "says the opposite of what it means, to "
	    "mock" },
	{ "not-sarcastic", "not-sarcastic non-sarcastic", "meant literally" },
	{ "ironic", "ironic", "ironic" },
	{ "not-ironic", "not-ironic non-ironic", "not ironic" },
	{ "favor", "favor favour", "supports the target" },
	{ "against", "against", "opposes the target" },
	{ "none", "none", "takes no stance on the target" },
	{ "entailment", "entailment", "the premise implies the hypothesis" },
	{ "contradiction", "contradiction",
	    "the premise contradicts the hypothesis" },
	{ "bullish", "bullish", "expects prices to rise" },
	{ "bearish", "bearish", "expects prices to fall" },
	{ "hawkish", "hawkish", "favours tighter monetary policy" },
	{ "dovish", "dovish", "favours looser monetary policy" },
	{ "PER", "per person persons people personas personnes persone "
	    "pessoas", "a person's name" },
	{ "ORG", "org organization organizations organisation organisations "
	    "organizaciones organisationen organizzazioni organizacoes",
	    "an organisation: company, institution, team, party" },
	{ "LOC", "loc location locations place places lugares orte lieux "
	    "luoghi locais", "a location: country, city, region, landmark" },
	{ "MISC", "misc miscellaneous", "another named entity: event, "
	    "nationality, product, work" },
	{ "GPE", "gpe", "a geopolitical entity: country, state, city" },
	{ "DATE", "date dates", "a date or period" },
	{ "TIME", "time", "a time of day" },
	{ "MONEY", "money", "an amount of money" },
	{ "PRODUCT", "product products", "a product" },
	{ "EVENT", "event events", "a named event" },
	{ "ADJ", "adj adjective adjectives", "an adjective" },
	{ "ADP", "adp adposition adpositions preposition prepositions",
	    "an adposition: a preposition or a postposition" },
	{ "ADV", "adv adverb adverbs", "an adverb" },
	{ "AUX", "aux auxiliary", "an auxiliary verb" },
	{ "CCONJ", "cconj", "a coordinating conjunction" },
	{ "DET", "det determiner determiners", "a determiner" },
	{ "INTJ", "intj interjection interjections", "an interjection" },
	{ "NOUN", "noun nouns", "a noun" },
	{ "NUM", "num numeral numerals", "a numeral" },
	{ "PART", "part particle particles", "a particle" },
	{ "PRON", "pron pronoun pronouns", "a pronoun" },
	{ "PROPN", "propn", "a proper noun" },
	{ "PUNCT", "punct punctuation", "punctuation" },
	{ "SCONJ", "sconj", "a subordinating conjunction" },
	{ "SYM", "sym symbol symbols", "a symbol" },
	{ "VERB", "verb verbs", "a verb" },
	{ "X", "x", "a word of no other class" },
	{ "DISEASE", "disease diseases", "a disease, disorder or symptom" },
	{ "CHEMICAL", "chemical chemicals drug drugs",
	    "a chemical or a drug" },
	{ "GENE", "gene genes protein proteins", "a gene or a protein" },
	{ "SPECIES", "species organism organisms",
	    "a species or an organism" },
	{ "world", "world", "world news and international affairs" },
	{ "sports", "sports", "sports" },
	{ "business", "business", "business, the economy and markets" },
	{ "science and technology", "science-and-technology sci/tech",
	    "science and technology" },
	{ "politics", "politics", "politics and government" },
	{ "science", "science", "science and research" },
	{ "technology", "technology", "technology and computing" },
	{ "health", "health", "health and medicine" },
	{ "entertainment", "entertainment",
	    "entertainment, culture and celebrities" },
	{ "phishing", "phishing", "tries to steal credentials or money" },
	{ "legitimate", "legitimate legit", "a genuine message" },
	{ "clickbait", "clickbait", "a headline written to lure clicks" },
	{ "not-clickbait", "not-clickbait non-clickbait",
	    "a headline that informs" },
	{ "fraudulent", "fraudulent fraud", "part of a fraud" },
	{ "human", "human human-written", "written by a person" },
	{ "machine-generated", "machine-generated ai-generated generated",
	    "written by a model" },
	{ NULL, NULL, NULL }
};

/* Default sets: the subtask's task_ids id, its cue and its labels. */
struct kind {
	const char	*task_id;
	const char	*cue;		/* PCRE2, on the folded prompt */
	const char	*labels;	/* space-separated */
};

static const struct kind kinds[] = {
	{ "sentiment-scoring", "\\bstars?\\b|\\bsterne?\\b|estrella|"
	    "etoile|estrela|\\bstelle\\b|星|\\bratings?\\b|\\brated\\b",
	    "1 2 3 4 5" },
	{ "multi-class-classification", "emoti|emocion|emocao|emocoe|"
	    "gefuhl|emozion|情绪", "anger disgust fear joy sadness surprise" },
	{ "hate-speech-detection", "\\bhate\\b|hate speech|hassrede|\\bhass\\b|odio|haine|仇恨|"
	    "ヘイト",
	    "hate offensive neither" },
	{ "multi-class-classification", "toxi", "non-toxic toxic" },
	{ "multi-class-classification", "spam", "ham spam" },
	{ "multi-class-classification", "phishing", "legitimate phishing" },
	{ "multi-class-classification", "clickbait",
	    "not-clickbait clickbait" },
	{ "multi-class-classification", "\\bfraud", "legitimate fraudulent" },
	{ "multi-class-classification", "ai.generated|machine.generated|"
	    "ai.written|chatgpt", "human machine-generated" },
	{ "fact-checking", "fake|desinform|disinform|misinform|falsas|"
	    "fausses|falschmeld|fact.check", "fake real" },
	{ "multi-class-classification", "sarcas", "not-sarcastic sarcastic" },
	{ "multi-class-classification", "ironi|irony",
	    "not-ironic ironic" },
	{ "multi-class-classification", "\\bstance", "favor against none" },
	{ "natural-language-inference", "inference|entailment|\\bnli\\b",
	    "entailment neutral contradiction" },
	{ "intent-classification", "intent|intenc|absicht", "" },
	{ "language-identification", "language ident|language detect|"
	    "langid", "" },
	{ "sentiment-classification", "sentiment|stimmung|polarit|opinion|"
	    "meinung|情感|感情|ネガポジ|評判", "negative neutral positive" },
	{ NULL, NULL, NULL }
};

/* Topic labels for a domain, and the general default. */
static const char *const topics[][2] = {
	{ "news", "world|sports|business|science and technology" },
	{ "politics", "world|sports|business|science and technology" },
	{ NULL, "world|politics|business|science|technology|health|sports|"
	    "entertainment" }
};

static const char upos[] = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART "
    "PRON PROPN PUNCT SCONJ SYM VERB X";

/* The patterns, compiled once. */
enum { P_SCALE, P_NSTAR, P_SCALEWORD, P_CUE, P_PAREN, P_VS, P_SLASH,
	P_CAPS, P_OR, P_COMMA, P_ORNOT, P_SEP, P_END, NPAT };

static const char *const pats[NPAT] = {
	/* P_SCALE: "1-5", "1 to 10", "1 a 5" */
	"(?<![\\d.,])([01])\\s*(?:-|–|—|~|〜|to|a|à|bis|al|ate|até|à|a)\\s*"
	    "(\\d{1,2})(?![\\d.,]*\\s*(?:k\\b|m\\b|mil\\b|thousand|rows|"
	    "examples|ejemplos|beispiele|exemples|exemplos))",
	/* P_NSTAR: "5-star", "five star" */
	"\\b(\\d{1,2}|three|four|five|ten|cinco|diez|fünf|zehn|cinq|dix|"
	    "cinque|dieci)[- ]?(?:stars?|sterne?|estrellas?|étoiles?|"
	    "estrelas?|stelle)",
	/* P_SCALEWORD */
	"\\bstars?\\b|\\bstern|estrell|étoile|etoile|estrel|\\bstell|星|"
	    "\\brating|\\brated\\b|\\bscore|\\bscale|bewert|valuta|avalia|"
	    "puntua|\\bnote|評価|评分|\\bgrade",
	/* P_CUE: the list follows */
	"(?:\\b(?:labell?ed|tagged|annotated|marked|classified|"
	    "categori[sz]ed|sorted|grouped)(?:\\s+(?:as|into|in|with|by))?"
	    "(?:\\s+(?:either|one of))?\\s*[:：]?\\s"
	"|\\b(?:classif|clasific|klassifi|categori[sz])\\w*\\b"
	    "[^.,;:()]{0,60}?\\s(?:as|into|in|en|em|como|come|comme)\\s"
	    "(?:either\\s|one of\\s)?"
	"|\\b(?:labels?|classes|categories|tags|tagset|tag set|label set)"
	    "\\s*(?:[:：=]|\\bof\\b|\\blike\\b|\\bsuch as\\b|\\bare\\b|"
	    "\\bincluding\\b)?\\s*"
	"|\\b(?:intents?|topics?|sentiments?|emotions?|classification|"
	    "types?|class|labels?|tipos?|typen?|classe|categoria|"
	    "detection|categor(?:y|ies)|temas?|themen|thema|sujets?|"
	    "t[oó]picos?|argomenti|klassen|kategorien|etiquetas|clases|"
	    "categor[ií]as|étiquettes|catégories|etichette|classi|categorie|"
	    "rótulos|categorias)\\s*[:：]\\s*"
	"|\\b(?:etiquetad[oa]s?|clasificad[oa]s?|marcad[oa]s?|anotad[oa]s?|"
	    "rotulad[oa]s?|classificad[oa]s?)\\s+(?:como|em|en)\\s"
	"|\\b(?:clasific|classific)\\w*\\b[^.,;:()]{0,60}?\\s(?:como|come)\\s"
	"|\\b(?:klassifizier\\w*|eingeteilt|markiert|gelabelt|annotiert|"
	    "eingestuft|einordnen|einteilen)\\b[^.,;:()]{0,60}?\\s(?:als|in)\\s"
	"|\\b(?:étiquet\\w*|class[ée]\\w*|annot[ée]\\w*|classer|classifier)"
	    "\\b[^.,;:()]{0,60}?\\s(?:comme|en)\\s"
	"|\\b(?:etichettat\\w*)\\s+(?:come|in)\\s"
	"|(?:分类|分類|标签|ラベル|类别|カテゴリ|クラス)[はを]?\\s*[:：]\\s*)",
	/* P_PAREN, unless it gives examples */
	"[(（](?!\\s*(?:e\\.\\s?g\\.?|eg\\b|i\\.\\s?e\\.?|such as|like|"
	    "including|z\\.\\s?b\\.?|p\\.\\s?ej\\.?|par ex|ex\\.|por exemplo|"
	    "por ejemplo|zum beispiel|per esempio|例如|例えば))"
	    "([^()（）]{2,200})[)）]",
	/* P_VS */
	"([\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_-]*)\\s+(?:vs\\.?|versus|"
	    "contre|gegen)\\s+([\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_-]*)",
	/* P_SLASH */
	"(?:(?:non|not|no|kein|keine|nicht|pas|sans|não|nao)[ -])?"
	    "[\\p{L}][\\p{L}\\p{N}\\p{M}_-]*(?:\\s*[/／]\\s*"
	    "(?:(?:non|not|no|kein|keine|nicht|pas|sans|não|nao)[ -])?"
	    "[\\p{L}][\\p{L}\\p{N}\\p{M}_-]*){1,16}",
	/* P_CAPS */
	"\\b[A-Z][A-Z0-9_-]{1,11}(?:\\s*(?:,|/|\\||\\s(?:and|or|und|et|y|e)"
	    "\\s)\\s*[A-Z][A-Z0-9_-]{1,11}\\b){1,24}",
	/* P_OR: words joined by or, with commas */
	"[\\p{L}][\\p{L}\\p{M}_-]*(?:\\s*,\\s*[\\p{L}][\\p{L}\\p{M}_-]*){0,16}"
	    "\\s*,?\\s+(?:or|o|ou|oder|and|y|e|et|und)\\s+"
	    "[\\p{L}][\\p{L}\\p{M}_-]*",
	/* P_COMMA: words joined by commas */
	"[\\p{L}][\\p{L}\\p{M}_-]*(?:\\s*[,、，・]\\s*[\\p{L}][\\p{L}\\p{M}_-]*)"
	    "{1,16}",
	/* P_ORNOT: "disaster or not" */
	"(?<!whether)(?<!whether or)\\b([\\p{L}][\\p{L}\\p{M}_-]{2,})\\s+or\\s+not\\b",
	/* P_SEP */
	"\\s*(?:,\\s*(?:(?:or|and|y|o|u|e|ou|et|oder|und|ed)\\s+)?|、|，|・|"
	    "／|/|\\||\\s(?:or|and|vs\\.?|versus|y|o|u|e|ou|et|oder|und|ed|"
	    "bzw\\.?)\\s)\\s*",
	/* P_END: where a list after a cue ends */
	"[.;!?()（）\\[\\]\\n:：。]|\\s(?:for|from|in|with|about|on|using|"
	    "to|that|which|para|für|pour|per|sur|aus|von|um|sobre|com|con|"
	    "su|dans|nel|nei|nelle)\\s"
};

static pcre2_code *re[NPAT];
static pcre2_code *kre[sizeof(kinds) / sizeof(kinds[0])];
static pcre2_match_data *md;

static void
compile(void)
{
	PCRE2_SIZE off;
	int err, i;
	uint32_t opt;

	if (md != NULL)
		return;
	for (i = 0; i < NPAT; i++) {
		opt = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
		if (i != P_CAPS)
			opt |= PCRE2_CASELESS;
		re[i] = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED,
		    opt & ~PCRE2_NO_UTF_CHECK, &err, &off, NULL);
		if (re[i] == NULL)
			ads_die(ADS_SYSTEM, "labels: pattern %d: error %d at %zu",
			    i, err, (size_t)off);
	}
	for (i = 0; kinds[i].task_id != NULL; i++) {
		kre[i] = pcre2_compile((PCRE2_SPTR)kinds[i].cue,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off,
		    NULL);
		if (kre[i] == NULL)
			ads_die(ADS_SYSTEM, "labels: cue %d: error %d at %zu",
			    i, err, (size_t)off);
	}
	md = pcre2_match_data_create(8, NULL);
}

/* find -- match pattern p in s[0..n) from off; start/end of group g. */
static int
find(int p, const char *s, size_t n, size_t off, int g, size_t *a,
    size_t *b)
{
	PCRE2_SIZE *ov;

	if (off > n || pcre2_match(re[p], (PCRE2_SPTR)s, n, off,
	    PCRE2_NO_UTF_CHECK, md, NULL) <= g)
		return 0;
	ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * g] == PCRE2_UNSET)
		return 0;
	*a = ov[2 * g];
	*b = ov[2 * g + 1];
	return 1;
}

/* wordlist -- w (folded) is one of the space-separated words of list. */
static int
wordlist(const char *w, const char *list)
{
	size_t n = strlen(w);
	const char *p = list, *e;

	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, w, n) == 0)
			return 1;
		p = *e == ' ' ? e + 1 : e;
	}
	return 0;
}

/* lookup -- the known label an item names, or NULL. */
static const struct known *
lookup(const char *item, int tagging)
{
	char *f = plan_fold(item);
	const struct known *k, *r = NULL;
	size_t i;

	for (i = 0; f[i] != '\0'; i++)
		if (f[i] == ' ')
			f[i] = '-';
	for (k = known; k->name != NULL && r == NULL; k++) {
		/* NER tags only name tags of a tagging task */
		if (!tagging && k->name[0] >= 'A' && k->name[0] <= 'Z')
			continue;
		if (tagging && !(k->name[0] >= 'A' && k->name[0] <= 'Z') &&
		    strcasecmp(f, k->name) != 0)
			continue;
		if (wordlist(f, k->words) || wordlist(item, k->words) ||
		    strcasecmp(f, k->name) == 0)
			r = k;
	}
	free(f);
	return r;
}

/* reject -- an item that cannot be a label: a language, a source. */
static int
reject(const char *item)
{
	static const char *const bad[] = {
		"reddit", "wikipedia", "youtube", "github", "kaggle", "arxiv",
		"hugging face", "huggingface", "the", "a", "an", "etc", "e.g",
		"eg", "i.e", "ie", "rows", "examples", "more", NULL
	};
	char *f = plan_fold(item);
	size_t i;
	int r = 0;

	for (i = 0; bad[i] != NULL; i++)
		if (strcmp(f, bad[i]) == 0)
			r = 1;
	if (strlen(f) > 2 && plan_lang_code(f) != NULL)
		r = 1;
	free(f);
	return r;
}

/*
 * quote -- the length of the quotation mark that s (n bytes) starts
 * with, or with end set ends with; 0 for none.
 */
static size_t
quote(const char *s, size_t n, int end)
{
	static const char *const q[] = {
		"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99",
		"\xc2\xab", "\xc2\xbb", "\xe3\x80\x8c", "\xe3\x80\x8d",
		"\xe3\x80\x8e", "\xe3\x80\x8f", NULL
	};	/* “ ” ‘ ’ « » 「 」 『 』 */
	size_t i, l;

	for (i = 0; q[i] != NULL; i++) {
		l = strlen(q[i]);
		if (n >= l && memcmp(end ? s + n - l : s, q[i], l) == 0)
			return l;
	}
	return 0;
}

/*
 * split -- the items of s[a..b) cut at separators, as a new array; stops
 * at an item with a digit, more than three words or that is not a label.
 * *open is set when the list ends in "..." or "etc".  Returns the items
 * (maybe fewer than two).
 */
static jv
split(const char *s, size_t a, size_t b, int *open)
{
	jv out = jv_array();
	size_t sa, sb, p = a, e, i, k;
	char item[128];
	int last = 0, conj = 0;

	*open = 0;
	while (p < b && !last) {
		if (conj) {
			/* the item after "or", "and": the list's last */
			if (!find(P_SEP, s, b, p, 0, &sa, &sb) || sb <= sa)
				sa = sb = b;
			e = sa;
			last = 1;
		} else if (find(P_SEP, s, b, p, 0, &sa, &sb) && sb > sa) {
			e = sa;
			for (k = sa; k < sb; k++)
				if ((s[k] >= 'a' && s[k] <= 'z') ||
				    (s[k] >= 'A' && s[k] <= 'Z'))
					conj = 1;
		} else {
			e = b;
			sb = b;
			last = 1;
		}
		/* trim spaces, quotes, dots */
		for (;;) {
			if (p < e && strchr(" \t\"'", s[p]) != NULL)
				p++;
			else if (p < e && (k = quote(s + p, e - p, 0)) > 0)
				p += k;
			else
				break;
		}
		for (;;) {
			if (e > p && strchr(" \t\"'.", s[e - 1]) != NULL) {
				if (s[e - 1] == '.')
					*open = 1;
				e--;
			} else if (e > p && (k = quote(s + p, e - p, 1)) > 0)
				e -= k;
			else
				break;
		}
		/* "…" and "etc" */
		if (e - p >= 3 && memcmp(s + e - 3, "\xe2\x80\xa6", 3) == 0) {
			*open = 1;
			e -= 3;
			while (e > p && s[e - 1] == ' ')
				e--;
		}
		if (e - p >= 3 && strncasecmp(s + e - 3, "etc", 3) == 0 &&
		    (e - p == 3 || s[e - 4] == ' ')) {
			*open = 1;
			e -= 3;
			while (e > p && (s[e - 1] == ' ' || s[e - 1] == ','))
				e--;
		}
		if (e > p) {
			if (e - p >= sizeof(item))
				break;
			memcpy(item, s + p, e - p);
			item[e - p] = '\0';
			for (i = 0; item[i] != '\0'; i++)
				if (item[i] >= '0' && item[i] <= '9')
					break;
			if (item[i] != '\0' || ads_words(item, strlen(item)) > 3 ||
			    reject(item))
				break;
			out = jv_array_append(out, jv_string(item));
		}
		if (*open)
			break;
		p = sb;
	}
	return out;
}

/* scale -- "1".."hi" from lo, as an array. */
static jv
scale(int lo, int hi)
{
	jv a = jv_array();
	char n[8];
	int i;

	for (i = lo; i <= hi; i++) {
		snprintf(n, sizeof(n), "%d", i);
		a = jv_array_append(a, jv_string(n));
	}
	return a;
}

static int
scalenum(const char *s, size_t n)
{
	static const char *const w[][2] = {
		{ "three", "3" }, { "four", "4" }, { "five", "5" },
		{ "ten", "10" }, { "cinco", "5" }, { "diez", "10" },
		{ "fünf", "5" }, { "zehn", "10" }, { "cinq", "5" },
		{ "dix", "10" }, { "cinque", "5" }, { "dieci", "10" },
		{ NULL, NULL }
	};
	size_t i;

	if (n > 0 && s[0] >= '0' && s[0] <= '9')
		return atoi(s);
	for (i = 0; w[i][0] != NULL; i++)
		if (strlen(w[i][0]) == n && strncasecmp(s, w[i][0], n) == 0)
			return atoi(w[i][1]);
	return 0;
}

/* allknown -- every item of a (consumed) is a known label. */
static int
allknown(jv a, int tagging)
{
	int ok = jv_array_length(jv_copy(a)) >= 2;

	jv_array_foreach(a, i, x) {
		if (lookup(jv_string_value(x), tagging) == NULL)
			ok = 0;
		jv_free(x);
	}
	jv_free(a);
	return ok;
}

/*
 * negated -- "disaster or not": the list's second item is its first's
 * opposite, "not-disaster".  Consumes l.
 */
static jv
negated(jv l)
{
	jv b;
	char *f;

	if (jv_array_length(jv_copy(l)) != 2)
		return l;
	b = jv_array_get(jv_copy(l), 1);
	f = plan_fold(jv_string_value(b));
	if (plan_inlist(f, "not no nicht pas non nao")) {
		jv a = jv_array_get(jv_copy(l), 0);

		l = jv_array_set(l, 1, jv_string_fmt("not-%s",
		    jv_string_value(a)));
		jv_free(a);
	}
	free(f);
	jv_free(b);
	return l;
}

jv
plan_labels_named(const char *s, int tagging, int *how)
{
	size_t n = strlen(s), a, b, c, d, e, off;
	jv l;
	int open, lo, hi;

	compile();
	*how = LABELS_NONE;
	/* A numeric scale near a word about ratings. */
	for (off = 0; find(P_SCALE, s, n, off, 1, &a, &b); off = b) {
		lo = atoi(s + a);
		find(P_SCALE, s, n, off, 2, &c, &d);
		hi = atoi(s + c);
		off = d;
		if (hi < 2 || hi > 10)
			continue;
		a = a > 40 ? a - 40 : 0;
		if (find(P_SCALEWORD, s, d + 40 < n ? d + 40 : n, a, 0, &c,
		    &b)) {
			*how = LABELS_SCALE;
			return scale(lo, hi);
		}
		b = d;
	}
	if (find(P_NSTAR, s, n, 0, 1, &a, &b)) {
		hi = scalenum(s + a, b - a);
		if (hi >= 2 && hi <= 10) {
			*how = LABELS_SCALE;
			return scale(1, hi);
		}
	}
	/* Upper-case tags, for tagging. */
	if (tagging && find(P_CAPS, s, n, 0, 0, &a, &b)) {
		l = split(s, a, b, &open);
		if (jv_array_length(jv_copy(l)) >= 2) {
			*how = LABELS_CUE;
			return l;
		}
		jv_free(l);
	}
	/* A list after a cue. */
	for (off = 0; find(P_CUE, s, n, off, 0, &a, &b); off = b) {
		/* a list is short: look for its end near the cue */
		e = b + 400 < n ? b + 400 : n;
		if (!find(P_END, s, e, b, 0, &c, &d))
			c = e;
		l = split(s, b, c, &open);
		if (jv_array_length(jv_copy(l)) >= 2) {
			*how = open ? LABELS_OPEN : LABELS_CUE;
			return negated(l);
		}
		jv_free(l);
	}
	/* A list in parentheses. */
	for (off = 0; find(P_PAREN, s, n, off, 1, &a, &b); off = b) {
		l = split(s, a, b, &open);
		if (jv_array_length(jv_copy(l)) >= 2) {
			*how = open ? LABELS_OPEN : LABELS_PAREN;
			return l;
		}
		jv_free(l);
	}
	/* "spam vs ham" */
	if (find(P_VS, s, n, 0, 0, &a, &b)) {
		find(P_VS, s, n, 0, 1, &a, &c);
		find(P_VS, s, n, 0, 2, &d, &b);
		l = split(s, a, b, &open);
		if (jv_array_length(jv_copy(l)) >= 2 && !reject(s + d)) {
			*how = LABELS_CUE;
			return l;
		}
		jv_free(l);
	}
	/* "positive/negative", "PER/ORG/LOC" */
	for (off = 0; find(P_SLASH, s, n, off, 0, &a, &b); off = b) {
		l = split(s, a, b, &open);
		if (jv_array_length(jv_copy(l)) >= 2) {
			*how = LABELS_PAREN;
			return l;
		}
		jv_free(l);
	}
	/* "bullish or bearish": only known labels */
	for (off = 0; find(P_OR, s, n, off, 0, &a, &b); off = b) {
		l = split(s, a, b, &open);
		if (allknown(jv_copy(l), tagging)) {
			*how = LABELS_CUE;
			return l;
		}
		jv_free(l);
		/* try again from the next word */
		while (a < n && s[a] != ' ')
			a++;
		if (a >= b)
			continue;
		b = a;
	}
	/* "disaster or not" */
	if (find(P_ORNOT, s, n, 0, 1, &a, &b)) {
		char w[64];

		if (b - a < sizeof(w)) {
			memcpy(w, s + a, b - a);
			w[b - a] = '\0';
		}
		if (b - a < sizeof(w) && strcasecmp(w, "whether") != 0 &&
		    !reject(w)) {
			*how = LABELS_PAREN;
			return jv_array_append(jv_array_append(jv_array(),
			    jv_string(w)), jv_string_fmt("not-%s", w));
		}
	}
	/* "positivo, negativo, neutro": only known labels */
	for (off = 0; find(P_COMMA, s, n, off, 0, &a, &b); off = b) {
		l = split(s, a, b, &open);
		if (allknown(jv_copy(l), tagging)) {
			*how = LABELS_CUE;
			return l;
		}
		jv_free(l);
	}
	return jv_array();
}

/*
 * subtask_of -- the subtask of labels named (borrowed) without a cue:
 * sentiment when all are opinions, multi-class when all are emotions,
 * topic when the prompt speaks of topics or news, else multi-class.
 */
static const char *
subtask_of(jv named, const char *folded)
{
	static const char opinion[] = " positive negative neutral mixed "
	    "bullish bearish hawkish dovish ";
	static const char emotion[] = " joy anger sadness fear surprise "
	    "disgust love ";
	static const char *const topical[] = {
		"topic", "tema", "thema", "sujet", "categor", "kategori",
		"news", "noticia", "nachricht", "notizie", "actualit",
		"argoment", "主题", "新闻", "类别", "トピック", "ニュース",
		"カテゴリ", "話題", NULL
	};
	const struct known *k;
	size_t i;
	int op = 1, em = 1;

	jv_array_foreach(named, ni, x) {
		k = lookup(jv_string_value(x), 0);
		if (k == NULL || !plan_inlist(k->name, opinion))
			op = 0;
		if (k == NULL || !plan_inlist(k->name, emotion))
			em = 0;
		jv_free(x);
	}
	if (op)
		return "sentiment-classification";
	if (em)
		return "multi-class-classification";
	for (i = 0; topical[i] != NULL; i++) {
		char *f = plan_fold(topical[i]);
		int hit = strstr(folded, f) != NULL;

		free(f);
		if (hit)
			return "topic-classification";
	}
	return "multi-class-classification";
}

int
plan_label_noise(const char *word, int tagging)
{
	static const char noise[] = " positive negative neutral mixed joy "
	    "anger sadness fear surprise disgust love bullish bearish "
	    "hawkish dovish ham favor against none entailment contradiction "
	    "neither offensive not-sarcastic not-ironic non-toxic legitimate "
	    "real ";
	const struct known *k = lookup(word, 0);

	if (k == NULL && tagging)
		k = lookup(word, 1);
	if (k == NULL)
		return 0;
	if (k->name[0] >= 'A' && k->name[0] <= 'Z')
		return 1;
	return plan_inlist(k->name, noise);
}

/* kind -- the subtask whose cue the folded prompt holds, or NULL. */
static const struct kind *
kindof(const char *folded)
{
	size_t i;

	for (i = 0; kinds[i].task_id != NULL; i++)
		if (pcre2_match(kre[i], (PCRE2_SPTR)folded, strlen(folded), 0,
		    0, md, NULL) > 0)
			return &kinds[i];
	return NULL;
}

static jv
label(const char *name, const char *desc)
{
	return JV_OBJECT(jv_string("name"), jv_string(name),
	    jv_string("description"), jv_string(desc));
}

/* hasname -- a (consumed) holds name, case ignored. */
static int
hasname(jv a, const char *name)
{
	int r = 0;

	jv_array_foreach(a, i, x) {
		if (strcasecmp(jv_string_value(x), name) == 0)
			r = 1;
		jv_free(x);
	}
	jv_free(a);
	return r;
}

/* describe -- {name, description} for a label name of task tk. */
static jv
describe(const char *name, int tk, int tagging, int hi)
{
	const struct known *k = lookup(name, tagging);
	struct ads_buf b = ADS_BUF_INIT;
	jv r;
	int v;

	if (k != NULL) {
		/* "positivo" is named "positive" */
		return label(k->name, k->desc);
	}
	v = atoi(name);
	if (hi > 0 && v >= 0 && strspn(name, "0123456789") == strlen(name))
		ads_buf_addf(&b, "a rating of %d out of %d", v, hi);
	else if (tagging && strstr(upos, name) != NULL && strlen(name) >= 1)
		ads_buf_addf(&b, "a word of the part of speech %s", name);
	else if (tagging)
		ads_buf_addf(&b, "an entity of the type %s", name);
	else if (tk == TASK_CLASSIFICATION && strchr(name, ' ') == NULL &&
	    hi < 0)
		ads_buf_addf(&b, "about %s", name);
	else
		ads_buf_addf(&b, "the class \"%s\" the request names", name);
	r = label(name, b.p);
	ads_buf_free(&b);
	return r;
}

jv
plan_labels(int tk, jv named, int how, const char *folded,
    const char *domain, jv langs, const char **task_id)
{
	const struct kind *k = NULL;
	jv out = jv_array(), names = jv_array(), seen = jv_array();
	const char *defs = NULL;
	char *w, *p, *save = NULL;
	int tagging = tk == TASK_NER, hi = 0, topic = 0;
	size_t i;

	compile();
	*task_id = plan_task_subtask[tk];
	if (tk != TASK_SENTIMENT && tk != TASK_CLASSIFICATION && !tagging) {
		jv_free(named);
		jv_free(names);
		jv_free(seen);
		return out;
	}
	if (tagging) {
		if (strstr(folded, "part of speech") != NULL ||
		    strstr(folded, "part-of-speech") != NULL ||
		    strstr(folded, "pos tag") != NULL ||
		    strstr(folded, "品詞") != NULL ||
		    strstr(folded, "词性") != NULL) {
			*task_id = "part-of-speech";
			defs = upos;
		} else if (domain != NULL &&
		    plan_inlist(domain, "biomedicine medicine biology"))
			defs = "DISEASE CHEMICAL GENE SPECIES";
		else
			defs = "PER ORG LOC MISC";
	} else {
		k = kindof(folded);
		if (how == LABELS_SCALE)
			k = &kinds[0];
		if (k == NULL && tk == TASK_SENTIMENT) {
			for (k = kinds; k->task_id != NULL &&
			    strcmp(k->task_id, "sentiment-classification") != 0;
			    k++)
				;
		}
		if (k != NULL && k->task_id != NULL) {
			*task_id = k->task_id;
			defs = k->labels;
		} else if (jv_array_length(jv_copy(named)) > 0) {
			/* named labels: what they are tells the subtask */
			*task_id = subtask_of(named, folded);
		} else {
			*task_id = "topic-classification";
			topic = 1;
		}
	}
	if (how == LABELS_SCALE)
		hi = jv_array_length(jv_copy(named));
	jv_array_foreach(named, ni, x) {
		names = jv_array_append(names, jv_copy(x));
		jv_free(x);
	}
	/* "(joy, anger, ...)": the rest of the default set */
	if (how == LABELS_OPEN && defs != NULL) {
		w = xstrdup(defs);
		for (p = strtok_r(w, " ", &save); p != NULL;
		    p = strtok_r(NULL, " ", &save))
			if (!hasname(jv_copy(names), p))
				names = jv_array_append(names, jv_string(p));
		free(w);
	}
	jv_free(named);
	if (jv_array_length(jv_copy(names)) == 0) {
		if (topic) {
			for (i = 0; topics[i][0] != NULL; i++)
				if (domain != NULL &&
				    strcmp(domain, topics[i][0]) == 0)
					break;
			w = xstrdup(topics[i][1]);
			for (p = strtok_r(w, "|", &save); p != NULL;
			    p = strtok_r(NULL, "|", &save))
				names = jv_array_append(names, jv_string(p));
			free(w);
		} else if (k != NULL && strcmp(k->task_id,
		    "language-identification") == 0 &&
		    jv_get_kind(langs) == JV_KIND_ARRAY) {
			jv_array_foreach(langs, li, l) {
				names = jv_array_append(names, l);
			}
		} else if (defs != NULL) {
			if (k == &kinds[0])
				hi = 5;
			w = xstrdup(defs);
			for (p = strtok_r(w, " ", &save); p != NULL;
			    p = strtok_r(NULL, " ", &save))
				names = jv_array_append(names, jv_string(p));
			free(w);
		}
	}
	jv_array_foreach(names, ni, x) {
		jv d;

		if (k != NULL && strcmp(k->task_id,
		    "language-identification") == 0)
			d = label(jv_string_value(x), "text in the language "
			    "of this ISO 639-1 code");
		else
			d = describe(jv_string_value(x), tk, tagging,
			    hi > 0 ? hi : topic ? -1 : 0);
		{
			jv nm = jv_object_get(jv_copy(d), jv_string("name"));

			if (!hasname(jv_copy(seen), jv_string_value(nm))) {
				seen = jv_array_append(seen, jv_copy(nm));
				out = jv_array_append(out, d);
			} else
				jv_free(d);
			jv_free(nm);
		}
		jv_free(x);
	}
	jv_free(names);
	jv_free(seen);
	return out;
}
