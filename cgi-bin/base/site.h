/*
 * The files a kaaj.fcgi process serves from: the configuration, the
 * language files and the job-type plugins, read together at start and
 * again on SIGHUP, and checked the same way by `kaaj-admin reload`.
 */
#ifndef KAAJ_SITE_H
#define KAAJ_SITE_H

#include <stddef.h>

#include "base/config.h"
#include "base/plugin.h"
#include "base/render.h"

/* Everything read from the site's files, loaded as one. */
struct site_files {
	struct kaaj_config cfg;
	struct render_env render;	/* the languages; templates parsed
					 * from cfg.template_dir when used */
	struct plugin_set plugins;	/* with the refusals of this load */
};

/* What site_files_load must also do. */
enum site_load {
	SITE_PLUGINS_REQUIRED = 1 << 0,	/* a plugin folder must be read */
	/*
	 * Parse every template now (render_parse_templates): a process
	 * that serves many requests, and kaaj-admin reload, which checks.
	 * A plain CGI process serves one page and parses only its own.
	 */
	SITE_PARSE_TEMPLATES = 1 << 1
};

/*
 * Read the configuration at conf_path, then the plugins of its
 * paths.plugins (each refusal is logged and kept, not an error), then the
 * language files of its paths.templates, the templates (with
 * SITE_PARSE_TEMPLATES) and the versions of the static files, into *s. A
 * plugin folder that cannot be read is an error with
 * SITE_PLUGINS_REQUIRED, else the site has no job types. how is enum
 * site_load bits. Returns 0, and the caller frees *s with
 * site_files_free(); or -1 with "file:line: what is wrong" (or "file:
 * ...") in err and *s empty.
 */
int site_files_load(const char *conf_path, unsigned int how,
    struct site_files *s, char *err, size_t errlen);

/* Free what site_files_load() read; safe on an empty *s. */
void site_files_free(struct site_files *s);

#endif
