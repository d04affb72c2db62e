/*
 * stopwords.c -- stop-word lists for the languages ads-score knows
 *
 * Short lists of the most frequent function words of each language,
 * lower-cased; a text in that language has many of them, keyword spam,
 * menus and gibberish have few.  Lookups go through a small open
 * addressing table of 64-bit hashes per language, built on first use,
 * which also marks Gopher's eight English stop words.
 */
#include <stdint.h>
#include <string.h>

#include "../../common/util.h"
#include "score.h"

static const struct {
	const char *lang;
	const char *words;
} lists[] = {
	{ "de", "aber als am an auch auf aus bei bin bis das dass dem den "
	    "der des die dies doch du durch ein eine einem einen einer es "
	    "für hat hatte ich ihr im in ist ja kann mit nach nicht noch nur "
	    "oder schon sein sich sie sind so über um und uns von vor war "
	    "was wenn werden wie wir wird wurde zu zum zur" },
	{ "en", "a about after all also an and any are as at be because "
	    "been but by can could do does for from had has have he her his "
	    "how i if in into is it its more my no not of on one or our out "
	    "she so some than that the their them then there these they this "
	    "to up was we were what when which who will with would you your" },
	{ "es", "a al algo como con cuando de del desde donde el ella en "
	    "entre era es esa ese esta este están fue ha hay la las le les lo "
	    "los más me mi muy no nos o para pero por porque que se ser si "
	    "sin sobre son su sus también te tiene todo un una uno y ya yo" },
	{ "fr", "à au aux avec ce ces cette comme dans de des du elle en "
	    "est et être il ils je la le les leur lui mais me même mon ne nous "
	    "on ou par pas plus pour qu que qui sa se ses son sont sur ta te "
	    "tu un une vous y été était ont avait" },
	{ "it", "a al alla anche che chi ci come con da dal dalla degli dei "
	    "del della di e è gli ha hanno i il in io la le lo loro ma mi "
	    "nel nella non o per più però quando questo quella se si sono "
	    "su sua suo tra tu un una uno anche essere era sono" },
	{ "nl", "aan al als bij dat de der deze die dit door een en er "
	    "het hij hoe ik in is je kan maar me met mijn na naar niet nog "
	    "of om onder ook op over te tot uit van voor was wat we werd wie "
	    "wij worden zal ze zich zij zijn" },
	{ "pt", "a ao aos as com como da das de do dos e é ela ele em "
	    "entre era essa esse esta este eu foi há isso já mais mas me "
	    "muito na nas não no nos o os ou para pela pelo por quando que "
	    "se sem ser seu sua são também tem um uma" },
};
#define NLISTS (sizeof(lists) / sizeof(lists[0]))

/* Gopher's stop set (Rae et al. 2021, appendix A.1.1). */
static const char *gopher = "the be to of and that have with";

/* One table per list, and the last for languages without one. */
static struct stoptab tables[NLISTS + 1];
static int built;

static void
add(struct stoptab *t, const char *w, size_t n, unsigned flags)
{
	char pad[64];
	uint64_t h;
	size_t i;

	/* sig_hash() reads whole eight-byte words. */
	memset(pad, 0, sizeof(pad));
	memcpy(pad, w, n < sizeof(pad) - 8 ? n : sizeof(pad) - 8);
	h = sig_hash(pad, n < sizeof(pad) - 8 ? n : sizeof(pad) - 8) | 1;
	i = h & (STOP_SLOTS - 1);
	while (t->key[i] != 0 && t->key[i] != h)
		i = (i + 1) & (STOP_SLOTS - 1);
	t->key[i] = h;
	t->flags[i] |= (uint8_t)flags;
}

static void
addall(struct stoptab *t, const char *s, unsigned flags)
{
	const char *e;

	while (*s != '\0') {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		if (e > s)
			add(t, s, (size_t)(e - s), flags);
		s = *e == ' ' ? e + 1 : e;
	}
}

static void
build(void)
{
	size_t i;

	for (i = 0; i < NLISTS; i++) {
		addall(&tables[i], lists[i].words, STOP_LIST);
		tables[i].haslist = 1;
	}
	for (i = 0; i <= NLISTS; i++)
		addall(&tables[i], gopher, STOP_GOPHER);
	built = 1;
}

static int
stop_list(const char *lang)
{
	size_t i, n;

	if (lang == NULL)
		return -1;
	/* The primary subtag: "pt-BR" uses the "pt" list. */
	n = strcspn(lang, "-_");
	for (i = 0; i < NLISTS; i++)
		if (n == 2 && strncmp(lists[i].lang, lang, 2) == 0)
			return (int)i;
	return -1;
}

const struct stoptab *
stop_table(const char *lang)
{
	int i;

	if (!built)
		build();
	i = stop_list(lang);
	return &tables[i < 0 ? NLISTS : (size_t)i];
}
