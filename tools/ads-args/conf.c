/*
 * conf.c -- ads-args: the config file's lines (ads(7), FILES)
 *
 * A line is NAME=VALUE.  NAME is an environment variable in capitals,
 * never one that changes how a shell or the loader runs (PATH, IFS,
 * ENV, BASH_ENV, CDPATH, HOME, SHELL, PS1 to PS4, LD_*).  VALUE is
 * taken as it is: one pair of quotes around it goes, and a leading ~/
 * stands for the home folder; nothing else is expanded.
 */
#include <string.h>

#include "../../common/buf.h"
#include "../../common/util.h"
#include "args.h"

/* The names a config file may not set. */
static int
forbidden(const char *k, size_t n)
{
	static const char *const names[] = { "PATH", "IFS", "ENV",
	    "BASH_ENV", "CDPATH", "HOME", "SHELL", "PS1", "PS2", "PS3",
	    "PS4" };
	size_t i;

	if (n >= 3 && memcmp(k, "LD_", 3) == 0)
		return 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], k, n) == 0)
			return 1;
	return 0;
}

static int
goodname(const char *k, size_t n)
{
	size_t i;

	if (n == 0 || !((k[0] >= 'A' && k[0] <= 'Z') || k[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!((k[i] >= 'A' && k[i] <= 'Z') || k[i] == '_' ||
		    (k[i] >= '0' && k[i] <= '9')))
			return 0;
	return !forbidden(k, n);
}

enum conf_kind
conf_line(const char *p, size_t n, const char *home, char **name,
    char **value)
{
	const char *eq = memchr(p, '=', n), *v;
	size_t kn = eq != NULL ? (size_t)(eq - p) : n, vn;
	struct ads_buf b = ADS_BUF_INIT;

	*name = *value = NULL;
	if (n == 0 || p[0] == '#')
		return CONF_SKIP;
	if (eq == NULL || !goodname(p, kn) || memchr(p, '\0', n) != NULL) {
		*name = xstrndup(p, kn > 40 ? 40 : kn);
		return CONF_BAD;
	}
	v = eq + 1;
	vn = n - kn - 1;
	if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
		v++;
		vn -= 2;
	}
	*name = xstrndup(p, kn);
	if (vn >= 2 && v[0] == '~' && v[1] == '/') {
		ads_buf_adds(&b, home != NULL ? home : "");
		v++;
		vn--;
	}
	ads_buf_add(&b, v, vn);
	*value = ads_buf_detach(&b, NULL);
	return CONF_SET;
}
