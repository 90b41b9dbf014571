/*
 * Form handling shared by the pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/form.h"

const char *
form_get(struct ctx *c, const char *name)
{
	struct param *p;
	size_t i, len;
	char *v;

	for (i = 0; i < c->req->form.n; i++) {
		p = &c->req->form.items[i];
		if (strcmp(p->name, name) != 0)
			continue;
		/* Trim in place: the parsed copy belongs to this request. */
		v = p->value;
		while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
			v++;
		len = strlen(v);
		while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
		    v[len - 1] == '\r' || v[len - 1] == '\n'))
			v[--len] = '\0';
		return v;
	}
	return "";
}

void
form_keep(struct ctx *c, const char *name)
{
	form_set(c, name, form_get(c, name));
}

void
form_set(struct ctx *c, const char *name, const char *value)
{
	char key[96];

	snprintf(key, sizeof(key), "Form.%s", name);
	render_set(c->hdf, key, value);
}

int
form_error(struct ctx *c, const char *field, const char *code)
{
	char key[128];
	const char *text;
	int n;

	snprintf(key, sizeof(key), "Form.Error.%s", code);
	text = render_lang(c->hdf, key);
	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	/* The first problem found with a field is the one shown. */
	if (*hdf_get_value(c->hdf, key, "") == '\0')
		render_set(c->hdf, key, *text != '\0' ? text : code);
	n = hdf_get_int_value(c->hdf, "Form.HasErrors", 0) + 1;
	render_setf(c->hdf, "Form.HasErrors", "%d", n);
	return n;
}

int
form_errors(struct ctx *c)
{
	return hdf_get_int_value(c->hdf, "Form.HasErrors", 0);
}

void
form_notice(struct ctx *c, const char *key)
{
	char name[96];

	snprintf(name, sizeof(name), "Notice.%s", key);
	render_set(c->hdf, "Page.Notice", render_lang(c->hdf, name));
}
