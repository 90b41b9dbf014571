/*
 * Small checks of posted text shared by every form, and whole numbers
 * written as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int
text_has_control(const char *s, int lines)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s == 0x7f)
			return 1;
		if ((unsigned char)*s >= 0x20)
			continue;
		if (!lines || (*s != '\n' && *s != '\r' && *s != '\t'))
			return 1;
	}
	return 0;
}

int
text_is_printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

int
text_int(const char *s, int64_t *out)
{
	size_t i = s[0] == '-' ? 1 : 0, n;

	n = strspn(s + i, "0123456789");
	if (n == 0 || n > 18 || s[i + n] != '\0')
		return -1;
	*out = (int64_t)strtoll(s, NULL, 10);
	return 0;
}

int64_t
text_id(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return 0;
	n = strspn(s, "0123456789");
	if (n == 0 || n > 18 || s[n] != '\0' || s[0] == '0')
		return -1;
	return (int64_t)strtoll(s, NULL, 10);
}

/* Non-zero when p starts a Bengali digit: E0 A7 A6 to E0 A7 AF. */
static int
is_bengali_digit(const char *p)
{
	return (unsigned char)p[0] == 0xe0 && (unsigned char)p[1] == 0xa7 &&
	    (unsigned char)p[2] >= 0xa6 && (unsigned char)p[2] <= 0xaf;
}

int
text_ascii_digits(char *s)
{
	int bengali = 0, ascii = 0;
	char *p, *q;

	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			ascii = 1;
		else if (is_bengali_digit(p))
			bengali = 1;
	}
	if (!bengali)
		return 0;
	if (ascii)
		return -1;
	for (p = q = s; *p != '\0'; q++) {
		if (is_bengali_digit(p)) {
			*q = (char)('0' + ((unsigned char)p[2] - 0xa6));
			p += 3;
		} else
			*q = *p++;
	}
	*q = '\0';
	return 0;
}

/* Write the digits of mag, after a '-' when minus, into out. */
static char *
digits_of(uint64_t mag, int minus, char out[TEXT_INT_LEN])
{
	char digits[TEXT_INT_LEN], *p = digits + sizeof(digits);
	size_t n;

	*--p = '\0';
	do {
		*--p = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	if (minus)
		*--p = '-';
	n = (size_t)(digits + sizeof(digits) - p);
	memcpy(out, p, n);
	return out;
}

char *
text_of_int(int64_t v, char out[TEXT_INT_LEN])
{
	return digits_of(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v,
	    v < 0, out);
}

char *
text_of_uint(uint64_t v, char out[TEXT_INT_LEN])
{
	return digits_of(v, 0, out);
}

void
text_subst(char *text, size_t len, const char *name, const char *value)
{
	char out[1024];
	char *at;

	if (value == NULL || (at = strstr(text, name)) == NULL)
		return;
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - text), text, value,
	    at + strlen(name));
	snprintf(text, len, "%s", out);
}
