/*
 * What the API's handlers share (api_out.c): rows as JSON objects, the
 * paging parameters, the Idempotency-Key header, and the answer when a
 * form check failed. The handlers are declared in pages.h.
 */
#ifndef KAAJ_API_OUT_H
#define KAAJ_API_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "front/router.h"
#include "storage/db.h"

#define API_KEY_MAX 64		/* characters of an Idempotency-Key */

/*
 * Append row i of r as a JSON object, one member per column, named by
 * the column's alias up to a ':' that gives its kind: "money" a decimal
 * string ("12.50"), "int" a number, "bool" true or false, "time" an
 * RFC 3339 UTC string ("2026-12-06T20:30:00Z"); other columns are
 * strings. SQL NULL is null. When close is zero the object is left open
 * for more members (the caller writes ",..." and "}").
 */
void api_row(struct buf *b, const struct db_result *r, size_t i, int close);

/*
 * End a page of a list (its rows r were asked with limit + 1): append
 * ,"next":ID (the "id:int" of the page's last row, when there is more)
 * or ,"next":null, and the closing brace of the answer.
 */
void api_next(struct buf *b, const struct db_result *r, size_t limit);

/*
 * The query's paging: ?after= (an id, 0 when not given) and ?limit= (1
 * to max, def when not given). 0, or 422 with the problem's field set.
 */
int api_paging(struct ctx *c, int64_t *after, int64_t *limit, int64_t def,
    int64_t max);

/*
 * The request's Idempotency-Key header: 1 to API_KEY_MAX of A-Z a-z 0-9
 * . _ : - into *key (pointing into the request). 0, or 400 with the
 * problem set (code idempotency_key) when it is missing or malformed.
 */
int api_idempotency_key(struct ctx *c, const char **key);

/*
 * Set the problem for a status: c->error_detail code, c->error_field
 * field (may be NULL). Returns status.
 */
int api_fail(struct ctx *c, int status, const char *code, const char *field);

#endif
