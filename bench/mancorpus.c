/*
 * mancorpus -- turn rendered manual pages into a JSON Lines corpus
 *
 * usage: mancorpus [-d dupshare] [-m megabytes]
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
 * deduplicator.
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

static void
page(const char *path, struct ads_buf *b)
{
	static struct ads_buf o;
	char lang[16];
	size_t n;

	if (path == NULL || b->len == 0 || (limit && written >= limit))
		return;
	n = squeeze(b->p, unstrike(b->p, b->len));
	if (n < 64 || !ads_utf8_valid((const unsigned char *)b->p, n))
		return;
	page_lang(path, lang, sizeof lang);
	record(&o, path, b->p, n, lang);
	if (dupshare > 0 && nrecent > 0 &&
	    (double)(rnd() % 10000) < dupshare * 10000) {
		struct ads_buf *r = &recent[rnd() % nrecent];

		record(&o, path, r->p, r->len, lang);
	}
	{
		struct ads_buf *r = &recent[nrecent < NRECENT ? nrecent++ :
		    rnd() % NRECENT];

		ads_buf_reset(r);
		ads_buf_add(r, b->p, n);
	}
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
	while ((c = getopt(argc, argv, "d:m:")) != -1) {
		switch (c) {
		case 'd':
			dupshare = ads_optdouble("-d", optarg, 0, 0.9);
			break;
		case 'm':
			limit = (size_t)ads_optnum("-m", optarg, 1, 100000) *
			    1000000;
			break;
		default:
			fprintf(stderr, "usage: mancorpus [-d dupshare] "
			    "[-m megabytes]\n");
			return 2;
		}
	}
	 
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
	free(line);
	ads_buf_free(&b);
	return fflush(stdout) == 0 ? 0 : 3;
}
