/*
 * unit.h -- tiny test helpers for the C unit tests: each check prints
 * "ok - name" or "not ok - name (file:line)", which tests/run counts.
 */
#ifndef ADS_UNIT_H
#define ADS_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("ok - %s\n", (name));				\
	else {								\
		printf("not ok - %s (%s:%d)\n", (name), __FILE__,	\
		    __LINE__);						\
		unit_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(name, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && strcmp(g_, w_) == 0)				\
		printf("ok - %s\n", (name));				\
	else {								\
		printf("not ok - %s (%s:%d)\n#   got:  %s\n#   want: %s\n", \
		    (name), __FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
		unit_failed = 1;					\
	}								\
} while (0)

#endif
