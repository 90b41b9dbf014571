/*
 * Campaign templates (repeatable campaigns, sql/0025): a campaign's form
 * saved under a name, to start new campaigns from, by page or API. The
 * form is kept as the page posts it (a JSON object of its fields, the job
 * type's own as "x_NAME"), so that a campaign started from a template is
 * checked by the same form code as any other.
 */
#ifndef KAAJ_TEMPLATES_H
#define KAAJ_TEMPLATES_H

#include <stdint.h>

#include "market/market.h"

struct db;

#define TEMPLATE_NAME_MAX 80	/* characters, campaign_templates.name */
#define TEMPLATES_PER_USER 100

/*
 * Save campaign id of owner as a template called name (checked by the
 * caller: 1 to TEMPLATE_NAME_MAX characters of one line). *tid gets its
 * id. MARKET_NOT_FOUND: not owner's campaign; MARKET_TAKEN: owner has a
 * template of that name; MARKET_FULL: owner has TEMPLATES_PER_USER
 * already (counted under a lock on the owner's row).
 */
enum market_result template_save(struct db *db, int64_t owner, int64_t id,
    const char *name, int64_t *tid);

/*
 * Template tid of owner: its job type into type (of typelen bytes) and
 * its fields (a JSON object's text, which the caller frees) into *fields.
 * MARKET_NOT_FOUND when owner has none such.
 */
enum market_result template_get(struct db *db, int64_t owner, int64_t tid,
    char *type, size_t typelen, char **fields);

/* Delete template tid of owner. MARKET_NOT_FOUND when there was none. */
enum market_result template_delete(struct db *db, int64_t owner,
    int64_t tid);

#endif
