/*
 * Reading a plugin's C source for the error codes it can give (see
 * plugin_codes.h). The source is cut into tokens (comments dropped,
 * preprocessor lines kept, so a macro that calls kaaj_refuse is read
 * too), then the calls are found by their names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin_codes.h"

enum tok_kind {
	TOK_IDENT = 1,
	TOK_STRING,		/* s and len: the text between the quotes */
	TOK_PUNCT,		/* one character, or "->" */
	TOK_OTHER		/* numbers and character constants */
};

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t len;
};

struct toks {
	struct tok *v;
	size_t n;
};

static void *
xrealloc(void *p, size_t size)
{
	if ((p = realloc(p, size)) == NULL) {
		fputs("out of memory\n", stderr);
		abort();
	}
	return p;
}

void
strlist_add(struct strlist *l, const char *s, size_t len)
{
	char *copy;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
			return;
	copy = xrealloc(NULL, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = copy;
}

void
strlist_addf(struct strlist *l, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	strlist_add(l, text, strlen(text));
}

int
strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
toks_add(struct toks *t, enum tok_kind kind, const char *s, size_t len)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n].kind = kind;
	t->v[t->n].s = s;
	t->v[t->n].len = len;
	t->n++;
}

static int
is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The end of the quoted literal starting at p (which is the quote). */
static const char *
literal_end(const char *p)
{
	char quote = *p++;

	while (*p != '\0' && *p != quote)
		p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
	return p;
}

/* Cut text into tokens, dropping blanks and comments. */
static void
tokenize(const char *text, struct toks *t)
{
	const char *p = text, *q;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\f' || *p == '\v' || *p == '\\') {
			p++;
		} else if (p[0] == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			p = q != NULL ? q + 2 : p + strlen(p);
		} else if (p[0] == '/' && p[1] == '/') {
			p += strcspn(p, "\n");
		} else if (*p == '"' || *p == '\'') {
			q = literal_end(p);
			if (*p == '"')
				toks_add(t, TOK_STRING, p + 1,
				    (size_t)(q - p - 1));
			else
				toks_add(t, TOK_OTHER, p, (size_t)(q - p));
			p = *q != '\0' ? q + 1 : q;
		} else if (is_ident_char(*p)) {
			for (q = p; is_ident_char(*q) || (*p >= '0' &&
			    *p <= '9' && *q == '.'); q++)
				continue;
			toks_add(t, *p >= '0' && *p <= '9' ? TOK_OTHER :
			    TOK_IDENT, p, (size_t)(q - p));
			p = q;
		} else {
			q = p + ((p[0] == '-' && p[1] == '>') ? 2 : 1);
			toks_add(t, TOK_PUNCT, p, (size_t)(q - p));
			p = q;
		}
	}
}

/* Non-zero when token i exists, is of kind k and reads s. */
static int
tok_is(const struct toks *t, size_t i, enum tok_kind k, const char *s)
{
	return i < t->n && t->v[i].kind == k && strlen(s) == t->v[i].len &&
	    memcmp(t->v[i].s, s, t->v[i].len) == 0;
}

/* The index of the ")" or "}" closing the bracket at i, or t->n. */
static size_t
closing(const struct toks *t, size_t i)
{
	int depth = 0;

	for (; i < t->n; i++) {
		if (t->v[i].kind != TOK_PUNCT)
			continue;
		if (strchr("([{", t->v[i].s[0]) != NULL)
			depth++;
		else if (strchr(")]}", t->v[i].s[0]) != NULL && --depth == 0)
			return i;
	}
	return t->n;
}

/* Non-zero when a code has the form the ABI asks for, [a-z_]+. */
static int
code_valid(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
			return 0;
	return len > 0;
}

/*
 * Check the message of a kaaj_refuse call with code against the others
 * said (entries "code\nmessage"): one code must always carry the same
 * message, since a translation replaces the message by its code. The
 * message is tokens from..to; one that is not all string literals (a
 * message chosen at run time) is not compared.
 */
static void
check_message(const struct toks *t, size_t from, size_t to,
    const char *code, size_t code_len, struct strlist *said,
    struct strlist *problems)
{
	char m[1024];
	size_t j, n = 0;

	for (j = from; j < to; j++) {
		if (t->v[j].kind != TOK_STRING || n + t->v[j].len >= sizeof(m))
			return;
		memcpy(m + n, t->v[j].s, t->v[j].len);
		n += t->v[j].len;
	}
	m[n] = '\0';
	for (j = 0; j < said->n; j++)
		if (strncmp(said->v[j], code, code_len) == 0 &&
		    said->v[j][code_len] == '\n' &&
		    strcmp(said->v[j] + code_len + 1, m) != 0) {
			strlist_addf(problems, "the code \"%.*s\" is given "
			    "with two different messages: each needs a code "
			    "of its own to be translated", (int)code_len, code);
			return;
		}
	strlist_addf(said, "%.*s\n%s", (int)code_len, code, m);
}

/*
 * Read the kaaj_refuse call whose name is token i: its third argument
 * must be one string literal, the code. Adds it to codes or a sentence to
 * problems, and checks its message against the others said.
 */
static void
read_refuse(const struct toks *t, size_t i, struct strlist *codes,
    struct strlist *said, struct strlist *problems)
{
	size_t j, end = closing(t, i + 1), first = 0, count = 0, msg = 0;
	int arg = 0, depth = 0;

	for (j = i + 2; j < end; j++) {
		if (t->v[j].kind == TOK_PUNCT && strchr("([{",
		    t->v[j].s[0]) != NULL)
			depth++;
		else if (t->v[j].kind == TOK_PUNCT && strchr(")]}",
		    t->v[j].s[0]) != NULL)
			depth--;
		if (depth == 0 && tok_is(t, j, TOK_PUNCT, ",")) {
			if (++arg == 3)
				msg = j + 1;
			continue;
		}
		if (arg == 2 && count++ == 0)
			first = j;
	}
	if (count != 1 || t->v[first].kind != TOK_STRING)
		strlist_addf(problems, "a kaaj_refuse() call whose code is "
		    "not one string literal: its codes cannot be listed");
	else if (!code_valid(t->v[first].s, t->v[first].len))
		strlist_addf(problems, "the code \"%.*s\" is not [a-z_]+",
		    (int)t->v[first].len, t->v[first].s);
	else {
		strlist_add(codes, t->v[first].s, t->v[first].len);
		if (msg != 0)
			check_message(t, msg, end, t->v[first].s,
			    t->v[first].len, said, problems);
	}
}

/*
 * Read the tokens from..to: the codes of kaaj_refuse calls, the names
 * called, and what cannot be followed.
 */
static void
read_body(const struct toks *t, size_t from, size_t to,
    struct strlist *codes, struct strlist *calls, struct strlist *problems)
{
	struct strlist said = { NULL, 0 };
	size_t i;

	for (i = from; i < to; i++) {
		if (t->v[i].kind != TOK_IDENT)
			continue;
		if (tok_is(t, i, TOK_IDENT, "kaaj_refuse")) {
			/* Its declaration follows its type, int. */
			if (tok_is(t, i - 1, TOK_IDENT, "int"))
				continue;
			if (tok_is(t, i + 1, TOK_PUNCT, "("))
				read_refuse(t, i, codes, &said, problems);
			else
				strlist_addf(problems, "kaaj_refuse is used "
				    "other than by a call");
		} else if (tok_is(t, i, TOK_IDENT, "code") && i > 0 &&
		    (tok_is(t, i - 1, TOK_PUNCT, "->") ||
		    tok_is(t, i - 1, TOK_PUNCT, "."))) {
			strlist_addf(problems, "an error's code is used "
			    "directly instead of through kaaj_refuse()");
		} else if (tok_is(t, i, TOK_IDENT, "kaaj_error") &&
		    !tok_is(t, i + 1, TOK_PUNCT, "*")) {
			strlist_addf(problems, "a struct kaaj_error is used "
			    "other than through a pointer");
		} else if (calls != NULL) {
			strlist_add(calls, t->v[i].s, t->v[i].len);
		}
	}
	strlist_free(&said);
}

char *
codes_file_text(const char *path)
{
	char *text = NULL;
	long size;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)size + 1)) != NULL) {
		if (fread(text, 1, (size_t)size, f) == (size_t)size)
			text[size] = '\0';
		else {
			free(text);
			text = NULL;
		}
	}
	fclose(f);
	return text;
}

void
codes_read_header(const char *text, struct header_funcs *h)
{
	struct toks t = { NULL, 0 };
	struct header_func *f;
	size_t i, close_paren, end;

	tokenize(text, &t);
	for (i = 0; i + 1 < t.n; i++) {
		/* A definition at the top: NAME ( ... ) { ... } */
		if (t.v[i].kind != TOK_IDENT ||
		    !tok_is(&t, i + 1, TOK_PUNCT, "("))
			continue;
		close_paren = closing(&t, i + 1);
		if (!tok_is(&t, close_paren + 1, TOK_PUNCT, "{"))
			continue;
		end = closing(&t, close_paren + 1);
		h->v = xrealloc(h->v, (h->n + 1) * sizeof(*h->v));
		f = &h->v[h->n++];
		memset(f, 0, sizeof(*f));
		f->name = xrealloc(NULL, t.v[i].len + 1);
		memcpy(f->name, t.v[i].s, t.v[i].len);
		f->name[t.v[i].len] = '\0';
		read_body(&t, close_paren + 2, end, &f->codes, &f->calls,
		    &f->problems);
		i = end;
	}
	free(t.v);
}

static const struct header_func *
header_find(const struct header_funcs *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].name, name) == 0)
			return &h->v[i];
	return NULL;
}

/* Add the codes of header function f and of those it calls, once. */
static void
add_header_codes(const struct header_funcs *h, const struct header_func *f,
    struct strlist *seen, struct strlist *codes, struct strlist *problems)
{
	const struct header_func *g;
	size_t i;

	if (strlist_has(seen, f->name))
		return;
	strlist_add(seen, f->name, strlen(f->name));
	for (i = 0; i < f->codes.n; i++)
		strlist_add(codes, f->codes.v[i], strlen(f->codes.v[i]));
	for (i = 0; i < f->problems.n; i++)
		strlist_addf(problems, "uses %s(), in which %s", f->name,
		    f->problems.v[i]);
	for (i = 0; i < f->calls.n; i++)
		if ((g = header_find(h, f->calls.v[i])) != NULL)
			add_header_codes(h, g, seen, codes, problems);
}

void
codes_of_source(const char *text, const struct header_funcs *h,
    struct strlist *codes, struct strlist *problems)
{
	struct strlist names = { NULL, 0 }, seen = { NULL, 0 };
	const struct header_func *f;
	struct toks t = { NULL, 0 };
	size_t i;

	tokenize(text, &t);
	for (i = 0; i + 2 < t.n; i++)
		if (tok_is(&t, i, TOK_PUNCT, "#") &&
		    tok_is(&t, i + 1, TOK_IDENT, "include") &&
		    t.v[i + 2].kind == TOK_STRING &&
		    !tok_is(&t, i + 2, TOK_STRING, "kaaj/jobtype.h") &&
		    !tok_is(&t, i + 2, TOK_STRING, "kaaj/check.h"))
			strlist_addf(problems, "includes \"%.*s\", which this "
			    "test does not read", (int)t.v[i + 2].len,
			    t.v[i + 2].s);
	read_body(&t, 0, t.n, codes, &names, problems);
	for (i = 0; i < names.n; i++)
		if ((f = header_find(h, names.v[i])) != NULL)
			add_header_codes(h, f, &seen, codes, problems);
	strlist_free(&names);
	strlist_free(&seen);
	free(t.v);
}

void
header_funcs_free(struct header_funcs *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].name);
		strlist_free(&h->v[i].codes);
		strlist_free(&h->v[i].calls);
		strlist_free(&h->v[i].problems);
	}
	free(h->v);
	h->v = NULL;
	h->n = 0;
}
