/*
 * Growable byte buffers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

/* Grow b to hold extra more bytes plus the NUL. */
static int
buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > (size_t)-1 / 2 - b->len)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

/*
 * Make room for extra more bytes plus the NUL: one comparison when there
 * is room, as there mostly is (pages are written a few bytes at a time).
 */
static int
buf_reserve(struct buf *b, size_t extra)
{
	return extra < b->cap - b->len ? 0 : buf_grow(b, extra);
}

int
buf_append(struct buf *b, const void *p, size_t len)
{
	if (buf_reserve(b, len) == -1)
		return -1;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_append_nul(struct buf *b, const void *p, size_t len)
{
	if (len == (size_t)-1 || buf_reserve(b, len + 1) == -1)
		return -1;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len++] = '\0';
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || buf_reserve(b, (size_t)n) == -1)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

char *
buf_take(struct buf *b)
{
	char *p;

	if (b->data == NULL && buf_reserve(b, 0) == -1)
		return NULL;
	b->data[b->len] = '\0';
	p = b->data;
	buf_init(b);
	return p;
}

int
buf_read_file(struct buf *b, const char *path, size_t max)
{
	char chunk[8192];
	size_t n, total = 0;
	int rc = 0, saved;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (total + n > max) {
			errno = EFBIG;
			rc = -2;
		}
		else if (buf_append(b, chunk, n) == -1) {
			errno = ENOMEM;
			rc = -1;
		}
		total += n;
	}
	if (rc == 0 && ferror(f)) {
		errno = EIO;
		rc = -1;
	}
	saved = errno;
	fclose(f);
	errno = saved;
	return rc;
}
