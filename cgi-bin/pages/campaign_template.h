/*
 * Starting a campaign from a template (market/templates.h), for the page
 * and the API alike: the template's fields become the request's form
 * fields, under those the request sends itself.
 */
#ifndef KAAJ_CAMPAIGN_TEMPLATE_H
#define KAAJ_CAMPAIGN_TEMPLATE_H

#include <stdint.h>

#include "front/router.h"

/*
 * Add the fields of the user's template tid (and its "type") to the
 * request's form where it has none of that name. 0, 404 (no such
 * template of the user), or 503.
 */
int cform_from_template(struct ctx *c, int64_t tid);

/*
 * Check a template's name (Form "name", one line of 1 to
 * TEMPLATE_NAME_MAX characters) and save the user's campaign id under it.
 * Returns the core's result (MARKET_NOT_ALLOWED: the name is wrong, its
 * field marked).
 */
enum market_result cform_save_template(struct ctx *c, int64_t id,
    int64_t *tid);

#endif
