/*
 * config -- libFuzzer harness for ads-args's config file lines
 * (conf_line) and the sh quoting of what it takes (ads_buf_addsh): any
 * bytes, cut into lines, must give names of capitals, digits and '_'
 * only, and values that the quoting gives back byte for byte when read
 * as sh reads a word; no crash, leak or sanitizer report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../tools/ads-args/args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * unquote -- read the sh word w (n bytes) into b: '...' parts, \' and
 * the bytes that need no quotes; 0 when anything else is outside the
 * quotes, which the shell could take for an expansion or a separator.
 */
static int
unquote(const char *w, size_t n, struct ads_buf *b)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_./=:,+@%-";
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i] == '\'') {
			for (i++; i < n && w[i] != '\''; i++)
				ads_buf_addc(b, w[i]);
			if (i == n)
				return 0;
		} else if (w[i] == '\\' && i + 1 < n && w[i + 1] == '\'') {
			ads_buf_addc(b, w[++i]);
		} else if (w[i] != '\0' && strchr(safe, w[i]) != NULL) {
			ads_buf_addc(b, w[i]);
		} else
			return 0;
	}
	return 1;
}

static void
roundtrip(const char *s, size_t n, int bare)
{
	struct ads_buf q = ADS_BUF_INIT, back = ADS_BUF_INIT;

	ads_buf_addsh(&q, s, n, bare);
	if (!unquote(q.p, q.len, &back) || back.len != n ||
	    (n > 0 && memcmp(back.p, s, n) != 0))
		abort();
	ads_buf_free(&q);
	ads_buf_free(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	char *name, *value;
	size_t i;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		switch (conf_line(p, (size_t)(nl - p), "/home/u", &name,
		    &value)) {
		case CONF_SET:
			for (i = 0; name[i] != '\0'; i++)
				if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
				    name[i]) == NULL)
					abort();
			if (i == 0 || strncmp(name, "LD_", 3) == 0 ||
			    strcmp(name, "PATH") == 0 || strcmp(name, "IFS") == 0)
				abort();
			roundtrip(value, strlen(value), 0);
			roundtrip(value, strlen(value), 1);
			break;
		case CONF_BAD:
			if (strlen(name) > 40)
				abort();
			break;
		case CONF_SKIP:
			if (name != NULL || value != NULL)
				abort();
			break;
		}
		free(name);
		free(value);
	}
	roundtrip((const char *)data, strnlen((const char *)data, size), 1);
	return 0;
}
