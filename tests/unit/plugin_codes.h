/*
 * The error codes a job-type plugin's validators can give, found by
 * reading its C source: the literal code of every kaaj_refuse() call in
 * it, plus the codes of the functions of the shared headers (the .h files
 * of include/kaaj/) it names, and of the header functions those call.
 * Whatever the reading cannot follow (a code that is not one string
 * literal, an error filled in without kaaj_refuse, a header of its own)
 * is reported as a problem, so that no code is missed in silence.
 */
#ifndef TEST_PLUGIN_CODES_H
#define TEST_PLUGIN_CODES_H

#include <stddef.h>

/* A list of distinct strings, each allocated. Starts as { NULL, 0 }. */
struct strlist {
	char **v;
	size_t n;
};

/* Add the len bytes at s to l unless l has them already. Aborts when out
 * of memory (a test tool). */
void strlist_add(struct strlist *l, const char *s, size_t len);

/* Add the printf-formatted text to l. */
void strlist_addf(struct strlist *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Non-zero when l holds s. */
int strlist_has(const struct strlist *l, const char *s);

/* Free every string and the list, leaving it empty. */
void strlist_free(struct strlist *l);

/* One function defined in a shared header. */
struct header_func {
	char *name;
	struct strlist codes;	/* literal codes of its kaaj_refuse calls */
	struct strlist calls;	/* the names it calls */
	struct strlist problems;	/* what could not be read in it */
};

/* The functions of the shared headers. Starts as { NULL, 0 }. */
struct header_funcs {
	struct header_func *v;
	size_t n;
};

/* The whole text of the file at path, allocated, or NULL. */
char *codes_file_text(const char *path);

/*
 * Read the text of a shared header and add each function it defines to
 * *h, with the codes and calls of its body.
 */
void codes_read_header(const char *text, struct header_funcs *h);

/*
 * Add to *codes every code the plugin source text can give, reading the
 * header functions it uses from *h, and to *problems a sentence for each
 * thing the reading could not follow.
 */
void codes_of_source(const char *text, const struct header_funcs *h,
    struct strlist *codes, struct strlist *problems);

/* Free everything *h holds, leaving it empty. */
void header_funcs_free(struct header_funcs *h);

#endif
