/*
 * Reading the site's files as one (site.h): the configuration, the
 * plugins it names, then the languages, so that nothing is kept unless
 * all of it loads.
 */
#include <stdio.h>
#include <string.h>

#include "base/site.h"
#include "base/static_files.h"

int
site_files_load(const char *conf_path, unsigned int how,
    struct site_files *s, char *err, size_t errlen)
{
	struct kaaj_config *cfg = &s->cfg;

	memset(s, 0, sizeof(*s));
	if (config_load(conf_path, cfg, err, errlen) == -1)
		return -1;
	if (plugin_load_dir(cfg->plugin_dir, &s->plugins) == -1 &&
	    (how & SITE_PLUGINS_REQUIRED)) {
		snprintf(err, errlen, "%s: paths.plugins %s cannot be read",
		    conf_path, cfg->plugin_dir);
		goto fail;
	}
	/* Last: the process's pages read their strings from the env made. */
	if (render_env_init(&s->render, cfg->template_dir,
	    cfg->default_language, err, errlen) == -1)
		goto fail;
	/* site.digits = "bengali": the Bengali pages show Bengali digits. */
	render_native_digits_for(&s->render, strcmp(cfg->digits, "bengali") ==
	    0 ? "bn" : NULL);
	if (((how & SITE_PARSE_TEMPLATES) &&
	    render_parse_templates(&s->render, err, errlen) == -1) ||
	    static_versions_share(&s->render, cfg->static_dir, err,
	    errlen) == -1)
		goto fail;
	return 0;
fail:
	site_files_free(s);
	return -1;
}

void
site_files_free(struct site_files *s)
{
	plugin_set_free(&s->plugins);
	render_env_free(&s->render);
	config_free(&s->cfg);
}
