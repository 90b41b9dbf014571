/*
 * Growable byte buffers: the one string builder used across the core.
 */
#ifndef KAAJ_BUF_H
#define KAAJ_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;
};

/* Start empty; needs no buf_free until something was appended. */
void buf_init(struct buf *b);

/* Append len bytes. Returns 0, or -1 when out of memory (b unchanged). */
int buf_append(struct buf *b, const void *p, size_t len);

/*
 * Append len bytes and a NUL that stays in the contents (counted in len),
 * as for strings packed one after another. Returns 0 or -1.
 */
int buf_append_nul(struct buf *b, const void *p, size_t len);

/* Append a NUL-terminated string. Returns 0 or -1. */
int buf_puts(struct buf *b, const char *s);

/* Append printf-style. Returns 0 or -1. */
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Forget the contents but keep the memory. */
void buf_reset(struct buf *b);

/* Release the memory and leave b empty. */
void buf_free(struct buf *b);

/*
 * Hand the contents to the caller, who frees them with free(); b is left
 * empty. Returns an empty allocated string when nothing was added, or NULL
 * when out of memory.
 */
char *buf_take(struct buf *b);

/*
 * Append the whole file at path, of at most max bytes. Returns 0; -1 when
 * it cannot be opened or read, or memory runs out (errno says which); -2
 * when it is larger than max (errno EFBIG; b then holds its first bytes).
 */
int buf_read_file(struct buf *b, const char *path, size_t max);

#endif
