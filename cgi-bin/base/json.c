/*
 * Writing JSON (json.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/money.h"

int
json_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	char esc[7];
	size_t run;

	if (s == NULL)
		return buf_puts(b, "null");
	if (buf_puts(b, "\"") == -1)
		return -1;
	while (*s != '\0') {
		/* The bytes that need no escape, in one piece. */
		for (run = 0; s[run] != '\0' && s[run] != '"' &&
		    s[run] != '\\' && (unsigned char)s[run] >= 0x20; run++)
			;
		if (run > 0 && buf_append(b, s, run) == -1)
			return -1;
		s += run;
		if (*s == '\0')
			break;
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = *s;
			esc[2] = '\0';
		} else
			snprintf(esc, sizeof(esc), "\\u00%c%c",
			    hex[(unsigned char)*s >> 4], hex[*s & 0xf]);
		if (buf_puts(b, esc) == -1)
			return -1;
		s++;
	}
	return buf_puts(b, "\"");
}

int
json_name(struct buf *b, const char *name)
{
	return json_string(b, name) == -1 || buf_puts(b, ":") == -1 ? -1 : 0;
}

int
json_member(struct buf *b, const char *name, const char *s)
{
	return json_name(b, name) == -1 || json_string(b, s) == -1 ? -1 : 0;
}

int
json_member_int(struct buf *b, const char *name, int64_t v)
{
	return json_name(b, name) == -1 ||
	    buf_printf(b, "%lld", (long long)v) == -1 ? -1 : 0;
}

int
json_money(struct buf *b, int64_t amount)
{
	char shown[32];

	return json_string(b, money_format(amount, shown, sizeof(shown)));
}

int
json_member_money(struct buf *b, const char *name, int64_t amount)
{
	return json_name(b, name) == -1 || json_money(b, amount) == -1 ?
	    -1 : 0;
}

int
json_member_bool(struct buf *b, const char *name, int v)
{
	return json_name(b, name) == -1 ||
	    buf_puts(b, v ? "true" : "false") == -1 ? -1 : 0;
}
