/*
 * A job type's texts in the site's languages. A plugin declares English
 * labels; the language files translate them under Lang.JobType.NAME:
 * .label, .description, .field.FIELD.label, .field.FIELD.help and
 * .field.FIELD.choice.VALUE. They are looked up once per process and
 * language, when the plugins are loaded, not on every page.
 */
#ifndef KAAJ_PLUGIN_TEXT_H
#define KAAJ_PLUGIN_TEXT_H

#include <stddef.h>

#include "base/plugin.h"
#include "base/render.h"

/*
 * Give every plugin of set its texts in each language of env: a copy of
 * its job type whose texts are the language's where it has them and the
 * plugin's English ones where not (the strings belong to env's trees and
 * the plugin). Replaces texts built before. Returns 0, or -1 when out of
 * memory (the plugins then show their English texts).
 */
int plugin_texts_build(struct plugin_set *set, const struct render_env *env);

/*
 * The job type of p as users of language lang (an index of the env the
 * texts were built with) see it; p's own job type when none was built.
 * Validators and limits are p's own either way.
 */
const struct kaaj_jobtype *plugin_texts(const struct plugin *p, size_t lang);

/* Free p's texts (plugin_set_free does). */
void plugin_texts_free(struct plugin *p);

#endif
