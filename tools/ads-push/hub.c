/*
 * hub.c -- reading the Hugging Face Hub's answers for ads-push (hub.h)
 */
#include <stdlib.h>
#include <string.h>

#include <jv.h>
#include <openssl/evp.h>

#include "../../common/json.h"
#include "../../common/util.h"
#include "hub.h"

#define MAXNAME	96

/* namepart -- 1 when s[0..n) is a repo name part: [A-Za-z0-9._-]. */
static int
namepart(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > MAXNAME || s[0] == '.' || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-'))
			return 0;
		if (c == '.' && i + 1 < n && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

int
hub_repo_ok(const char *repo)
{
	const char *slash = strchr(repo, '/');

	return slash != NULL && strchr(slash + 1, '/') == NULL &&
	    namepart(repo, (size_t)(slash - repo)) &&
	    namepart(slash + 1, strlen(slash + 1));
}

/* parse -- body as a JSON object, or invalid with *err set. */
static jv
parse(const char *body, size_t n, const char *what, char **err)
{
	jv v = jv_parse_sized(body, n > (size_t)1 << 30 ? 1 << 30 : (int)n);

	if (jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		*err = xasprintf("the %s answer is not a JSON object", what);
		return jv_invalid();
	}
	return v;
}

/* dup -- o[k] as a new C string, or NULL when it is not a string. */
static char *
dup(jv o, const char *k)
{
	const char *s = ads_json_str(o, k, NULL);

	return s != NULL ? xstrdup(s) : NULL;
}

int
hub_preupload_read(const char *body, size_t n, struct hub_file *files,
    size_t nfiles, char **err)
{
	jv v = parse(body, n, "preupload", err), arr;
	size_t j, seen = 0;

	if (!jv_is_valid(v))
		return -1;
	arr = jv_object_get(v, jv_string("files"));
	if (jv_get_kind(arr) != JV_KIND_ARRAY) {
		jv_free(arr);
		*err = xstrdup("the preupload answer has no files array");
		return -1;
	}
	jv_array_foreach(arr, i, f) {
		const char *path, *mode;
		jv ign;

		if (jv_get_kind(f) != JV_KIND_OBJECT) {
			jv_free(f);
			continue;
		}
		path = ads_json_str(f, "path", NULL);
		mode = ads_json_str(f, "uploadMode", NULL);
		ign = jv_object_get(jv_copy(f), jv_string("shouldIgnore"));
		for (j = 0; path != NULL && mode != NULL && j < nfiles; j++) {
			if (strcmp(files[j].path, path) != 0)
				continue;
			files[j].lfs = strcmp(mode, "lfs") == 0;
			files[j].ignore = jv_get_kind(ign) == JV_KIND_TRUE;
			seen++;
			break;
		}
		jv_free(ign);
		jv_free(f);
	}
	jv_free(arr);
	if (seen < nfiles) {
		*err = xasprintf("the preupload answer named %zu of %zu files",
		    seen, nfiles);
		return -1;
	}
	return 0;
}

/* action -- href and headers of obj.actions[name]. */
static void
action(jv actions, const char *name, char **href, jv *headers)
{
	jv a = jv_object_get(actions, jv_string(name));

	*href = NULL;
	*headers = jv_object();
	if (jv_get_kind(a) != JV_KIND_OBJECT) {
		jv_free(a);
		return;
	}
	*href = dup(a, "href");
	jv_free(*headers);
	*headers = jv_object_get(a, jv_string("header"));
	if (jv_get_kind(*headers) != JV_KIND_OBJECT) {
		jv_free(*headers);
		*headers = jv_object();
	}
}

int
hub_batch_read(const char *body, size_t n, const char *oid,
    struct hub_action *a, char **err)
{
	jv v = parse(body, n, "LFS batch", err), objs, acts;
	int found = 0;

	memset(a, 0, sizeof(*a));
	a->upheaders = jv_object();
	a->vheaders = jv_object();
	if (!jv_is_valid(v))
		return -1;
	objs = jv_object_get(v, jv_string("objects"));
	if (jv_get_kind(objs) != JV_KIND_ARRAY) {
		jv_free(objs);
		*err = xstrdup("the LFS batch answer has no objects array");
		return -1;
	}
	jv_array_foreach(objs, i, o) {
		const char *id;
		jv e;

		if (jv_get_kind(o) != JV_KIND_OBJECT) {
			jv_free(o);
			continue;
		}
		id = ads_json_str(o, "oid", NULL);
		if (id == NULL || strcmp(id, oid) != 0) {
			jv_free(o);
			continue;
		}
		found = 1;
		e = jv_object_get(jv_copy(o), jv_string("error"));
		if (jv_get_kind(e) == JV_KIND_OBJECT)
			a->error = dup(e, "message");
		if (jv_get_kind(e) != JV_KIND_INVALID &&
		    jv_get_kind(e) != JV_KIND_NULL && a->error == NULL)
			a->error = xstrdup("refused");
		jv_free(e);
		acts = jv_object_get(o, jv_string("actions"));
		if (jv_get_kind(acts) == JV_KIND_OBJECT) {
			jv_free(a->upheaders);
			jv_free(a->vheaders);
			action(jv_copy(acts), "upload", &a->upload,
			    &a->upheaders);
			action(jv_copy(acts), "verify", &a->verify,
			    &a->vheaders);
		}
		jv_free(acts);
		break;
	}
	jv_free(objs);
	if (!found) {
		*err = xasprintf("the LFS batch answer does not name %.16s",
		    oid);
		return -1;
	}
	return 0;
}

void
hub_action_free(struct hub_action *a)
{
	free(a->upload);
	free(a->verify);
	free(a->error);
	jv_free(a->upheaders);
	jv_free(a->vheaders);
	memset(a, 0, sizeof(*a));
	a->upheaders = jv_invalid();
	a->vheaders = jv_invalid();
}

char *
hub_base64(const void *p, size_t n)
{
	char *out = xmalloc((n + 2) / 3 * 4 + 1);
	const unsigned char *s = p;
	size_t done = 0, chunk;
	int w = 0;

	/* EVP_EncodeBlock takes an int length: encode in 3 MiB steps. */
	while (done < n) {
		chunk = n - done > 3u << 20 ? 3u << 20 : n - done;
		w += EVP_EncodeBlock((unsigned char *)out + w, s + done,
		    (int)chunk);
		done += chunk;
	}
	out[w] = '\0';
	return out;
}
