/*
 * Parsing every template when the site's files are loaded
 * (render_parse_templates in render.h), so that a template broken by an
 * edit is refused at start or reload, with its file:line, instead of
 * failing the pages that use it later, and a refused reload keeps
 * serving the templates parsed before.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "base/render.h"

/* Non-zero when name ends in ".cs". */
static int
is_template(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".cs") == 0;
}

/* Parse every template of folder sub ("" or "mail/", plain text). */
static int
parse_folder(const struct render_env *env, const char *sub, int plain,
    char *err, size_t errlen)
{
	char dir[1300], name[300];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	snprintf(dir, sizeof(dir), "%s/%s", env->template_dir, sub);
	if ((d = opendir(dir)) == NULL)
		return 0;	/* a site without mail templates */
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (!is_template(de->d_name))
			continue;
		snprintf(name, sizeof(name), "%s%s", sub, de->d_name);
		rc = render_keep_parsed(env, name, plain, err, errlen);
	}
	closedir(d);
	return rc;
}

int
render_parse_templates(const struct render_env *env, char *err,
    size_t errlen)
{
	if (parse_folder(env, "", 0, err, errlen) == -1)
		return -1;
	return parse_folder(env, "mail/", 1, err, errlen);
}
