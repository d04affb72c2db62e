/*
 * args.h -- ads-args: the lines of the config file (conf.c)
 */
#ifndef ADS_ARGS_H
#define ADS_ARGS_H

#include <stddef.h>

/* What conf_line found on one line. */
enum conf_kind { CONF_SKIP, CONF_SET, CONF_BAD };

/*
 * conf_line -- one line of the config file (n bytes, no newline):
 * blank or a comment (CONF_SKIP); NAME=VALUE with NAME a variable ads may
 * take (CONF_SET: *name and *value are new strings, VALUE without one
 * pair of enclosing quotes, a leading ~/ made home/); anything else
 * (CONF_BAD: *name is the part before '=', or the whole line, cut to 40
 * bytes, for the warning).  Nothing is run or expanded.  Never exits but
 * out of memory.
 */
enum conf_kind conf_line(const char *p, size_t n, const char *home,
    char **name, char **value);

#endif
