/*
 * Sending a message: it is piped to a sendmail-compatible command
 * (mail.sendmail) on its standard input, run without a shell and under a
 * time limit. The recipient is only in the To: header, never on the
 * command line, so an address cannot become an option of the command;
 * sendmail -t reads it from there.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* addclosefrom_np, environ, pipe2 */
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/config.h"
#include "accounts/mail.h"
#include "accounts/mail_int.h"

int
mail_split_command(char *line, char *argv[MAIL_MAX_WORDS + 1], char *err,
    size_t errlen)
{
	char *p = line;
	int n = 0;

	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		if (n == MAIL_MAX_WORDS) {
			snprintf(err, errlen, "mail.sendmail has more than %d "
			    "words", MAIL_MAX_WORDS);
			return -1;
		}
		argv[n++] = p;
		p += strcspn(p, " \t");
		if (*p != '\0')
			*p++ = '\0';
	}
	argv[n] = NULL;
	if (n == 0) {
		snprintf(err, errlen, "mail.sendmail is empty");
		return -1;
	}
	if (argv[0][0] != '/') {
		snprintf(err, errlen,
		    "mail.sendmail must start with an absolute path");
		return -1;
	}
	return n;
}

/* Milliseconds on the monotonic clock. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Start argv with standard input from in, standard output on /dev/null
 * (a FastCGI process's descriptor 1 may be its socket) and our standard
 * error; every other descriptor is closed in the child, SIGPIPE (which we
 * may ignore) is back to its default and no signal is blocked. Returns 0
 * with *pid set, or an errno value; glibc reports a failed exec here.
 */
static int
spawn(char *const argv[], int in, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, pipe_only;
	int rc;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		return rc;
	if ((rc = posix_spawnattr_init(&attr)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return rc;
	}
	sigemptyset(&none);
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	if ((rc = posix_spawn_file_actions_adddup2(&fa, in, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
	    O_WRONLY, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_addclosefrom_np(&fa, 3)) == 0 &&
	    (rc = posix_spawnattr_setsigmask(&attr, &none)) == 0 &&
	    (rc = posix_spawnattr_setsigdefault(&attr, &pipe_only)) == 0 &&
	    (rc = posix_spawnattr_setflags(&attr,
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) == 0)
		rc = posix_spawn(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/*
 * Write the len bytes at msg to the non-blocking descriptor fd before
 * deadline. Returns 0, EPIPE when the reader is gone, ETIMEDOUT, or
 * another errno value.
 */
static int
write_all(int fd, const char *msg, size_t len, long long deadline)
{
	struct pollfd pfd;
	long long left;
	ssize_t n;

	pfd.fd = fd;
	pfd.events = POLLOUT;
	while (len > 0) {
		n = write(fd, msg, len);
		if (n > 0) {
			msg += n;
			len -= (size_t)n;
			continue;
		}
		if (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR)
			return errno;
		if ((left = deadline - now_ms()) <= 0)
			return ETIMEDOUT;
		if (poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left) == -1 &&
		    errno != EINTR)
			return errno;
	}
	return 0;
}

/* Kill pid with SIGKILL and reap it. */
static void
kill_child(pid_t pid)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		continue;
}

/*
 * Reap pid into *status, polling with short sleeps until deadline; past
 * it, kill and reap it. Returns 0, ETIMEDOUT, or an errno of waitpid.
 */
static int
wait_child(pid_t pid, int *status, long long deadline)
{
	struct timespec ts;
	long long left, delay = 1;
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 0;
		if (r == -1 && errno != EINTR)
			return errno;
		if ((left = deadline - now_ms()) <= 0) {
			kill_child(pid);
			return ETIMEDOUT;
		}
		if (delay > left)
			delay = left;
		ts.tv_sec = (time_t)(delay / 1000);
		ts.tv_nsec = (long)(delay % 1000) * 1000000L;
		nanosleep(&ts, NULL);	/* EINTR: just look again */
		if (delay < 50)
			delay *= 2;
	}
}

int
mail_pipe_to(char *const argv[], const char *msg, size_t len,
    int timeout_ms, char *err, size_t errlen)
{
	struct sigaction ign, old_pipe;
	long long deadline;
	int fds[2], flags, rc, wrc, status;
	pid_t pid;

	deadline = now_ms() + timeout_ms;
	/* Close-on-exec: whatever number it gets, our end never reaches it. */
	if (pipe2(fds, O_CLOEXEC) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	if ((rc = spawn(argv, fds[0], &pid)) != 0) {
		close(fds[0]);
		close(fds[1]);
		snprintf(err, errlen, "could not run %s: %s", argv[0],
		    strerror(rc));
		return -1;
	}
	close(fds[0]);

	/* A reader that is gone shows as EPIPE instead of killing us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	if ((flags = fcntl(fds[1], F_GETFL)) == -1 ||
	    fcntl(fds[1], F_SETFL, flags | O_NONBLOCK) == -1)
		wrc = errno;
	else
		wrc = write_all(fds[1], msg, len, deadline);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (wrc != 0 && wrc != EPIPE) {
		/* Killed before it sees end of file: a cut message never goes. */
		kill_child(pid);
		close(fds[1]);
		if (wrc == ETIMEDOUT)
			snprintf(err, errlen, "sendmail timed out: %s killed "
			    "after %d ms", argv[0], timeout_ms);
		else
			snprintf(err, errlen, "writing to %s: %s", argv[0],
			    strerror(wrc));
		return -1;
	}
	close(fds[1]);

	if ((rc = wait_child(pid, &status, deadline)) == ETIMEDOUT) {
		snprintf(err, errlen, "sendmail timed out: %s killed after "
		    "%d ms", argv[0], timeout_ms);
		return -1;
	}
	if (rc != 0) {
		snprintf(err, errlen, "waiting for %s: %s", argv[0],
		    strerror(rc));
		return -1;
	}
	if (WIFSIGNALED(status)) {
		snprintf(err, errlen, "%s was killed by signal %d (%s)",
		    argv[0], WTERMSIG(status), strsignal(WTERMSIG(status)));
		return -1;
	}
	/*
	 * 127: the exec failed where posix_spawn cannot report it (as under
	 * valgrind), or a wrapper script found no program.
	 */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		snprintf(err, errlen, "could not run %s: exit status 127",
		    argv[0]);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errlen, "%s failed with exit status %d", argv[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	if (wrc == EPIPE) {
		snprintf(err, errlen, "%s exited before reading the whole "
		    "message", argv[0]);
		return -1;
	}
	return 0;
}

/* Splits mail.sendmail, builds the message and pipes it, within 30 s. */
int
mail_send(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, char *err, size_t errlen)
{
	char *argv[MAIL_MAX_WORDS + 1], *line;
	struct buf msg;
	int rc = -1;

	if ((line = strdup(cfg->sendmail)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	buf_init(&msg);
	if (mail_split_command(line, argv, err, errlen) != -1 &&
	    mail_compose(cfg, to, subject, body, &msg, err, errlen) != -1)
		rc = mail_pipe_to(argv, msg.data, msg.len, MAIL_TIMEOUT_MS, err,
		    errlen);
	buf_free(&msg);
	free(line);
	return rc;
}
