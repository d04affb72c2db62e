/*
 * field.h -- where a record keeps its text: jq-style paths
 *
 * The refine tools read (and ads-scrub rewrites) the text of a record
 * at the paths of their -T option: a comma-separated list of jq-style
 * paths such as ".text", ".review_body", ".a.b", ".messages[].content"
 * or ".turns[0]".  A step is ".name" (an object member; the leading dot
 * of a path may be left out), "[]" (every element of an array, every
 * value of an object) or "[N]" (element N of an array, from 0).  Names
 * hold any byte but '.', '[', ']', '"' and ','; any name can be quoted,
 * '."a.b"' or '["a,b"]', with \" and \\ inside.  A path reaches the strings
 * it ends on; anything else it reaches (numbers, objects, a missing
 * member) is passed over.  The text of a record is the strings the
 * paths reach, in order, joined with a newline.
 */
#ifndef ADS_FIELD_H
#define ADS_FIELD_H

#include <stddef.h>

#include <jv.h>

#include "buf.h"

#define ADS_FIELD_MAX	64	/* paths in one -T list */

struct ads_step {
	int		 kind;		/* ADS_STEP_* */
	char		*name;		/* ADS_STEP_KEY */
	long		 index;		/* ADS_STEP_INDEX */
};
enum { ADS_STEP_KEY, ADS_STEP_ALL, ADS_STEP_INDEX };

struct ads_field {
	int		 nstep;
	struct ads_step	*step;
};

struct ads_fields {
	int		 n;
	struct ads_field f[ADS_FIELD_MAX];
	char		*spec;		/* the list as given, for messages */
	const char	*require[4];	/* what the reader must find */
};

/*
 * ads_fields_parse -- add the paths of the comma-separated list spec to
 * fs (zeroed first, or from an earlier call).  Returns 0, or -1 with a
 * message in err.
 */
int ads_fields_parse(struct ads_fields *fs, const char *spec, char *err,
    size_t errlen);
/*
 * ads_fields_opt -- ads_fields_parse for the option opt ("-T"), exiting
 * ADS_USAGE on a bad list.
 */
void ads_fields_opt(struct ads_fields *fs, const char *opt, const char *spec);
/* ads_fields_default -- the paths of spec when fs has none yet. */
void ads_fields_default(struct ads_fields *fs, const char *spec);
void ads_fields_free(struct ads_fields *fs);
/* ads_field_key -- the member name of a path that is one ".name", or NULL. */
const char *ads_field_key(const struct ads_field *f);
/*
 * ads_fields_key -- the member name when fs is one path of one ".name"
 * (the tools' fast paths read the raw line then), or NULL.
 */
const char *ads_fields_key(const struct ads_fields *fs);
/*
 * ads_fields_require -- the string members a record must have for a
 * tool reading fs: "id", "source", and "text" when one of the paths is
 * ".text" (ads-record(5)); for struct ads_reader's require.
 */
const char *const *ads_fields_require(struct ads_fields *fs);
/*
 * ads_fields_text -- append the text of rec (borrowed) to b: the strings
 * the paths reach, joined with '\n'.  Returns how many there were.
 */
size_t ads_fields_text(const struct ads_fields *fs, jv rec,
    struct ads_buf *b);
/* ads_fields_count -- how many strings the paths reach in rec (borrowed). */
size_t ads_fields_count(const struct ads_fields *fs, jv rec);
/*
 * ads_fields_map -- replace every string the paths reach in rec with
 * fn(string, ctx) (fn consumes its argument).  Consumes rec; returns
 * the record, members in their places.  *nreached, when not NULL,
 * receives the number of strings reached.
 */
jv ads_fields_map(const struct ads_fields *fs, jv rec,
    jv (*fn)(jv s, void *ctx), void *ctx, size_t *nreached);
/*
 * ads_fields_missing -- the warning and ADS_DATA of a run in which no
 * record of nrec (> 0) had a string at the paths.
 */
void ads_fields_missing(const struct ads_fields *fs, unsigned long nrec,
    unsigned long nhave);

#endif
