/*
 * stopwords.c -- stop-word lists for the languages ads-score knows
 *
 * Short lists of the most frequent function words of each language,
 * lower-cased; a text in that language has many of them, keyword spam,
 * menus and gibberish have few.  Lookups go through a small open
 * addressing table of 64-bit hashes, built on first use.
 */
#include <stdint.h>
#include <string.h>

#include "../../common/util.h"
#include "score.h"

#define STOP_SLOTS	1024	/* per language, a power of two */

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

static uint64_t table[NLISTS][STOP_SLOTS];
static uint64_t gtable[STOP_SLOTS];
static int built;

static void
add(uint64_t *t, const char *w, size_t n)
{
	uint64_t h = stop_hash(w, n);
	size_t i = h & (STOP_SLOTS - 1);

	while (t[i] != 0 && t[i] != h)
		i = (i + 1) & (STOP_SLOTS - 1);
	t[i] = h;
}

static int
has(const uint64_t *t, uint64_t h)
{
	size_t i = h & (STOP_SLOTS - 1);

	while (t[i] != 0) {
		if (t[i] == h)
			return 1;
		i = (i + 1) & (STOP_SLOTS - 1);
	}
	return 0;
}

static void
addall(uint64_t *t, const char *s)
{
	const char *e;

	while (*s != '\0') {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		if (e > s)
			add(t, s, (size_t)(e - s));
		s = *e == ' ' ? e + 1 : e;
	}
}

static void
build(void)
{
	size_t i;

	for (i = 0; i < NLISTS; i++)
		addall(table[i], lists[i].words);
	addall(gtable, gopher);
	built = 1;
}

int
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

int
stop_has_list(const char *lang)
{
	return stop_list(lang) >= 0;
}

uint64_t
stop_hash(const char *w, size_t n)
{
	return sig_hash(w, n) | 1;
}

int
stop_lookup(int list, uint64_t h, int *isgopher)
{
	if (!built)
		build();
	*isgopher = has(gtable, h);
	if (list < 0 || (size_t)list >= NLISTS)
		return 0;
	return has(table[list], h);
}
