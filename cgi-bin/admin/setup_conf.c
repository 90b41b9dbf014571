/*
 * Setting keys in a configuration file's text (setup_conf.h). Reads the
 * layout of etc/kaaj.conf.in: one "group = {" line, one "key = value;"
 * line per key, "};" closing the group; comments on lines of their own.
 */
#include <ctype.h>
#include <string.h>

#include "admin/setup_conf.h"

#define SETTINGS_MAX 32

/* The name at p (letters, digits, _ and -) and its length; 0 if none. */
static size_t
name_len(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_' ||
	    p[n] == '-'))
		n++;
	return n;
}

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * Read the line [p, end): a group opening (its name in *name), a key
 * (its name in *name) or neither. Returns 'g', 'k', '}' or 0.
 */
static int
line_kind(const char *p, const char *end, const char **name, size_t *len)
{
	const char *q;

	p = skip_blanks(p, end);
	if (p < end && *p == '}')
		return '}';
	if ((*len = name_len(p, end)) == 0)
		return 0;
	*name = p;
	q = skip_blanks(p + *len, end);
	if (q >= end || (*q != '=' && *q != ':'))
		return 0;
	q = skip_blanks(q + 1, end);
	return q < end && *q == '{' ? 'g' : 'k';
}

static int
same_name(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

/* Write "<indent>key = value;\n". */
static int
put_setting(struct buf *out, const char *indent, size_t ilen,
    const struct conf_setting *s)
{
	return buf_append(out, indent, ilen) == -1 ||
	    buf_printf(out, "%s = %s;\n", s->key, s->value) == -1 ? -1 : 0;
}

/* Add the settings of group (len bytes at name) not written yet. */
static int
put_missing(struct buf *out, const struct conf_setting *set, size_t n,
    int *done, const char *group, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!done[i] && same_name(group, len, set[i].group)) {
			if (put_setting(out, "\t", 1, &set[i]) == -1)
				return -1;
			done[i] = 1;
		}
	return 0;
}

int
conf_text_set(const char *text, const struct conf_setting *set, size_t n,
    struct buf *out)
{
	int done[SETTINGS_MAX] = { 0 };
	const char *p = text, *eol, *end, *name, *group = NULL;
	size_t len, glen = 0, i;
	int kind, replaced;

	if (n > SETTINGS_MAX)
		return -1;
	while (*p != '\0') {
		eol = strchr(p, '\n');
		end = eol != NULL ? eol : p + strlen(p);
		replaced = 0;
		kind = line_kind(p, end, &name, &len);
		if (kind == 'g') {
			group = name;
			glen = len;
		} else if (kind == '}' && group != NULL) {
			if (put_missing(out, set, n, done, group, glen) == -1)
				return -1;
			group = NULL;
		} else if (kind == 'k' && group != NULL) {
			for (i = 0; i < n && !replaced; i++)
				if (same_name(group, glen, set[i].group) &&
				    same_name(name, len, set[i].key)) {
					if (put_setting(out, p,
					    (size_t)(name - p), &set[i]) == -1)
						return -1;
					done[i] = replaced = 1;
				}
		}
		if (!replaced && (buf_append(out, p, (size_t)(end - p)) == -1 ||
		    buf_puts(out, "\n") == -1))
			return -1;
		p = eol != NULL ? eol + 1 : end;
	}
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		if (buf_printf(out, "\n%s = {\n", set[i].group) == -1 ||
		    put_missing(out, set, n, done, set[i].group,
		    strlen(set[i].group)) == -1 || buf_puts(out, "};\n") == -1)
			return -1;
	}
	return 0;
}

int
conf_quote(const char *s, struct buf *out)
{
	if (buf_puts(out, "\"") == -1)
		return -1;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return -1;
		if ((*s == '"' || *s == '\\') && buf_puts(out, "\\") == -1)
			return -1;
		if (buf_append(out, s, 1) == -1)
			return -1;
	}
	return buf_puts(out, "\"");
}
