/*
 * kaaj.fcgi's pid files (pidfile.h).
 */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/pidfile.h"

#define PREFIX		"kaaj-fcgi."
#define SUFFIX		".pid"
#define DELETED		" (deleted)"	/* /proc/PID/exe of a replaced file */

int
pidfile_write(const char *run_dir, char *path, size_t pathlen)
{
	char text[32];
	int fd, len, saved;

	path[0] = '\0';
	len = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if ((size_t)snprintf(path, pathlen, "%s/" PREFIX "%ld" SUFFIX,
	    run_dir, (long)getpid()) >= pathlen) {
		path[0] = '\0';
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1) {
		path[0] = '\0';
		return -1;
	}
	if (write(fd, text, (size_t)len) != len) {
		saved = errno;
		close(fd);
		unlink(path);
		path[0] = '\0';
		errno = saved;
		return -1;
	}
	return close(fd);
}

void
pidfile_remove(const char *path)
{
	if (path[0] != '\0')
		unlink(path);
}

/* The pid a file name kaaj-fcgi.PID.pid names, or 0 for another name. */
static pid_t
pid_of_name(const char *name)
{
	size_t digits;
	long pid;

	if (strncmp(name, PREFIX, sizeof(PREFIX) - 1) != 0)
		return 0;
	name += sizeof(PREFIX) - 1;
	digits = strspn(name, "0123456789");
	if (digits == 0 || digits > 9 || name[0] == '0' ||
	    strcmp(name + digits, SUFFIX) != 0)
		return 0;
	pid = strtol(name, NULL, 10);
	return (pid_t)pid;
}

/*
 * 1 when process pid runs PIDFILE_PROGRAM (maybe replaced on disk since),
 * 0 when it is gone or runs another program, -1 when this user may not
 * look (another user's process: the signal then says whether it may).
 */
static int
runs_program(pid_t pid)
{
	char link[64], exe[4096];
	const char *base;
	ssize_t n;
	size_t len;

	snprintf(link, sizeof(link), "/proc/%ld/exe", (long)pid);
	if ((n = readlink(link, exe, sizeof(exe) - 1)) <= 0)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	exe[n] = '\0';
	len = (size_t)n;
	if (len > sizeof(DELETED) - 1 &&
	    strcmp(exe + len - (sizeof(DELETED) - 1), DELETED) == 0)
		exe[len - (sizeof(DELETED) - 1)] = '\0';
	base = strrchr(exe, '/');
	return strcmp(base != NULL ? base + 1 : exe, PIDFILE_PROGRAM) == 0;
}

int
pidfile_signal_all(const char *run_dir, int sig, size_t *told,
    char *err, size_t errlen)
{
	char path[4096];
	struct dirent *de;
	int rc = 0;
	pid_t pid;
	DIR *d;

	*told = 0;
	if ((d = opendir(run_dir)) == NULL) {
		snprintf(err, errlen, "%s: cannot open: %s", run_dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if ((pid = pid_of_name(de->d_name)) <= 0)
			continue;
		if (runs_program(pid) == 0) {
			/* Gone (or the pid was reused): a stale file. */
			snprintf(path, sizeof(path), "%s/%s", run_dir,
			    de->d_name);
			unlink(path);
			continue;
		}
		if (kill(pid, sig) == -1) {
			snprintf(err, errlen, "process %ld: %s", (long)pid,
			    strerror(errno));
			rc = -1;
			continue;
		}
		(*told)++;
	}
	closedir(d);
	return rc;
}
