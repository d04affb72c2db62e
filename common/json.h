/*
 * json.h -- compact JSON output and jv helpers
 *
 * The writer emits what `jq -c .` emits for the same value: compact,
 * keys in the object's insertion order, every control character escaped,
 * UTF-8 passed through as is.  jv strings are valid UTF-8 by
 * construction (jv_string_sized replaces bad bytes with U+FFFD), so the
 * writer never emits invalid UTF-8.  Numbers are printed as integers
 * when they are integral and below 1e17, otherwise with the shortest
 * "%.Ng" that reads back to the same double; NaN prints as null and
 * infinities as +-1.7976931348623157e+308, as jq does.
 */
#ifndef ADS_JSON_H
#define ADS_JSON_H

#include <stddef.h>

#include <jv.h>

#include "buf.h"
#include "io.h"

/* ads_json_emit -- append v as compact JSON to b.  Borrows v. */
void ads_json_emit(struct ads_buf *b, jv v);
/* ads_json_emit_string -- append s (n bytes, UTF-8) as a JSON string. */
void ads_json_emit_string(struct ads_buf *b, const char *s, size_t n);
/* ads_json_emit_number -- append d as a JSON number. */
void ads_json_emit_number(struct ads_buf *b, double d);

/*
 * ads_out_record -- write v as one compact JSON line to o.  Consumes v.
 * Flushes after the line when o is unbuffered.
 */
void ads_out_record(struct ads_out *o, jv v);

/*
 * ads_json_parse -- parse exactly one JSON value from p (n bytes).
 * Returns a new reference: the value, or an invalid jv with a message.
 * Inputs over INT_MAX bytes are rejected (jv_parse_sized takes an int).
 */
jv ads_json_parse(const char *p, size_t n);

/*
 * ads_json_str -- the string value of obj[key], or NULL when obj is
 * not an object, the key is missing or the value is not a string.
 * Borrows obj; the returned pointer lives as long as obj's reference.
 * *len, when not NULL, receives the length in bytes.
 */
const char *ads_json_str(jv obj, const char *key, size_t *len);
/*
 * ads_json_num -- obj[key] as a double into *d; returns 0, or -1 when
 * missing or not a number.  Borrows obj.
 */
int ads_json_num(jv obj, const char *key, double *d);
/*
 * ads_json_count -- obj[key] as a count into *n: a number from 0 to
 * 2^53, its whole part.  Returns 0, or -1 when missing, not a number,
 * negative, larger or not finite (an answer's, so anything).  Borrows.
 */
int ads_json_count(jv obj, const char *key, long long *n);
/* ads_json_has -- 1 when obj is an object with key (any value). Borrows. */
int ads_json_has(jv obj, const char *key);
/*
 * ads_json_get -- obj[key] as a new reference (jv_null() when missing
 * or obj is not an object).  Borrows obj.
 */
jv ads_json_get(jv obj, const char *key);
/* ads_json_get2 -- obj[k1][k2], as ads_json_get.  Borrows obj. */
jv ads_json_get2(jv obj, const char *k1, const char *k2);
/*
 * ads_json_set -- obj[key] = v, keeping key's position when it exists
 * and appending it otherwise.  Consumes obj and v; returns the object.
 */
jv ads_json_set(jv obj, const char *key, jv v);

/*
 * ads_json_strv -- a NULL-terminated vector of the strings in array a
 * (non-strings skipped), copied; free with ads_strv_free.  Borrows a.
 */
char **ads_json_strv(jv a, size_t *n);
/*
 * ads_strv_split -- the words of the list s (separated by commas and
 * spaces) as a NULL-terminated vector, or NULL when there is none; the
 * count in *n.  Free with ads_strv_free.
 */
char **ads_strv_split(const char *s, size_t *n);
void ads_strv_free(char **v);

#endif
