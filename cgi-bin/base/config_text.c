/*
 * Texts a site admin writes in etc/kaaj.conf for users to read (a deposit
 * method's instructions, a payout method's account hint), each with its
 * variants per language: KEY is the text for every language, KEY_LANG
 * (instructions_bn) the text for pages in LANG. The variants are kept per
 * entry once, when the file is read; a page picks its own with
 * config_text_in().
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/config_int.h"
#include "base/text.h"

const char *
config_text_suffix(const char *name, const char *key)
{
	size_t k = strlen(key), n;

	if (strncmp(name, key, k) != 0 || name[k] != '_')
		return NULL;
	name += k + 1;
	n = strspn(name, "abcdefghijklmnopqrstuvwxyz");
	return n >= 2 && n <= CONFIG_LANG_MAX && name[n] == '\0' ? name : NULL;
}

int
config_text_check(const config_setting_t *s, const char *group,
    size_t max_chars, const struct config_report *r)
{
	const char *v;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		config_say(r, s, "%s method %s must be a string in double "
		    "quotes", group, config_setting_name(s));
		return -1;
	}
	v = config_setting_get_string(s);
	if (text_has_control(v, 0)) {
		config_say(r, s, "%s method %s must not hold control "
		    "characters", group, config_setting_name(s));
		return -1;
	}
	if (text_chars(v) > max_chars) {
		config_say(r, s, "%s method %s is longer than %zu characters",
		    group, config_setting_name(s), max_chars);
		return -1;
	}
	return 0;
}

int
config_text_keep(const config_setting_t *e, const char *key,
    const char *plain, struct config_text *t, const struct config_report *r)
{
	const config_setting_t *s;
	const char *lang;
	unsigned int i, n = (unsigned int)config_setting_length(e);

	if ((t->text = strdup(plain != NULL ? plain : "")) == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(e, i);
		if (config_text_suffix(config_setting_name(s), key) == NULL)
			continue;
		if (t->text[0] == '\0') {
			config_say(r, s, "%s needs %s too, the text for every "
			    "other language", config_setting_name(s), key);
			return -1;
		}
		if (t->langs == NULL &&
		    (t->langs = calloc(n, sizeof(*t->langs))) == NULL)
			goto oom;
		lang = config_text_suffix(config_setting_name(s), key);
		memcpy(t->langs[t->n_langs].lang, lang, strlen(lang) + 1);
		t->langs[t->n_langs].line = config_setting_source_line(s);
		if ((t->langs[t->n_langs].text =
		    strdup(config_setting_get_string(s))) == NULL)
			goto oom;
		t->n_langs++;
	}
	return 0;
oom:
	config_say(r, e, "out of memory");
	return -1;
}

int
config_text_check_langs(const struct config_text *t, const char *key,
    const struct kaaj_config *cfg, const struct config_report *r)
{
	char path[1024];
	size_t i;

	for (i = 0; i < t->n_langs; i++) {
		snprintf(path, sizeof(path), "%s/lang/%s.hdf",
		    cfg->template_dir, t->langs[i].lang);
		if (access(path, R_OK) == 0)
			continue;
		config_say_line(r, t->langs[i].line, "%s_%s: the site has no "
		    "language %s (no %s)", key, t->langs[i].lang,
		    t->langs[i].lang, path);
		return -1;
	}
	return 0;
}

void
config_text_free(struct config_text *t)
{
	size_t i;

	for (i = 0; i < t->n_langs; i++)
		free(t->langs[i].text);
	free(t->langs);
	free(t->text);
	memset(t, 0, sizeof(*t));
}

const char *
config_text_in(const struct config_text *t, const char *lang)
{
	size_t i;

	for (i = 0; i < t->n_langs; i++)
		if (strcmp(t->langs[i].lang, lang) == 0)
			return t->langs[i].text;
	return t->text != NULL ? t->text : "";
}
