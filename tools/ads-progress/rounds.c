/*
 * rounds.c -- ads-progress -m fetch, -m more and -m cancel: the
 * driver's rounds of fetching.  Which sources a round fetches and which
 * it reuses, which a further round asks again, and what a cancelled run
 * keeps.
 *
 * They look at the files of ADS (OUT/.ads) for each source:
 * raw/SOURCE.jsonl (.part while the fetcher runs; .key, .n and .rc its
 * stamp once done), run/SOURCE.rc, .asked, .more and .note, and
 * progress/SOURCE.jsonl.
 */
#define _GNU_SOURCE	/* memmem */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../common/util.h"
#include "progress.h"

#define CHUNK 65536

/* lines -- the newlines in DIR/NAME.EXT (as wc -l counts), or -1. */
static long long
lines(const char *dir, const char *name, const char *ext)
{
	char *path = xasprintf("%s/%s%s", dir, name, ext);
	char *buf = xmalloc(CHUNK), *p;
	long long n = 0;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	free(path);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	while ((got = read(fd, buf, CHUNK)) > 0 ||
	    (got < 0 && errno == EINTR))
		for (p = buf; got > 0 &&
		    (p = memchr(p, '\n', (size_t)(buf + got - p))) != NULL; p++)
			n++;
	close(fd);
	free(buf);
	return n;
}

/* skipped -- the fetcher said "phase":"skipped" in its progress file. */
static int
skipped(const char *path)
{
	static const char pat[] = "\"phase\":\"skipped\"";
	const size_t pl = sizeof(pat) - 1;
	char *buf = xmalloc(CHUNK + pl);
	size_t have = 0;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;

	while (fd >= 0 && !found && ((got = read(fd, buf + have, CHUNK)) > 0 ||
	    (got < 0 && errno == EINTR))) {
		if (got < 0)
			continue;
		have += (size_t)got;
		found = memmem(buf, have, pat, pl) != NULL;
		/* The end may begin a match: keep it for the next read. */
		if (have >= pl) {
			memmove(buf, buf + have - (pl - 1), pl - 1);
			have = pl - 1;
		}
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return found;
}

/* cut -- path without an incomplete last line: whole records only. */
static void
cut(const char *path)
{
	char buf[4096];
	struct stat st;
	off_t end, at;
	ssize_t got, i;
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    (pread(fd, buf, 1, st.st_size - 1) == 1 && buf[0] == '\n')) {
		close(fd);
		return;
	}
	for (end = st.st_size, at = 0; end > 0; end = at) {
		at = end > (off_t)sizeof(buf) ? end - (off_t)sizeof(buf) : 0;
		got = pread(fd, buf, (size_t)(end - at), at);
		if (got != end - at) {
			close(fd);
			return;
		}
		for (i = got - 1; i >= 0 && buf[i] != '\n'; i--)
			;
		if (i >= 0) {
			at += i + 1;
			break;
		}
	}
	if (ftruncate(fd, end > 0 ? at : 0) != 0)
		ads_warn_errno("%s", path);
	close(fd);
}

/*
 * cancelreport -- -m cancel: cut each source's raw/SOURCE.jsonl.part to
 * whole records, and say what a cancelled run kept: the sources done
 * (raw/SOURCE.jsonl and .key) and those unfinished, with their records.
 */
void
cancelreport(const char *adsdir)
{
	struct ads_buf fin = ADS_BUF_INIT, part = ADS_BUF_INIT;
	char *raw = xasprintf("%s/raw", adsdir), *f;
	int i;

	for (i = 0; i < ntasks; i++) {
		f = xasprintf("%s/%s.jsonl.part", raw, tasks[i].name);
		cut(f);
		if (exists(raw, tasks[i].name, ".jsonl.part"))
			ads_buf_addf(&part, " %s (%lld records)", tasks[i].name,
			    lines(raw, tasks[i].name, ".jsonl.part"));
		else if (exists(raw, tasks[i].name, ".jsonl") &&
		    exists(raw, tasks[i].name, ".key"))
			ads_buf_addf(&fin, " %s", tasks[i].name);
		free(f);
	}
	fprintf(out, "ads: interrupted\n");
	if (fin.len > 0)
		fprintf(out, "ads: finished, kept for the next run:%s\n", fin.p);
	if (part.len > 0)
		fprintf(out, "ads: unfinished, whole records kept in "
		    "%s/SOURCE.jsonl.part:%s\nads: these are fetched again, "
		    "the pages already fetched from the HTTP cache\n", raw,
		    part.p);
	ads_buf_free(&fin);
	ads_buf_free(&part);
	free(raw);
}

/* put -- DIR/NAME.EXT holds the line s, or exit 3. */
static void
put(const char *dir, const char *name, const char *ext, const char *s)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);
	FILE *f = fopen(p, "w");

	if (f == NULL || fprintf(f, "%s\n", s) < 0 || fclose(f) != 0)
		ads_die_errno(ADS_SYSTEM, "%s", p);
	free(p);
}

/* touch -- DIR/NAME.EXT is there and empty, or exit 3. */
static void
touch(const char *dir, const char *name, const char *ext)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0666);

	if (fd < 0)
		ads_die_errno(ADS_SYSTEM, "%s", p);
	close(fd);
	free(p);
}

/* rm -- remove DIR/NAME.EXT if it is there, or exit 3. */
static void
rm(const char *dir, const char *name, const char *ext)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);

	if (unlink(p) != 0 && errno != ENOENT)
		ads_die_errno(ADS_SYSTEM, "%s", p);
	free(p);
}

/*
 * moresources -- -m more: the sources a further round asks again, after
 * a blank each, each marked by an empty run/SOURCE.more: those that
 * ended with 0 or 4, were not skipped, and gave all they were asked for
 * (run/SOURCE.asked).
 */
void
moresources(const char *adsdir)
{
	char *rc, *asked, *raw = xasprintf("%s/raw", adsdir), *p;
	int i, said = 0;

	for (i = 0; i < ntasks; i++) {
		const char *s = tasks[i].name;

		rm(rundir, s, ".more");
		rc = slurp(rundir, s, ".rc");
		asked = slurp(rundir, s, ".asked");
		p = xasprintf("%s/%s.jsonl", progdir, s);
		if ((strcmp(rc, "0") == 0 || strcmp(rc, "4") == 0) &&
		    exists(raw, s, ".jsonl") && !skipped(p) &&
		    lines(raw, s, ".jsonl") >= strtoll(asked, NULL, 10)) {
			touch(rundir, s, ".more");
			fprintf(out, " %s", s);
			said = 1;
		}
		free(rc);
		free(asked);
		free(p);
	}
	if (said)
		fputc('\n', out);
	free(raw);
}

/* onpath -- the program name is on PATH, as command -v finds it. */
static int
onpath(const char *name)
{
	const char *path = getenv("PATH"), *p;
	struct stat st;
	size_t n;
	int r = 0;

	for (p = path != NULL ? path : ""; !r; p += n + 1) {
		char *f;

		n = strcspn(p, ":");
		f = xasprintf("%.*s%s%s", (int)n, p, n > 0 ? "/" : "", name);
		r = stat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(f, X_OK) == 0;
		free(f);
		if (p[n] == '\0')
			break;
	}
	return r;
}

/*
 * reusable -- raw/SOURCE.jsonl of an earlier run answers a fetch of n:
 * same stamp (plan and cache mode), ended well, not skipped, and asked
 * for n or more, or ran dry below that.  *pn is what it was asked.
 */
static int
reusable(const char *raw, const char *s, long long n, const char *key,
    long long *pn)
{
	char *k = slurp(raw, s, ".key"), *rc = slurp(raw, s, ".rc");
	char *sn = slurp(raw, s, ".n"), *pf = xasprintf("%s/%s.jsonl",
	    progdir, s);
	size_t len = strlen(key);
	int r;

	r = !(len >= 8 && strcmp(key + len - 8, " refresh") == 0) &&
	    exists(raw, s, ".jsonl") && strcmp(k, key) == 0 &&
	    strcmp(rc, "0") == 0 && !skipped(pf) && *sn != '\0' &&
	    strspn(sn, "0123456789") == strlen(sn) && strlen(sn) <= 9;
	*pn = r ? strtoll(sn, NULL, 10) : 0;
	r = r && (*pn >= n || lines(raw, s, ".jsonl") < *pn);
	free(k);
	free(rc);
	free(sn);
	free(pf);
	return r;
}

/*
 * fetchround -- -m fetch: the "SOURCE N" lines of the standard input
 * (ads-plan -Q) are this round's asks; round > 0 asks only the sources
 * with run/SOURCE.more.  Each gets run/SOURCE.asked; a source without
 * its fetcher a note and nothing, one that an earlier run answers
 * (reusable) a note and its .rc; the others lose their stamp and are
 * printed, after a blank each: the ones to fetch.
 */
void
fetchround(const char *adsdir, long long round, const char *key)
{
	char *raw = xasprintf("%s/raw", adsdir), *line = NULL, *s, *ns, *prog;
	size_t cap = 0;
	long long n, pn;
	int said = 0, w;

	while (getline(&line, &cap, stdin) > 0) {
		s = line;
		s[strcspn(s, "\n")] = '\0';
		w = (int)strcspn(s, " ");
		if (w == 0 || s[w] != ' ' || strchr(s, '/') != NULL)
			continue;
		s[w] = '\0';
		ns = s + w + 1;
		n = strtoll(ns, NULL, 10);
		if (round > 0 && !exists(rundir, s, ".more"))
			continue;
		put(rundir, s, ".asked", ns);
		prog = xasprintf("ads-fetch-%s", s);
		if (!onpath(prog)) {
			rm(raw, s, ".jsonl");
			rm(raw, s, ".key");
			rm(raw, s, ".n");
			touch(progdir, s, ".jsonl");
			free(prog);
			prog = xasprintf("ads-fetch-%s is not installed", s);
			put(rundir, s, ".note", prog);
		} else if (reusable(raw, s, n, key, &pn)) {
			put(rundir, s, ".note", "reused from an earlier run");
			put(rundir, s, ".rc", "0");
			free(prog);
			prog = xasprintf("%lld", pn);
			put(rundir, s, ".asked", prog);
		} else {
			rm(raw, s, ".key");
			rm(raw, s, ".n");
			rm(raw, s, ".rc");
			rm(rundir, s, ".note");
			fprintf(out, " %s", s);
			said = 1;
		}
		free(prog);
	}
	if (said)
		fputc('\n', out);
	free(line);
	free(raw);
}
