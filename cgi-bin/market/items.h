/*
 * One task item per slot (docs/items.md): a campaign's rows from the
 * employer's CSV file (sql/0024_items.sql), bound to a task by its claim
 * and given back when that task ends unpaid and frees its slot; and the
 * {{column}} placeholders of the instructions, filled with a worker's
 * row. Cells are kept as a JSON array of strings in the columns' order.
 */
#ifndef KAAJ_ITEMS_H
#define KAAJ_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

struct db;
struct csv_table;

/*
 * In campaign's creation txn: its column names and one row per item of
 * t. Returns DB_OK or a db failure.
 */
int items_store(struct db *db, int64_t campaign, const struct csv_table *t);

/*
 * In a claim's txn, after its slot was taken: bind the first free item
 * of campaign to task, one guarded UPDATE (task_id IS NULL ... LIMIT 1).
 * *taken = 1 when one was bound, 0 when none is free. DB_OK or failure.
 */
int items_take(struct db *db, int64_t campaign, int64_t task, int *taken);

/*
 * In the txn that ended task unpaid and freed its slot: give its item,
 * if it holds one, back to be claimed again. DB_OK or a failure.
 */
int items_release(struct db *db, int64_t task);

/*
 * Check that every {{name}} of text names one of the n columns (n may be
 * 0). Returns 0, or -1 with the first unknown name copied to bad (cut
 * to badlen).
 */
int items_placeholders_check(const char *text, const char *const *columns,
    size_t n, char *bad, size_t badlen);

/*
 * Append text to out with each {{name}} that names a column of
 * columns_json replaced by that column's cell of cells_json (both JSON
 * arrays of strings as items_store wrote them); others stay as they
 * are. Returns 0, or -1 when out of memory or the JSON is not such an
 * array (out then holds text unfilled).
 */
int items_fill(struct buf *out, const char *text, const char *columns_json,
    const char *cells_json);

/*
 * Decode json, a JSON array of strings, into at most max strings
 * (NUL-terminated, pointing into *store, which the caller frees).
 * Returns how many, or -1 when json is not such an array or out of
 * memory.
 */
long items_json_strings(const char *json, char **out, size_t max,
    char **store);

#endif
