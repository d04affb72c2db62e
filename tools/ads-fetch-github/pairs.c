/*
 * pairs.c -- the task rows GitHub already holds
 *
 * Issues: a title is a one-line summary its author wrote of the body,
 * the pairing of the GitHub-issue summarization datasets.  READMEs: a
 * fenced code block and the paragraph just before it in the same
 * section ("Install it with:", "To train a model, run:") make a prompt
 * and its code.  A heading is not an explanation, so a block right
 * under its heading gives nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "gh.h"
#include "pairs.h"

#define MINWORDS	3
/* Longest code block kept, in bytes. */
#define MAXCODE		16384

static int
nwords(const char *s, size_t n)
{
	size_t i;
	int w = 0, in = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

static jv
issue(jv it, long *skipped)
{
	jv rec, meta, doc, v, pr;
	const char *title, *body, *url, *repo;
	size_t tlen, blen, dlen;
	double id, num;

	title = ads_json_str(it, "title", &tlen);
	body = ads_json_str(it, "body", &blen);
	pr = ads_json_get(it, "pull_request");
	if (ads_json_num(it, "id", &id) != 0 || title == NULL ||
	    body == NULL || jv_get_kind(pr) != JV_KIND_NULL ||
	    nwords(title, tlen) < MINWORDS || blen > 0x7ffffffe) {
		jv_free(pr);
		(*skipped)++;
		return jv_null();
	}
	jv_free(pr);
	doc = md_text(body, blen);
	dlen = (size_t)jv_string_length_bytes(jv_copy(doc));
	if (dlen < 2 * tlen) {
		jv_free(doc);
		(*skipped)++;
		return jv_null();
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("github:issue:%.0f", id));
	rec = ads_json_set(rec, "title", jv_string_sized(title, (int)tlen));
	url = ads_json_str(it, "html_url", NULL);
	if (url != NULL)
		rec = ads_json_set(rec, "url", jv_string(url));
	v = ads_json_get(it, "created_at");
	if (jv_get_kind(v) == JV_KIND_STRING)
		rec = ads_json_set(rec, "created", v);
	else
		jv_free(v);
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("issue"));
	repo = ads_json_str(it, "repository_url", NULL);
	if (repo != NULL && strstr(repo, "/repos/") != NULL)
		meta = ads_json_set(meta, "repo", jv_string(
		    strstr(repo, "/repos/") + 7));
	if (ads_json_num(it, "number", &num) == 0)
		meta = ads_json_set(meta, "number", jv_number(num));
	v = ads_json_get(it, "state");
	if (jv_get_kind(v) == JV_KIND_STRING)
		meta = ads_json_set(meta, "state", v);
	else
		jv_free(v);
	if (ads_json_num(it, "comments", &num) == 0)
		meta = ads_json_set(meta, "comments", jv_number(num));
	meta = ads_json_set(meta, "pair", jv_string("body/title"));
	rec = ads_json_set(rec, "meta", meta);
	rec = ads_json_set(rec, "document", jv_copy(doc));
	rec = ads_json_set(rec, "summary", jv_string_sized(title, (int)tlen));
	return ads_task_row(rec, doc, jv_null());
}

jv
gh_issues(const char *body, size_t n, long *total, int *incomplete,
    long *skipped)
{
	jv items, out, it, rec;
	int i, k;

	items = gh_items(body, n, total, incomplete);
	if (!jv_is_valid(items))
		return items;
	out = jv_array();
	k = jv_array_length(jv_copy(items));
	for (i = 0; i < k; i++) {
		it = jv_array_get(jv_copy(items), i);
		rec = jv_get_kind(it) == JV_KIND_OBJECT ? issue(it, skipped) :
		    jv_null();
		jv_free(it);
		if (jv_get_kind(rec) == JV_KIND_OBJECT)
			out = jv_array_append(out, rec);
		else
			jv_free(rec);
	}
	jv_free(items);
	return out;
}

char *
gh_readme_md(const char *body, size_t n, size_t *len)
{
	jv root;
	const char *enc, *content;
	size_t clen;
	char *dec = NULL;

	*len = 0;
	root = ads_json_parse(body, n);
	content = ads_json_str(root, "content", &clen);
	enc = ads_json_str(root, "encoding", NULL);
	if (content != NULL && enc != NULL && strcasecmp(enc, "base64") == 0)
		dec = gh_b64(content, clen, len);
	else if (content != NULL) {
		dec = malloc(clen + 1);
		if (dec != NULL) {
			memcpy(dec, content, clen);
			dec[clen] = '\0';
			*len = clen;
		}
	}
	jv_free(root);
	return dec;
}

/* blank -- 1 when line s (n bytes) holds only white space. */
static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * fence -- the fence length (3 or more ` or ~) opening line s (n bytes)
 * after at most 3 spaces, with its character in *c; 0 when none.
 */
static size_t
fence(const char *s, size_t n, char *c)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	*c = s[i];
	for (k = 0; i + k < n && s[i + k] == *c; k++)
		;
	return k >= 3 ? k : 0;
}

/* heading -- 1 when line s (n bytes) is an ATX heading or a rule. */
static int
heading(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i < n && s[i] == '#')
		return 1;
	/* Setext underlines and thematic breaks. */
	if (i < n && (s[i] == '=' || s[i] == '-' || s[i] == '*' ||
	    s[i] == '_')) {
		char c = s[i];

		for (; i < n; i++)
			if (s[i] != c && s[i] != ' ' && s[i] != '\r')
				return 0;
		return 1;
	}
	return 0;
}

/* spaces -- the spaces at the start of s (n bytes). */
static size_t
spaces(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* eol -- the end of the line at p (the newline or e). */
static const char *
eol(const char *p, const char *e)
{
	const char *q = memchr(p, '\n', (size_t)(e - p));

	return q != NULL ? q : e;
}

static jv
coderow(jv rec, jv prompt, const char *code, size_t clen,
    const char *info, size_t ilen, int k)
{
	static const char *keep[] = { "title", "url", "license", "lang",
	    "created", NULL };
	const char *id = ads_json_str(rec, "id", NULL);
	jv row, meta, v, rm;
	size_t i;

	row = jv_object();
	row = ads_json_set(row, "id", jv_string_fmt("%s#code-%d",
	    id != NULL ? id : "github", k));
	for (i = 0; keep[i] != NULL; i++) {
		v = ads_json_get(rec, keep[i]);
		if (jv_get_kind(v) == JV_KIND_STRING)
			row = ads_json_set(row, keep[i], v);
		else
			jv_free(v);
	}
	meta = jv_object();
	meta = ads_json_set(meta, "kind", jv_string("readme-code"));
	rm = ads_json_get(rec, "meta");
	v = ads_json_get(rm, "full_name");
	jv_free(rm);
	if (jv_get_kind(v) == JV_KIND_STRING)
		meta = ads_json_set(meta, "repo", v);
	else
		jv_free(v);
	while (ilen > 0 && (info[ilen - 1] == ' ' || info[ilen - 1] == '\r'))
		ilen--;
	while (ilen > 0 && (*info == ' ' || *info == '\t')) {
		info++;
		ilen--;
	}
	for (i = 0; i < ilen && info[i] != ' ' && info[i] != '\t' &&
	    info[i] != '{' && info[i] != ','; i++)
		;
	if (i > 0 && i < 40)
		meta = ads_json_set(meta, "code_lang", jv_string_sized(info,
		    (int)i));
	meta = ads_json_set(meta, "pair", jv_string("paragraph/code"));
	row = ads_json_set(row, "meta", meta);
	row = ads_json_set(row, "prompt", jv_copy(prompt));
	row = ads_json_set(row, "code", jv_string_sized(code, (int)clen));
	return ads_task_row(row, prompt, ads_json_get(rec, "id"));
}

jv
gh_code_rows(jv rec, const char *md, size_t n, int max)
{
	const char *p = md, *e = md + n, *le, *para = NULL, *parae = NULL;
	const char *cs, *ce, *info;
	size_t flen, ilen, k2, sp;
	struct ads_buf code = ADS_BUF_INIT;
	jv out = jv_array(), prompt;
	char c, c2;
	int k = 0, inpara = 0;

	while (p < e && k < max) {
		le = eol(p, e);
		flen = fence(p, (size_t)(le - p), &c);
		if (flen > 0) {
			info = p + flen + spaces(p, (size_t)(le - p));
			ilen = info < le ? (size_t)(le - info) : 0;
			/* The block: up to a closing fence as long. */
			cs = le < e ? le + 1 : e;
			ce = cs;
			p = cs;
			while (p < e) {
				le = eol(p, e);
				k2 = fence(p, (size_t)(le - p), &c2);
				sp = spaces(p, (size_t)(le - p));
				if (k2 >= flen && c2 == c && blank(p + k2 + sp,
				    (size_t)(le - p) - k2 - sp))
					break;
				ce = le;
				p = le < e ? le + 1 : e;
			}
			if (para != NULL && ce > cs && (size_t)(ce - cs) <=
			    MAXCODE) {
				prompt = md_text(para, (size_t)(parae - para));
				if (nwords(jv_string_value(prompt),
				    (size_t)jv_string_length_bytes(
				    jv_copy(prompt))) >= MINWORDS) {
					ads_buf_reset(&code);
					ads_buf_add(&code, cs, (size_t)(ce - cs));
					out = jv_array_append(out, coderow(rec,
					    prompt, code.p, code.len, info,
					    ilen, k++));
				} else
					jv_free(prompt);
			}
			/* The next block needs its own explanation. */
			para = parae = NULL;
			inpara = 0;
			p = le < e ? le + 1 : e;
			continue;
		}
		if (blank(p, (size_t)(le - p))) {
			inpara = 0;
		} else if (heading(p, (size_t)(le - p))) {
			para = parae = NULL;
			inpara = 0;
		} else if (inpara) {
			parae = le;
		} else {
			para = p;
			parae = le;
			inpara = 1;
		}
		p = le < e ? le + 1 : e;
	}
	ads_buf_free(&code);
	return out;
}
