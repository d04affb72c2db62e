/*
 * jsonl.c -- the record reader and the shared options
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "io.h"
#include "json.h"
#include "jsonl.h"
#include "rawjson.h"
#include "util.h"

const char *const ads_record_required[] = { "id", "source", "text", NULL };

/* Overridden by the definition in each tool's generated help header. */
__attribute__((weak)) const char ads_help[] = "";

void
ads_reader_init(struct ads_reader *r)
{
	memset(r, 0, sizeof(*r));
	r->maxline = ads_maxline();
	r->fi = -1;
	r->require = ads_record_required;
}

void
ads_usage(const char *usage, int code)
{
	FILE *f = code == 0 ? stdout : stderr;
	const char *p;

	fputs("usage: ", f);
	for (p = usage; *p != '\0'; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fputs("       ", f);
	}
	fputc('\n', f);
	if (code == 0 && ads_help[0] != '\0')
		fprintf(f, "\n%s", ads_help);
	if (code == 0 && fflush(stdout) == EOF)
		code = ADS_SYSTEM;
	exit(code);
}

int
ads_reader_opt(struct ads_reader *r, int c, const char *arg,
    const char *usage)
{
	switch (c) {
	case 'h':
		ads_usage(usage, 0);
		/* NOTREACHED */
	case 'r':
		r->rejectpath = arg;
		return 1;
	case 's':
		r->strict = 1;
		return 1;
	case 'U':
		r->repair = 1;
		return 1;
	case 'V':
		ads_version();
		/* NOTREACHED */
	default:
		return 0;
	}
}

static struct ads_in *
openone(const char *path)
{
	struct ads_in *in = ads_in_open(path);

	if (in == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", path);
	return in;
}

void
ads_reader_open(struct ads_reader *r, int argc, char **argv)
{
	int i;

	r->files = argv;
	r->nfiles = argc;
	/*
	 * Check every operand now: acquire everything, then work.  A
	 * named pipe is only looked at: opening and closing it would take
	 * its reader away, and its writer would be cut off.
	 */
	for (i = 0; i < argc; i++) {
		struct stat sb;
		FILE *f;

		if (strcmp(argv[i], "-") == 0)
			continue;
		if (stat(argv[i], &sb) == 0 && S_ISFIFO(sb.st_mode)) {
			if (access(argv[i], R_OK) == -1)
				ads_die_errno(ADS_SYSTEM, "%s", argv[i]);
			continue;
		}
		if ((f = fopen(argv[i], "r")) == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", argv[i]);
		fclose(f);
	}
	if (r->rejectpath != NULL) {
		r->reject = fopen(r->rejectpath, "a");
		if (r->reject == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", r->rejectpath);
	}
	r->fi = -1;
}

void
ads_reader_files(struct ads_reader *r, int argc, char **argv)
{
	ads_in_close(r->in);
	r->in = NULL;
	r->files = argv;
	r->nfiles = argc;
	r->fi = -1;
}

/* plainsize -- the size of regular file fd, not zstd; -1 otherwise. */
static long long
plainsize(int fd)
{
	static const unsigned char zmagic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	unsigned char m[4];
	struct stat sb;

	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (sb.st_size >= 4 && (pread(fd, m, 4, 0) != 4 ||
	    memcmp(m, zmagic, 4) == 0)))
		return -1;
	return (long long)sb.st_size;
}

long long
ads_reader_size(const struct ads_reader *r)
{
	struct stat sb;
	long long t = 0, z;
	int i, fd;

	if (r->nfiles == 0)
		return plainsize(0);
	for (i = 0; i < r->nfiles; i++) {
		/* Open only a regular file: opening a FIFO waits for a writer. */
		if (strcmp(r->files[i], "-") == 0)
			z = plainsize(0);
		else if (stat(r->files[i], &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    (fd = open(r->files[i], O_RDONLY | O_NONBLOCK)) == -1)
			z = -1;
		else {
			z = plainsize(fd);
			(void)close(fd);
		}
		if (z < 0)
			return -1;
		t += z;
	}
	return t;
}

/* nextfile -- open the next input; 0 when there is none. */
static int
nextfile(struct ads_reader *r)
{
	ads_in_close(r->in);
	r->in = NULL;
	/* No file operands: the standard input, once. */
	if (++r->fi >= (r->nfiles == 0 ? 1 : r->nfiles))
		return 0;
	r->in = openone(r->nfiles == 0 ? "-" : r->files[r->fi]);
	r->name = ads_in_name(r->in);
	r->lineno = 0;
	return 1;
}

static void
vbad(struct ads_reader *r, int keepline, const char *fmt, va_list ap)
{
	ads_vlocwarn(r->name, r->lineno, fmt, ap);
	ads_raise(ADS_DATA);
	r->nbad++;
	if (keepline && r->reject != NULL && r->line != NULL) {
		fwrite(r->line, 1, r->linelen, r->reject);
		fputc('\n', r->reject);
	}
	if (r->strict)
		r->stopped = 1;
}

void
ads_reader_bad(struct ads_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbad(r, 1, fmt, ap);
	va_end(ap);
}

static void
bad(struct ads_reader *r, int keepline, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbad(r, keepline, fmt, ap);
	va_end(ap);
}

int
ads_reader_nextline(struct ads_reader *r, char **line, size_t *len)
{
	int rc;

	for (;;) {
		if (r->stopped)
			return 0;
		if (r->in == NULL && !nextfile(r))
			return 0;
		rc = ads_in_getline(r->in, r->maxline, line, len, r->reject);
		if (rc == 0) {
			if (!nextfile(r))
				return 0;
			continue;
		}
		r->lineno++;
		if (rc == ADS_IN_ERROR) {
			ads_locwarn(r->name, r->lineno, "%s",
			    ads_in_error(r->in));
			ads_raise(ADS_SYSTEM);
			r->stopped = 1;
			return 0;
		}
		if (rc == ADS_IN_TOOLONG) {
			r->line = NULL;
			/* The reader already copied it to the reject file. */
			bad(r, 0, "line too long (limit %zu bytes)",
			    r->maxline);
			continue;
		}
		r->line = *line;
		r->linelen = *len;
		if (*len > 0 && (*line)[*len - 1] == '\r')
			(*len)--;
		if (*len == 0)
			continue;
		return 1;
	}
}

int
ads_reader_parse(struct ads_reader *r, const char *line, size_t len,
    jv *rec)
{
	jv v = ads_json_parse(line, len);
	const char *why;

	if (!jv_is_valid(v)) {
		jv msg = jv_invalid_get_msg(v);

		if (jv_get_kind(msg) == JV_KIND_STRING)
			bad(r, 1, "invalid JSON: %s", jv_string_value(msg));
		else
			bad(r, 1, "invalid JSON");
		jv_free(msg);
		return 0;
	}
	if (!r->any && jv_get_kind(v) != JV_KIND_OBJECT) {
		bad(r, 1, "not a JSON object: %s",
		    jv_kind_name(jv_get_kind(v)));
		jv_free(v);
		return 0;
	}
	why = ads_record_check(line, len, v, r->repair,
	    r->any ? NULL : r->require);
	if (why != NULL) {
		bad(r, 1, "%s", why);
		jv_free(v);
		return 0;
	}
	r->nrecords++;
	*rec = v;
	return 1;
}

const char *
ads_record_check(const char *line, size_t len, jv rec, int repair,
    const char *const *require)
{
	static char msg[64];
	const char *what;
	long at;
	size_t i;

	if (!repair) {
		at = ads_raw_utf8_check(line, len, &what);
		if (at >= 0) {
			snprintf(msg, sizeof(msg), "%s at byte %ld", what,
			    at + 1);
			return msg;
		}
	}
	for (i = 0; require != NULL && require[i] != NULL; i++)
		if (ads_json_str(rec, require[i], NULL) == NULL) {
			snprintf(msg, sizeof(msg), "missing string \"%.32s\"",
			    require[i]);
			return msg;
		}
	return NULL;
}

int
ads_reader_scan(struct ads_reader *r, struct ads_raw *raw, const char *line,
    size_t len)
{
	int rc = ads_raw_scan(raw, line, len);
	long i;
	size_t k;

	if (rc != ADS_RAW_CANONICAL || r->any || r->require == NULL)
		return rc;
	for (k = 0; r->require[k] != NULL; k++) {
		i = ads_raw_find(raw, line, r->require[k]);
		if (i < 0 || raw->m[i].kind != '"')
			return ADS_RAW_VALID;
	}
	return rc;
}

void
ads_reader_count(struct ads_reader *r)
{
	r->nrecords++;
}

int
ads_reader_next(struct ads_reader *r, jv *rec)
{
	char *line;
	size_t len;

	while (ads_reader_nextline(r, &line, &len))
		if (ads_reader_parse(r, line, len, rec))
			return 1;
	return 0;
}

int
ads_reader_finish(struct ads_reader *r)
{
	ads_in_close(r->in);
	r->in = NULL;
	if (r->reject != NULL) {
		if (fclose(r->reject) == EOF) {
			ads_warn_errno("%s: write error", r->rejectpath);
			ads_raise(ADS_SYSTEM);
		}
		r->reject = NULL;
	}
	ads_out_close_stdout();
	return ads_level();
}
