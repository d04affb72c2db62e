/*
 * mancorpus -- turn rendered manual pages into a JSON Lines corpus
 *
 * usage: mancorpus [-d dupshare] [-m megabytes] [-n records] [-s size]
 *
 * Reads, on the standard input, pages rendered by mandoc -T utf8, each
 * one after a line holding an ASCII RS (036) and the page's path, as
 * bench/lib.sh's realcorpus writes them.  Writes one ads-record(5) per
 * page: id "man:LANG/NAME.SECTION:N", source "github" (the pages come
 * with the software), title, url (file://PATH) and text (the rendered
 * page, overstrike removed).  LANG comes from the directory
 * (/usr/share/man/de/man1/ls.1.gz is German, man1/ right under the root
 * English); the records have no "lang", so that ads-score identifies it
 * as it does for most fetched records.
 * Pages that are empty or not valid UTF-8 are left out.  With -m it
 * stops after that many megabytes; with -d, that share of records
 * repeats the text of a recent record under a new id, for the
 * deduplicator.  With -s, each page is cut at blank lines into records
 * of at least size bytes (the rest of a page joins its last record).
 * With -n it stops after that many records, reading the standard input
 * (a file, then) again as many times as needed: pass P > 0 reverses the
 * letters of each word that a hash of the word and P picks (about half
 * of them, the same in every page of the pass), so that a pass keeps the
 * duplicates and near duplicates of real text among its own records but
 * shares almost no shingle with the other passes; ids stay unique.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/utf8.h"
#include "../common/util.h"

#define NRECENT	64

static struct ads_buf recent[NRECENT];
static size_t nrecent;
static uint64_t rs = 0x9e3779b97f4a7c15ULL;
static unsigned long nrec;
static size_t written, limit;
static double dupshare;
static unsigned long maxrec, pass;
static size_t split;

static uint64_t
rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545f4914f6cdd1dULL;
}

/* Remove mandoc's overstrike: "c\bc" (bold) and "_\bc" (underline). */
static size_t
unstrike(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\b') {
			/* Drop the character before, UTF-8 continuation too. */
			while (o > 0 && (s[o - 1] & 0xc0) == 0x80)
				o--;
			if (o > 0)
				o--;
			continue;
		}
		s[o++] = s[i];
	}
	return o;
}

/* Squeeze runs of blank lines and trailing blanks; trim both ends. */
static size_t
squeeze(char *s, size_t n)
{
	size_t i, o = 0, nl = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			while (o > 0 && s[o - 1] == ' ')
				o--;
			if (o > 0 && ++nl <= 2)
				s[o++] = '\n';
			continue;
		}
		nl = 0;
		s[o++] = s[i];
	}
	while (o > 0 && (s[o - 1] == '\n' || s[o - 1] == ' '))
		o--;
	return o;
}

static void
page_lang(const char *path, char *lang, size_t len)
{
	const char *p = strstr(path, "/man/");
	size_t n;

	snprintf(lang, len, "en");
	if (p == NULL)
		return;
	p += 5;
	if (strncmp(p, "man", 3) == 0)
		return;
	n = strcspn(p, "_./");
	if (n >= 2 && n < len)
		snprintf(lang, len, "%.*s", (int)n, p);
}

static void
record(struct ads_buf *o, const char *path, const char *text, size_t n,
    const char *lang)
{
	const char *base = strrchr(path, '/');
	char *name, *id;
	size_t bn;

	base = base ? base + 1 : path;
	bn = strlen(base);
	if (bn > 3 && strcmp(base + bn - 3, ".gz") == 0)
		bn -= 3;
	name = xstrndup(base, bn);
	id = xasprintf("man:%s/%s:%lu", lang, name, nrec);
	ads_buf_reset(o);
	ads_buf_adds(o, "{\"id\":");
	ads_json_emit_string(o, id, strlen(id));
	ads_buf_adds(o, ",\"source\":\"github\",\"title\":");
	ads_json_emit_string(o, name, strlen(name));
	ads_buf_adds(o, ",\"url\":");
	free(id);
	id = xasprintf("file://%s", path);
	ads_json_emit_string(o, id, strlen(id));
	ads_buf_adds(o, ",\"text\":");
	ads_json_emit_string(o, text, n);
	ads_buf_adds(o, "}\n");
	fwrite(o->p, 1, o->len, stdout);
	written += o->len;
	nrec++;
	free(id);
	free(name);
}

/* full -- 1 when -m or -n says to stop. */
static int
full(void)
{
	return (limit && written >= limit) || (maxrec && nrec >= maxrec);
}

/* reverse -- reverse the characters of the UTF-8 word s (n bytes). */
static void
reverse(char *s, size_t n)
{
	size_t i, j;
	char c;

	for (i = 0, j = n; i + 1 < j; i++, j--) {	/* bytes */
		c = s[i];
		s[i] = s[j - 1];
		s[j - 1] = c;
	}
	for (i = 0; i < n; i = j) {	/* each character back in order */
		for (j = i + 1; j < n && ((unsigned char)s[j - 1] & 0xc0) ==
		    0x80; j++)
			;
		if (j - i > 1)
			for (size_t a = i, b = j; a + 1 < b; a++, b--) {
				c = s[a];
				s[a] = s[b - 1];
				s[b - 1] = c;
			}
	}
}

/* mutate -- pass P's change of the text: see the comment at the top. */
static void
mutate(char *s, size_t n)
{
	size_t i = 0, j;
	uint64_t h;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n') {
			i++;
			continue;
		}
		h = 0xcbf29ce484222325ULL ^ pass;
		for (j = i; j < n && s[j] != ' ' && s[j] != '\n'; j++)
			h = (h ^ (unsigned char)s[j]) * 0x100000001b3ULL;
		h ^= h >> 29;
		if (j - i > 1 && (h * 0x9e3779b97f4a7c15ULL) >> 63)
			reverse(s + i, j - i);
		i = j;
	}
}

static void
emit(const char *path, const char *text, size_t n, const char *lang)
{
	static struct ads_buf o;

	if (full())
		return;
	record(&o, path, text, n, lang);
	if (dupshare > 0 && nrecent > 0 && !full() &&
	    (double)(rnd() % 10000) < dupshare * 10000) {
		struct ads_buf *r = &recent[rnd() % nrecent];

		record(&o, path, r->p, r->len, lang);
	}
	{
		struct ads_buf *r = &recent[nrecent < NRECENT ? nrecent++ :
		    rnd() % NRECENT];

		ads_buf_reset(r);
		ads_buf_add(r, text, n);
	}
}

static void
page(const char *path, struct ads_buf *b)
{
	char lang[16], *p, *e, *cut;
	size_t n;

	if (path == NULL || b->len == 0 || full())
		return;
	n = squeeze(b->p, unstrike(b->p, b->len));
	if (n < 64 || !ads_utf8_valid((const unsigned char *)b->p, n))
		return;
	if (pass > 0)
		mutate(b->p, n);
	page_lang(path, lang, sizeof lang);
	p = b->p;
	e = b->p + n;
	while (split && (size_t)(e - p) >= 2 * split) {
		for (cut = p + split; cut + 1 < e && (cut[0] != '\n' ||
		    cut[1] != '\n'); cut++)
			;
		if (cut + 1 >= e || (size_t)(e - cut) < split)
			break;
		emit(path, p, (size_t)(cut - p), lang);
		p = cut + 2;
	}
	emit(path, p, (size_t)(e - p), lang);
}

int
main(int argc, char **argv)
{
	struct ads_buf b = ADS_BUF_INIT;
	char *line = NULL, *path = NULL;
	size_t cap = 0;
	ssize_t n;
	int c;

	ads_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "d:m:n:s:")) != -1) {
		switch (c) {
		case 'd':
			dupshare = ads_optdouble("-d", optarg, 0, 0.9);
			break;
		case 'm':
			limit = (size_t)ads_optnum("-m", optarg, 1, 100000) *
			    1000000;
			break;
		case 'n':
			maxrec = (unsigned long)ads_optnum("-n", optarg, 1,
			    1000000000);
			break;
		case 's':
			split = (size_t)ads_optnum("-s", optarg, 64, 1000000);
			break;
		default:
			fprintf(stderr, "usage: mancorpus [-d dupshare] "
			    "[-m megabytes] [-n records] [-s size]\n");
			return 2;
		}
	}
	 
	for (;;) {
		unsigned long before = nrec;

		while ((n = getline(&line, &cap, stdin)) != -1) {
			if (line[0] == '\036') {
				page(path, &b);
				free(path);
				path = xstrndup(line + 1, (size_t)n - 1 -
				    (line[n - 1] == '\n'));
				ads_buf_reset(&b);
				continue;
			}
			ads_buf_add(&b, line, (size_t)n);
		}
		page(path, &b);
		free(path);
		path = NULL;
		ads_buf_reset(&b);
		if (maxrec == 0 || full() || nrec == before)
			break;
		if (fseek(stdin, 0, SEEK_SET) == -1)
			ads_die_errno(ADS_SYSTEM, "-n: the input is not a file");
		clearerr(stdin);
		pass++;
	}
	free(line);
	ads_buf_free(&b);
	return fflush(stdout) == 0 ? 0 : 3;
}
