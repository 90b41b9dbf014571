/*
 * How `kaaj-admin reload` finds the running kaaj.fcgi processes of a
 * site: each keeps a pid file kaaj-fcgi.PID.pid in the folder paths.run
 * names while it serves (docs/deploy.md).
 */
#ifndef KAAJ_PIDFILE_H
#define KAAJ_PIDFILE_H

#include <stddef.h>

/* The program whose processes the pid files name. */
#define PIDFILE_PROGRAM "kaaj.fcgi"

/*
 * Write this process's pid file into run_dir and put its path in path
 * (for pidfile_remove at exit). Returns 0, or -1 with errno set (path
 * is then "").
 */
int pidfile_write(const char *run_dir, char *path, size_t pathlen);

/*
 * Remove the pid file at path, written by pidfile_write; nothing when
 * path is "". Async-signal-safe (a signal handler may call it).
 */
void pidfile_remove(const char *path);

/*
 * Send sig to every live PIDFILE_PROGRAM process that has a pid file in
 * run_dir, and remove the pid files of processes that are gone (or are
 * another program now). *told gets how many were sent sig. Returns 0, or
 * -1 with the reason in err when run_dir cannot be read or a process
 * could not be signalled (the others still were).
 */
int pidfile_signal_all(const char *run_dir, int sig, size_t *told,
    char *err, size_t errlen);

#endif
