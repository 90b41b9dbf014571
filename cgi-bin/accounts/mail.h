/*
 * Sending mail through a sendmail-compatible command (mail.sendmail in the
 * config), as shared hosts provide. Pages never call this: they queue
 * their mail (mail_queue.h), and kaaj-admin sends it.
 */
#ifndef KAAJ_MAIL_H
#define KAAJ_MAIL_H

#include <stddef.h>

#include "base/buf.h"

struct kaaj_config;

/*
 * Build a complete RFC 5322 message into out: From (cfg->mail_from), To,
 * Subject (RFC 2047 encoded when it is not plain ASCII), Date,
 * Message-ID, MIME-Version, Content-Type text/plain; charset=utf-8,
 * Content-Transfer-Encoding 8bit, a blank line and body, with LF line
 * ends, as sendmail expects on its standard input. Returns 0, or -1
 * when to or subject hold CR, LF or other control characters, to is not
 * one plain address, or memory runs out.
 */
int mail_build(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, struct buf *out);

/*
 * Build the message and pipe it to cfg->sendmail (split on spaces, run
 * without a shell), waiting at most 30 seconds. Returns 0 when the command
 * exited 0, else -1 with the reason in err.
 */
int mail_send(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, char *err, size_t errlen);

#endif
