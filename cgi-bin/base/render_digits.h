/*
 * Bengali digits on rendered pages (site.digits = "bengali"), written at
 * one place: after a page is rendered, never in its data.
 */
#ifndef KAAJ_RENDER_DIGITS_H
#define KAAJ_RENDER_DIGITS_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Append the page html (len bytes) to out with the ASCII digits of the
 * text a person reads written as Bengali digits (U+09E6 to U+09EF):
 * amounts, counts, dates. Nothing inside a tag changes (links, ids and
 * form values keep theirs), nor an entity, nor the content of textarea,
 * script, style, pre and code, nor a word (a run between spaces, tags and
 * entities) that holds an ASCII letter, such as a username "user42" or a
 * web address. Returns 0, or -1 when out of memory.
 */
int render_native_digits(const char *html, size_t len, struct buf *out);

#endif
