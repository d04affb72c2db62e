/*
 * util.c -- program name, diagnostics, exit levels and allocation
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static const char *progname = "ads";
static int runlevel = ADS_OK;

void
ads_setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	progname = p != NULL ? p + 1 : argv0;
}

const char *
ads_progname(void)
{
	return progname;
}

void
ads_raise(enum ads_level lvl)
{
	if ((int)lvl > runlevel)
		runlevel = lvl;
}

int
ads_level(void)
{
	return runlevel;
}

/*
 * Messages are formatted into one buffer and written with one fwrite, so
 * that lines from tools running in parallel into one log do not mix.
 */
static void
vmsg(const char *file, unsigned long line, int errnum, const char *fmt,
    va_list ap)
{
	char buf[4096];
	size_t n;
	int r;

	r = snprintf(buf, sizeof(buf), "%s: ", progname);
	n = r < 0 ? 0 : (size_t)r;
	if (file != NULL && n < sizeof(buf)) {
		if (line > 0)
			r = snprintf(buf + n, sizeof(buf) - n, "%s:%lu: ",
			    file, line);
		else
			r = snprintf(buf + n, sizeof(buf) - n, "%s: ", file);
		n += r < 0 ? 0 : (size_t)r;
	}
	if (n < sizeof(buf)) {
		r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
		n += r < 0 ? 0 : (size_t)r;
	}
	if (errnum != 0 && n < sizeof(buf)) {
		r = snprintf(buf + n, sizeof(buf) - n, ": %s",
		    strerror(errnum));
		n += r < 0 ? 0 : (size_t)r;
	}
	if (n >= sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	fflush(stdout);
	fwrite(buf, 1, n, stderr);
}

void
ads_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
ads_warn_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vmsg(NULL, 0, e, fmt, ap);
	va_end(ap);
}

void
ads_vlocwarn(const char *file, unsigned long line, const char *fmt,
    va_list ap)
{
	vmsg(file != NULL ? file : "<stdin>", line, 0, fmt, ap);
}

void
ads_locwarn(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ads_vlocwarn(file, line, fmt, ap);
	va_end(ap);
}

void
ads_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
ads_die_errno(int code, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vmsg(NULL, 0, e, fmt, ap);
	va_end(ap);
	exit(code);
}

static void
oom(void)
{
	static const char msg[] = ": out of memory\n";

	fwrite(progname, 1, strlen(progname), stderr);
	fwrite(msg, 1, sizeof(msg) - 1, stderr);
	exit(ADS_SYSTEM);
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n != 0 ? n : 1)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if ((p = calloc(nmemb != 0 ? nmemb : 1, size != 0 ? size : 1)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n != 0 ? n : 1)) == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom();
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		oom();
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

long long
ads_strtonum(const char *s, long long minval, long long maxval,
    const char **errstr)
{
	long long v;
	char *end;

	*errstr = NULL;
	if (s == NULL || *s == '\0' || minval > maxval) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < minval) {
		*errstr = "too small";
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > maxval) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

long long
ads_optnum(const char *opt, const char *s, long long minval,
    long long maxval)
{
	const char *errstr;
	long long v;

	v = ads_strtonum(s, minval, maxval, &errstr);
	if (errstr != NULL)
		ads_die(ADS_USAGE, "%s is %s: %s", opt, errstr, s);
	return v;
}

long long
ads_optsize(const char *opt, const char *s, long long minval,
    long long maxval)
{
	char num[64];
	size_t n;
	long long mul = 1, v;

	n = strlen(s);
	if (n == 0 || n >= sizeof(num))
		ads_die(ADS_USAGE, "%s is invalid: %s", opt, s);
	memcpy(num, s, n + 1);
	switch (num[n - 1]) {
	case 'k': case 'K':
		mul = 1024LL;
		break;
	case 'm': case 'M':
		mul = 1024LL * 1024;
		break;
	case 'g': case 'G':
		mul = 1024LL * 1024 * 1024;
		break;
	default:
		break;
	}
	if (mul != 1)
		num[n - 1] = '\0';
	v = ads_optnum(opt, num, 0, LLONG_MAX / mul);
	v *= mul;
	if (v < minval)
		ads_die(ADS_USAGE, "%s is too small: %s", opt, s);
	if (v > maxval)
		ads_die(ADS_USAGE, "%s is too large: %s", opt, s);
	return v;
}

double
ads_optdouble(const char *opt, const char *s, double minval, double maxval)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || isnan(v))
		ads_die(ADS_USAGE, "%s is invalid: %s", opt, s);
	if (v < minval)
		ads_die(ADS_USAGE, "%s is too small: %s", opt, s);
	if (v > maxval)
		ads_die(ADS_USAGE, "%s is too large: %s", opt, s);
	return v;
}

void
ads_version(void)
{
	printf("%s (ads) %s\n", progname, ADS_VERSION_STRING);
	exit(fflush(stdout) == 0 ? ADS_OK : ADS_SYSTEM);
}

void
ads_now_rfc3339(char *buf, size_t len)
{
	const char *sde, *errstr;
	struct tm tm;
	time_t t;

	t = time(NULL);
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0') {
		long long v = ads_strtonum(sde, 0, 253402300799LL, &errstr);
		if (errstr == NULL)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *
ads_getenv_nonempty(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

int
ads_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
ads_xml_entities(const char *p, size_t n)
{
	const char *d = memmem(p, n, "<!DOCTYPE", 9);

	return d != NULL && memmem(d, (size_t)(p + n - d), "<!ENTITY", 8) !=
	    NULL;
}

size_t
ads_utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max;
	/* Back off continuation bytes, then the lead byte they follow. */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

size_t
ads_words(const char *s, size_t n)
{
	size_t i, w = 0;
	int in = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

double
ads_monotime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
