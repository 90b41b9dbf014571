/*
 * Writing JSON (RFC 8259) into a struct buf, for the API's answers:
 * strings escaped, money as decimal strings ("12.50"), never floats.
 * The caller writes the punctuation ({ } [ ] , :) itself.
 */
#ifndef KAAJ_JSON_H
#define KAAJ_JSON_H

#include <stdint.h>

#include "base/buf.h"

/*
 * Append s as a JSON string: quotes, backslashes and control characters
 * escaped, every other byte as it is (s is UTF-8). NULL is written as
 * null. Returns 0, or -1 when out of memory.
 */
int json_string(struct buf *b, const char *s);

/* Append "name": as an object's member name. 0 or -1. */
int json_name(struct buf *b, const char *name);

/* Append "name":"s" (null for NULL). 0 or -1. */
int json_member(struct buf *b, const char *name, const char *s);

/* Append "name":v as a number. 0 or -1. */
int json_member_int(struct buf *b, const char *name, int64_t v);

/* Append "12.50": amount (micro-units) as a decimal string. 0 or -1. */
int json_money(struct buf *b, int64_t amount);

/* Append "name":true or "name":false. 0 or -1. */
int json_member_bool(struct buf *b, const char *name, int v);

/* Append "name":"12.50": amount (micro-units) as a decimal string. */
int json_member_money(struct buf *b, const char *name, int64_t amount);

#endif
