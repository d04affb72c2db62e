/*
 * nested.c -- the task columns Parquet gets nested
 *
 * The Hugging Face Hub reads a translation dataset's "translation"
 * column as a struct of one string per language (the Translation
 * feature) and a conversational dataset's "messages" as a list of
 * {role, content} structs; JSON text in a string column would load as
 * text.  A column becomes nested only when every one of its values has
 * that shape, so any other data named so keeps its JSON text.
 */
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/util.h"
#include "export.h"

/* Most struct fields (languages) of a translation column. */
#define MAXKEYS	64

static int
candidate(const struct column *c)
{
	return c->type == T_JSON && ((c->namelen == 11 &&
	    memcmp(c->name, "translation", 11) == 0) || (c->namelen == 8 &&
	    memcmp(c->name, "messages", 8) == 0));
}

void
nest_begin(struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		sc->cols[i].nest = candidate(&sc->cols[i]) ? 1 : 0;
}

int
nest_any(const struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		if (sc->cols[i].nest == 1)
			return 1;
	return 0;
}

/* addkey -- add key k (len bytes) to c's fields; 0, or -1 when full. */
static int
addkey(struct column *c, const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < c->nkeys; i++)
		if (strlen(c->keys[i]) == len && memcmp(c->keys[i], k,
		    len) == 0)
			return 0;
	if (c->nkeys >= MAXKEYS || len == 0 || memchr(k, '\0', len) != NULL)
		return -1;
	c->keys = xreallocarray(c->keys, c->nkeys + 1, sizeof(*c->keys));
	c->keys[c->nkeys] = xmalloc(len + 1);
	memcpy(c->keys[c->nkeys], k, len);
	c->keys[c->nkeys][len] = '\0';
	c->nkeys++;
	return 0;
}

/* structok -- v is an object of strings; its keys join c's. */
static int
structok(struct column *c, jv v)
{
	int ok = 1;

	if (jv_get_kind(v) != JV_KIND_OBJECT)
		return 0;
	jv_object_foreach(v, k, x) {
		if (ok && (jv_get_kind(x) != JV_KIND_STRING ||
		    addkey(c, jv_string_value(k),
		    (size_t)jv_string_length_bytes(jv_copy(k))) < 0))
			ok = 0;
		jv_free(k);
		jv_free(x);
	}
	return ok;
}

/* messagesok -- v is an array of {role, content} string objects. */
static int
messagesok(jv v)
{
	int ok = 1;

	if (jv_get_kind(v) != JV_KIND_ARRAY)
		return 0;
	jv_array_foreach(v, i, m) {
		int keys = 0;

		if (jv_get_kind(m) != JV_KIND_OBJECT)
			ok = 0;
		else {
			jv_object_foreach(m, k, x) {
				const char *ks = jv_string_value(k);

				if ((strcmp(ks, "role") != 0 &&
				    strcmp(ks, "content") != 0) ||
				    jv_get_kind(x) != JV_KIND_STRING)
					ok = 0;
				keys++;
				jv_free(k);
				jv_free(x);
			}
			if (keys == 0)
				ok = 0;
		}
		jv_free(m);
		if (!ok)
			break;
	}
	return ok;
}

void
nest_see(struct schema *sc, const struct field *f)
{
	struct column *c;
	size_t i;
	jv v;
	int ok;

	for (i = 0; i < sc->ncols; i++) {
		c = &sc->cols[i];
		if (c->nest != 1 || f[i].tag == V_NULL)
			continue;
		if (f[i].tag != V_NEST) {
			c->nest = -1;
			continue;
		}
		v = ads_json_parse(f[i].s, f[i].len);
		ok = c->name[0] == 't' ? structok(c, v) : messagesok(v);
		jv_free(v);
		if (!ok)
			c->nest = -1;
	}
}

void
nest_end(struct schema *sc)
{
	struct column *c;
	size_t i, k;

	for (i = 0; i < sc->ncols; i++) {
		c = &sc->cols[i];
		if (c->nest == 1 && c->name[0] == 't' && c->nkeys > 0)
			c->type = T_STRUCT;
		else if (c->nest == 1 && c->name[0] == 'm')
			c->type = T_MESSAGES;
		else {
			for (k = 0; k < c->nkeys; k++)
				free(c->keys[k]);
			free(c->keys);
			c->keys = NULL;
			c->nkeys = 0;
		}
		c->nest = 0;
	}
}
