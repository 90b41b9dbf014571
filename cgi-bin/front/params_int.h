/*
 * Helpers shared by params.c (urlencoded text, cookies) and multipart.c.
 * Internal to the parsers; nothing else includes this.
 */
#ifndef KAAJ_PARAMS_INT_H
#define KAAJ_PARAMS_INT_H

#include <stddef.h>

#include "front/params.h"

/* Set *why (when why is not NULL) to reason and return rc. */
enum parse_result param_fail(const char **why, enum parse_result rc,
    const char *reason);

/* RFC 7230 tchar, which is also RFC 6265's cookie-name character. */
int param_is_tchar(unsigned char c);

/* Whether the n bytes at p are lit, ignoring ASCII case. */
int param_ascii_ieq(const char *p, size_t n, const char *lit);

/* The first byte of [p, end) that is not a space or tab. */
const char *param_skip_ows(const char *p, const char *end);

/* How many bytes of [p, end) are tchars. */
size_t param_token_span(const char *p, const char *end);

/*
 * Why len bytes of decoded text at s are unacceptable (bad UTF-8, a NUL,
 * a control character; a value may hold tabs and line ends), or NULL.
 */
const char *param_text_problem(const char *s, size_t len, int is_value);

/*
 * Make room for one more element in an array of n of cap elements of
 * size bytes. Returns the array, moved or not, or NULL when out of memory
 * (items is then unchanged).
 */
void *param_grow(void *items, size_t *cap, size_t n, size_t size);

/* A NUL-terminated malloc'ed copy of n bytes, or NULL. */
char *param_copy_bytes(const char *s, size_t n);

/* Append a pair to l, which then owns name and value; frees them if not. */
enum parse_result param_push(struct param_list *l, char *name, char *value,
    size_t value_len, const char **why);

#endif
