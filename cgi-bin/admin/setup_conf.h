/*
 * Setting keys in the text of a configuration file, for kaaj-admin
 * setup: the file keeps its comments, its order and every key not set.
 */
#ifndef KAAJ_SETUP_CONF_H
#define KAAJ_SETUP_CONF_H

#include <stddef.h>

#include "base/buf.h"

/* One key to set: group.key = value, value already in libconfig syntax. */
struct conf_setting {
	const char *group;
	const char *key;
	const char *value;	/* "\"text\"" or a number */
};

/*
 * Write text to out with every setting applied: the line "key = ...;"
 * inside "group = {" ... "};" is replaced (its indent kept), and a key
 * the group lacks is added as the group's last line. A setting whose
 * group the text lacks is a new group at the end. Returns 0, or -1 when
 * out of memory.
 */
int conf_text_set(const char *text, const struct conf_setting *set,
    size_t n, struct buf *out);

/*
 * Write s as a libconfig string literal into out (quotes, backslashes
 * escaped). Returns 0, or -1 when s holds a control character (a
 * configuration value is one line) or when out of memory.
 */
int conf_quote(const char *s, struct buf *out);

#endif
