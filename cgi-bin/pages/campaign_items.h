/*
 * The campaign form's optional file of one item per slot (docs/items.md):
 * reading it (an upload, or the text the preview carried), its errors by
 * row and column, the {{column}} placeholders of the instructions, and
 * the preview of its first rows.
 */
#ifndef KAAJ_CAMPAIGN_ITEMS_H
#define KAAJ_CAMPAIGN_ITEMS_H

#include "base/csv.h"
#include "front/router.h"

/*
 * Before the form's fields are read: the file posted as "items" (else the
 * text carried as "items_csv"), parsed into *t under the site's limits.
 * Returns 1 with *t filled (the caller frees it with csv_free), the rows
 * then set as the posted "slots" and the text kept as Form.items_csv for
 * the next step; 0 when there is none; -1 when it is wrong, with the
 * field "items" marked by a message naming the row and column.
 */
int cform_items_read(struct ctx *c, struct csv_table *t);

/*
 * Mark "instructions" wrong when it has a {{name}} that is not a column
 * of t (t NULL: no file, so no name is a column).
 */
void cform_items_check(struct ctx *c, const struct csv_table *t,
    const char *instructions);

/* Preview.Items: the count, the column names and the first rows of t. */
void cform_items_preview(struct ctx *c, const struct csv_table *t);

#endif
