/*
 * Choosing a page's language from what the browser asks for: the
 * Accept-Language header (RFC 9110, 12.5.4) matched against the languages
 * the site has. Pure functions of their arguments; no allocation.
 */
#ifndef KAAJ_LANG_H
#define KAAJ_LANG_H

#include <stddef.h>

/* Bytes of an Accept-Language header read; the rest is ignored. */
#define LANG_HEADER_MAX 1024

/*
 * The index in names[0..n) of the language header asks for most: each
 * comma-separated range, optionally followed by ";q=VALUE" (0 to 1, at
 * most three decimals), names a language by its first subtag, compared
 * without regard to case ("bn-BD" and "BN" ask for "bn"); "*" names every
 * language not named otherwise. The highest q wins, the earlier range on
 * a tie; q=0 means "not this one". Ranges that are malformed (a bad q, a
 * subtag that is not 1 to 8 letters or digits) are skipped, as is
 * anything past the first LANG_HEADER_MAX bytes. -1 when header is NULL
 * or names no language of names with q above 0.
 */
int lang_accept_best(const char *header, const char *const *names, size_t n);

#endif
