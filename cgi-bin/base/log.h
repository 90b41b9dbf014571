/*
 * Logging to stderr, one line per event. Under mod_fcgid stderr goes to
 * Apache's error log; spawn-fcgi points it at /dev/null, so the shipped
 * nginx sample starts kaaj.fcgi through a shell that sends it to a file.
 */
#ifndef KAAJ_LOG_H
#define KAAJ_LOG_H

enum log_level {
	LOG_ERR = 0,
	LOG_WARN,
	LOG_INFO
};

/*
 * Write "kaaj[pid] LEVEL [rid] message\n" to stderr. rid is the request id,
 * or NULL outside a request.
 */
void log_msg(enum log_level level, const char *rid, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_err(rid, ...) log_msg(LOG_ERR, (rid), __VA_ARGS__)
#define log_warn(rid, ...) log_msg(LOG_WARN, (rid), __VA_ARGS__)
#define log_info(rid, ...) log_msg(LOG_INFO, (rid), __VA_ARGS__)

#endif
