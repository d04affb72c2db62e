/*
 * gencorpus -- write a deterministic JSON Lines corpus for benchmarks
 *
 * usage: gencorpus [-d dupshare] [-m megabytes] [-n records] [-S seed]
 *
 * Records look like fetched data: id, source, title, text, url, lang,
 * meta.  Text lengths follow a skewed distribution (median about 700
 * bytes, a long tail to 20 KB), drawn from word lists in English,
 * Spanish, German, French, Japanese and a little emoji, with some
 * e-mail addresses, phone numbers, dates and prices sprinkled in, so
 * the PII scrubber and the quality scorer have realistic work.  With -d,
 * that share of records repeats an earlier text exactly (half) or with
 * a few words changed (half), for the deduplicator.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/util.h"

static uint64_t rs = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	/* xorshift64*: fast, deterministic, good enough for a corpus. */
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545f4914f6cdd1dULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *en[] = {
	"the", "of", "and", "to", "in", "is", "that", "for", "it", "with",
	"was", "on", "as", "by", "this", "are", "from", "at", "be", "or",
	"product", "review", "quality", "battery", "price", "delivery",
	"customer", "service", "recommend", "screen", "sound", "comfortable",
	"model", "data", "language", "network", "results", "performance",
	"research", "method", "analysis", "training", "system", "users",
	"excellent", "terrible", "disappointed", "great", "average", "cheap",
	"however", "although", "because", "therefore", "finally", "really",
	"weeks", "months", "ordered", "returned", "package", "support",
};
static const char *es[] = {
	"el", "la", "de", "que", "y", "en", "los", "producto", "calidad",
	"precio", "entrega", "recomiendo", "pantalla", "batería", "muy",
	"bueno", "malo", "después", "años", "también", "análisis", "está",
};
static const char *de[] = {
	"der", "die", "und", "nicht", "ist", "mit", "Qualität", "Preis",
	"Lieferung", "empfehlen", "Bildschirm", "leider", "sehr", "gut",
	"schlecht", "Größe", "Kundendienst", "über", "für", "schön",
};
static const char *fr[] = {
	"le", "la", "et", "les", "des", "est", "qualité", "prix", "très",
	"livraison", "recommande", "écran", "déçu", "été", "après", "où",
};
static const char *ja[] = {
	"製品", "品質", "価格", "配送", "とても", "良い", "悪い", "画面",
	"電池", "です", "ました", "おすすめ",
};
static const char *odd[] = {
	"😀", "👍", "—", "“quoted”", "naïve", "café", "1.5", "2024-03-14",
	"$19.99", "v2.3.1", "jane.doe@example.com", "+44 20 7946 0958",
	"(555) 123-4567", "https://example.org/page?id=42", "#1", "...",
};

struct lang {
	const char *code;
	const char **w;
	unsigned n;
	const char *sep;
};

static const struct lang langs[] = {
	{ "en", en, sizeof(en) / sizeof(en[0]), " " },
	{ "es", es, sizeof(es) / sizeof(es[0]), " " },
	{ "de", de, sizeof(de) / sizeof(de[0]), " " },
	{ "fr", fr, sizeof(fr) / sizeof(fr[0]), " " },
	{ "ja", ja, sizeof(ja) / sizeof(ja[0]), "" },
};
static const char *sources[] = {
	"wikipedia", "reddit", "arxiv", "github", "news", "huggingface",
	"youtube", "kaggle",
};

static unsigned
textlen(void)
{
	/* Product of uniforms: skewed to short, long tail. */
	unsigned a = 100 + pick(900), b = 1 + pick(4), c = 1 + pick(5);

	return a * b * c / 4 + 40;
}

static void
maketext(struct ads_buf *t, const struct lang *l)
{
	unsigned want = textlen(), words = 0;

	ads_buf_reset(t);
	while (t->len < want) {
		const char *w = pick(40) == 0 ? odd[pick(sizeof(odd) /
		    sizeof(odd[0]))] : l->w[pick(l->n)];

		if (words > 0)
			ads_buf_adds(t, l->sep);
		ads_buf_adds(t, w);
		words++;
		if (pick(14) == 0)
			ads_buf_adds(t, pick(6) == 0 ? ".\n" : ".");
	}
	ads_buf_addc(t, '.');
}

int
main(int argc, char *argv[])
{
	struct ads_buf out = ADS_BUF_INIT, t = ADS_BUF_INIT;
	char **keep;
	size_t nkeep = 4096, i;
	long long megabytes = 10, nrec = -1, n, bytes = 0;
	double dup = 0;
	int c;

	ads_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "d:m:n:S:")) != -1) {
		switch (c) {
		case 'd':
			dup = ads_optdouble("-d", optarg, 0, 0.9);
			break;
		case 'm':
			megabytes = ads_optnum("-m", optarg, 1, 1 << 20);
			break;
		case 'n':
			nrec = ads_optnum("-n", optarg, 1, 1LL << 40);
			break;
		case 'S':
			rs ^= (uint64_t)ads_optnum("-S", optarg, 0, 1LL << 62) *
			    0x9e3779b97f4a7c15ULL + 1;
			break;
		default:
			fprintf(stderr, "usage: gencorpus [-d dupshare] "
			    "[-m megabytes] [-n records] [-S seed]\n");
			return 2;
		}
	}
	keep = xcalloc(nkeep, sizeof(*keep));
	for (n = 0; nrec >= 0 ? n < nrec : bytes < megabytes << 20; n++) {
		const struct lang *l = &langs[pick(10) < 6 ? 0 : 1 + pick(4)];
		const char *src = sources[pick(8)];
		double r = (double)(rnd() >> 11) / 9007199254740992.0;

		if (r < dup && keep[pick((unsigned)nkeep)] != NULL) {
			const char *old = keep[pick((unsigned)nkeep)];

			while (old == NULL)
				old = keep[pick((unsigned)nkeep)];
			ads_buf_reset(&t);
			ads_buf_adds(&t, old);
			if (r < dup / 2) {
				/* A light edit: change a few words. */
				for (i = 0; i < t.len; i++)
					if (t.p[i] == ' ' && pick(30) == 0 &&
					    i + 1 < t.len && t.p[i + 1] >= 'a' &&
					    t.p[i + 1] <= 'z')
						t.p[i + 1] = 'a' + pick(26);
			}
		} else {
			maketext(&t, l);
			i = pick((unsigned)nkeep);
			free(keep[i]);
			keep[i] = xstrdup(t.p);
		}
		ads_buf_reset(&out);
		ads_buf_addf(&out, "{\"id\":\"%s:%lld\",\"source\":\"%s\","
		    "\"title\":\"Record %lld\",\"text\":", src, n, src, n);
		ads_json_emit_string(&out, t.p, t.len);
		ads_buf_addf(&out, ",\"url\":\"https://example.org/%s/%lld\","
		    "\"lang\":\"%s\",\"retrieved\":\"2026-11-01T00:00:00Z\","
		    "\"meta\":{\"score\":%u,\"tags\":[\"a\",\"b\"]}}\n",
		    src, n, l->code, pick(1000));
		fwrite(out.p, 1, out.len, stdout);
		bytes += (long long)out.len;
	}
	for (i = 0; i < nkeep; i++)
		free(keep[i]);
	free(keep);
	ads_buf_free(&out);
	ads_buf_free(&t);
	return fflush(stdout) == 0 ? 0 : 3;
}
