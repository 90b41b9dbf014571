/*
 * Logging to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"

static const char *const level_names[] = { "error", "warn", "info" };

void
log_msg(enum log_level level, const char *rid, const char *fmt, ...)
{
	struct buf line;
	char stamp[32];
	struct tm tm;
	time_t now;
	va_list ap;

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&line);
	buf_printf(&line, "%s kaaj[%ld] %s ", stamp, (long)getpid(),
	    level_names[level]);
	if (rid != NULL)
		buf_printf(&line, "[%s] ", rid);
	va_start(ap, fmt);
	buf_vprintf(&line, fmt, ap);
	va_end(ap);
	buf_puts(&line, "\n");
	if (line.data != NULL) {
		/* One write so lines from several processes do not mix. */
		fwrite(line.data, 1, line.len, stderr);
		fflush(stderr);
	}
	buf_free(&line);
}
