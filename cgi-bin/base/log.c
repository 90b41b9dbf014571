/*
 * Logging to stderr.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"

static const char *const level_names[] = { "error", "warn", "info" };

/*
 * Process-wide, never request data: the pid (forgotten in a forked
 * child) and the time stamp of the current second, which every line of
 * that second shares.
 */
static pid_t log_pid;
static time_t stamp_time = -1;
static char stamp[32];

static void
forget_pid(void)
{
	log_pid = 0;
}

/* This process's id, asked for once (and again after a fork). */
static long
pid_now(void)
{
	static int registered;

	if (log_pid == 0) {
		if (!registered && pthread_atfork(NULL, NULL, forget_pid) == 0)
			registered = 1;
		log_pid = getpid();
	}
	return (long)log_pid;
}

/* "2024-05-01T12:00:00Z" for now, made once a second. */
static const char *
stamp_now(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (now != stamp_time) {
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		stamp_time = now;
	}
	return stamp;
}

void
log_msg(enum log_level level, const char *rid, const char *fmt, ...)
{
	char head[128], text[1024];
	struct buf line;
	va_list ap;
	int n;

	/* Most lines fit these: formatted once, not measured first. */
	if (rid != NULL)
		n = snprintf(head, sizeof(head), "%s kaaj[%ld] %s [%s] ",
		    stamp_now(), pid_now(), level_names[level], rid);
	else
		n = snprintf(head, sizeof(head), "%s kaaj[%ld] %s ",
		    stamp_now(), pid_now(), level_names[level]);
	buf_init(&line);
	buf_append(&line, head, n < 0 ? 0 : (size_t)n < sizeof(head) ?
	    (size_t)n : sizeof(head) - 1);
	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(text))
		buf_append(&line, text, (size_t)n);
	else {
		va_start(ap, fmt);
		buf_vprintf(&line, fmt, ap);
		va_end(ap);
	}
	buf_puts(&line, "\n");
	if (line.data != NULL) {
		/* One write so lines from several processes do not mix. */
		fwrite(line.data, 1, line.len, stderr);
		fflush(stderr);
	}
	buf_free(&line);
}
