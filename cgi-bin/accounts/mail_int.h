/*
 * Inside the mail module: what mail_build.c (the message) gives
 * mail_send.c (the sendmail command) and mail_queue.c (which checks a
 * mail before queueing it), and what the first two show their unit test:
 * building with the reason for a refusal, splitting mail.sendmail into
 * words, and running a command with the message on its standard input
 * under a time limit of the caller's choosing. Nothing else includes this.
 */
#ifndef KAAJ_MAIL_INT_H
#define KAAJ_MAIL_INT_H

#include <stddef.h>

#include "base/buf.h"

struct kaaj_config;

#define MAIL_MAX_WORDS 16		/* words of mail.sendmail */
#define MAIL_TIMEOUT_MS 30000		/* what mail_send allows sendmail */

/*
 * mail_build() with the reason for a -1 in err ("the recipient address
 * must hold exactly one @", "out of memory", ...). Appends to out; on -1
 * out is back to the length it had.
 */
int mail_compose(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, struct buf *out, char *err,
    size_t errlen);

/*
 * Split line in place on runs of spaces and tabs into argv, at most
 * MAIL_MAX_WORDS words followed by a NULL; argv points into line. No
 * quoting and no shell. Returns the number of words, or -1 with the reason
 * in err when there is none, there are too many, or the first is not an
 * absolute path.
 */
int mail_split_command(char *line, char *argv[MAIL_MAX_WORDS + 1],
    char *err, size_t errlen);

/*
 * Run argv[0] (an absolute path, not searched in PATH) with argv, without
 * a shell, its standard input reading the len bytes at msg, its standard
 * output on /dev/null and its standard error shared with ours; no other
 * descriptor of ours reaches it. Writing and waiting together take at most
 * timeout_ms; past that the command is killed with SIGKILL and reaped.
 * Works whether or not the process ignores SIGPIPE. Returns 0 when the
 * command read the whole message and exited 0, else -1 with the reason in
 * err.
 */
int mail_pipe_to(char *const argv[], const char *msg, size_t len,
    int timeout_ms, char *err, size_t errlen);

#endif
