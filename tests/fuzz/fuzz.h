/*
 * What the fuzzing targets of tests/fuzz/ share: libFuzzer's entry
 * points, failing with a message, and the checks every parser's target
 * makes of what the parser kept. docs/fuzzing.md says how they are run.
 */
#ifndef KAAJ_FUZZ_H
#define KAAJ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "front/params.h"

/* Run one input; every target defines it (libFuzzer calls it). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Called once before the first input; defined by targets that need it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * Write "fuzz: " and the message to stderr and abort, so that libFuzzer
 * keeps the input as a crash.
 */
void fuzz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* Fail, naming the place and the condition, unless cond holds. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : \
	fuzz_fail("%s:%d: %s does not hold", __FILE__, __LINE__, #cond))

/*
 * A NUL-terminated copy of the size bytes at data, which the caller
 * frees (an embedded NUL ends it early, as in a C string from a server).
 */
char *fuzz_strndup(const uint8_t *data, size_t size);

/*
 * Check what a parser returned: one of its results, and a reason in why
 * unless it is PARSE_OK.
 */
void fuzz_check_result(enum parse_result rc, const char *why);

/*
 * Check every pair of l: at most max of them; names not empty; names and
 * values NUL-terminated, value_len the length of value, neither longer
 * than the input's input_len bytes nor than max_len.
 */
void fuzz_check_params(const struct param_list *l, size_t input_len,
    size_t max, size_t max_len);

/* Non-zero when a and b hold the same pairs in the same order. */
int fuzz_same_params(const struct param_list *a, const struct param_list *b);

#endif
