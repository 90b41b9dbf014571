/*
 * Small checks of posted text shared by every form: counting characters,
 * finding control characters, reading whole numbers; and writing whole
 * numbers as text for pages, filling {names} of a language's texts.
 * Pure functions of their arguments.
 */
#ifndef KAAJ_TEXT_H
#define KAAJ_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Characters of the UTF-8 text s: the bytes that do not continue one. */
size_t text_chars(const char *s);

/*
 * Non-zero when s holds a control character (C0 or DEL); with lines
 * non-zero, tabs and line breaks are allowed.
 */
int text_has_control(const char *s, int lines);

/* Non-zero when s is printable ASCII only (0x20 to 0x7e). */
int text_is_printable_ascii(const char *s);

/*
 * s as a whole number: an optional '-' and 1 to 18 digits, nothing else.
 * Returns 0 with *out set, or -1.
 */
int text_int(const char *s, int64_t *out);

/*
 * s (may be NULL) as a positive id of at most 18 digits without leading
 * zeros: 0 when it is NULL or empty, -1 when it is not such a number.
 */
int64_t text_id(const char *s);

/*
 * Write the Bengali digits of s (U+09E6 to U+09EF, three bytes each in
 * UTF-8) as the ASCII digits 0 to 9, in place, so that every parser of
 * typed numbers reads "২০" as "20". A text mixing both kinds of digits
 * ("২0") is left as it is and -1 returned, so its parser refuses it with
 * its usual message; 0 otherwise (also when there is nothing to change).
 */
int text_ascii_digits(char *s);

/* Bytes text_of_int needs: a sign, 19 digits and the NUL. */
#define TEXT_INT_LEN 21

/*
 * The decimal text of v ("-12", "0"), as printf's %lld writes it, into
 * out; returns out. Cheaper than printf on pages that write many numbers.
 */
char *text_of_int(int64_t v, char out[TEXT_INT_LEN]);

/* The decimal text of v, as printf's %llu writes it, into out; out. */
char *text_of_uint(uint64_t v, char out[TEXT_INT_LEN]);

/*
 * Replace the first name ("{min}") in text, a string in a buffer of len
 * bytes, by value; cut at len. Nothing when value is NULL or text has no
 * name: the texts of the language files carry such names.
 */
void text_subst(char *text, size_t len, const char *name, const char *value);

#endif
