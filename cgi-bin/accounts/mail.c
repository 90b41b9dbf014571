/*
 * Outgoing mail: an RFC 5322 message piped to a sendmail-compatible
 * command (mail.sendmail) on its standard input. The recipient is only in
 * the To: header, never on the command line, so an address cannot become
 * an option of the command; sendmail -t reads it from there.
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
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/config.h"
#include "accounts/mail.h"
#include "accounts/mail_int.h"

#define ADDRESS_MIN 3
#define ADDRESS_MAX 254
#define LOCAL_PART_MAX 64	/* RFC 5321 */
#define SUBJECT_MAX 200

/*
 * Bytes of text per RFC 2047 encoded word: 39 bytes are 52 base64
 * characters, a word of 64, so that "Subject: " and the first word stay
 * within the 76 characters RFC 2047 allows a line holding encoded words.
 */
#define WORD_BYTES 39

/* ------------------------------------------------------------ checks */

/* Whether the n bytes at p are non-empty runs joined by single dots. */
static int
dots_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[0] == '.' || p[n - 1] == '.')
		return 0;
	for (i = 1; i < n; i++)
		if (p[i] == '.' && p[i - 1] == '.')
			return 0;
	return 1;
}

/*
 * Why the len bytes at s are not one plain address local@domain, or NULL.
 * Stricter than RFC 5322 on purpose: ASCII only, no quoted local part, no
 * domain literal, no comment, nothing that could start a second address.
 */
static const char *
address_problem(const char *s, size_t len)
{
	const char *at = NULL;
	size_t i, local, domain;
	unsigned char c;

	if (len < ADDRESS_MIN || len > ADDRESS_MAX)
		return "must be 3 to 254 bytes long";
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c <= ' ' || c >= 0x7f)
			return "must hold no space, control or non-ASCII character";
		if (strchr("<>,;:\"()[]\\", c) != NULL)
			return "must be one plain address, without any of <>,;:\"()[]\\";
		if (c == '@') {
			if (at != NULL)
				return "must hold exactly one @";
			at = s + i;
		}
	}
	if (at == NULL)
		return "must hold exactly one @";
	local = (size_t)(at - s);
	domain = len - local - 1;
	if (local > LOCAL_PART_MAX || !dots_ok(s, local))
		return "must have 1 to 64 characters before the @, without "
		    "leading, trailing or double dots";
	if (!dots_ok(at + 1, domain))
		return "must have a domain after the @, without leading, "
		    "trailing or double dots";
	if (memchr(at + 1, '.', domain) == NULL &&
	    !(domain == 9 && strncasecmp(at + 1, "localhost", 9) == 0))
		return "must have a dot in its domain (or be @localhost)";
	return NULL;
}

/* Why subject is unfit for a Subject: header, or NULL. */
static const char *
subject_problem(const char *s)
{
	size_t i, len = strlen(s);
	unsigned char c;

	if (len > SUBJECT_MAX)
		return "subject is longer than 200 bytes";
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < ' ' || c == 0x7f)
			return "subject holds a control character";
		/* U+0080 to U+009F, the C1 controls, in UTF-8. */
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return "subject holds a control character";
	}
	return NULL;
}

/* Whether the n bytes at s are all ASCII. */
static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* ------------------------------------------------------------ headers */

/*
 * Append the len bytes of UTF-8 text at s as RFC 2047 "B" encoded words,
 * folded onto continuation lines ("\n ") between words. A word holds whole
 * characters only, as RFC 2047 requires. Returns 0 or -1.
 */
static int
put_encoded_words(struct buf *out, const char *s, size_t len)
{
	char b64[sodium_base64_ENCODED_LEN(WORD_BYTES,
	    sodium_base64_VARIANT_ORIGINAL)];
	const char *sep = "";
	size_t n, back;

	while (len > 0) {
		n = len > WORD_BYTES ? WORD_BYTES : len;
		/* Back off to the start of a character, 3 bytes at most. */
		for (back = 0; back < 3 && n < len &&
		    ((unsigned char)s[n] & 0xc0) == 0x80; back++)
			n--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s, n,
		    sodium_base64_VARIANT_ORIGINAL);
		if (buf_printf(out, "%s=?UTF-8?B?%s?=", sep, b64) == -1)
			return -1;
		sep = "\n ";
		s += n;
		len -= n;
	}
	return 0;
}

/*
 * Append the From: header for mail.from, an address or "Name <address>";
 * a name that is not ASCII (quoted or not) is sent as encoded words.
 * Returns 0, or -1 with err set (also when out of memory).
 */
static int
put_from(struct buf *out, const char *from, char *err, size_t errlen)
{
	const char *lt, *addr, *name, *end;
	size_t len = strlen(from), alen, i;

	for (i = 0; i < len; i++)
		if ((unsigned char)from[i] < ' ' || from[i] == 0x7f)
			goto bad;
	if ((lt = strrchr(from, '<')) == NULL) {
		addr = from;
		alen = len;
	} else {
		if (from[len - 1] != '>')
			goto bad;
		addr = lt + 1;
		alen = (size_t)(from + len - 1 - addr);
	}
	if (address_problem(addr, alen) != NULL)
		goto bad;
	if (is_ascii(from, len)) {
		if (buf_printf(out, "From: %s\n", from) == -1)
			goto nomem;
		return 0;
	}
	name = from;
	end = lt;
	while (name < end && *name == ' ')
		name++;
	while (end > name && end[-1] == ' ')
		end--;
	if (end - name >= 2 && *name == '"' && end[-1] == '"') {
		name++;
		end--;
	}
	if (buf_puts(out, "From: ") == -1 ||
	    put_encoded_words(out, name, (size_t)(end - name)) == -1 ||
	    buf_printf(out, " %s\n", lt) == -1)
		goto nomem;
	return 0;
bad:
	snprintf(err, errlen,
	    "mail.from must be an address or \"Name <address>\"");
	return -1;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/*
 * The host name of url (http[s]://[user@]host[:port][/path]) for
 * Message-IDs into host: letters, digits, dots and dashes, else
 * "localhost".
 */
static void
message_id_host(const char *url, char *host, size_t size)
{
	const char *p;
	size_t n, i;

	p = url != NULL ? strstr(url, "://") : NULL;
	if (p != NULL) {
		p += 3;
		n = strcspn(p, "/?#");
		for (i = n; i > 0; i--)
			if (p[i - 1] == '@') {
				p += i;
				break;
			}
		n = strcspn(p, ":/?#");
		for (i = 0; i < n; i++)
			if (strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", p[i]) == NULL)
				break;
		if (n > 0 && i == n && n < size) {
			snprintf(host, size, "%.*s", (int)n, p);
			return;
		}
	}
	snprintf(host, size, "localhost");
}

/* Append an RFC 5322 Date: header for now, in UTC. Returns 0 or -1. */
static int
put_date(struct buf *out, time_t now)
{
	/* Not strftime's %a and %b, which follow the locale. */
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL)
		return -1;
	return buf_printf(out, "Date: %s, %02d %s %d %02d:%02d:%02d +0000\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/*
 * mail_build, with the reason for a -1 in err. On -1, out is back to the
 * length it had.
 */
static int
build(const struct kaaj_config *cfg, const char *to, const char *subject,
    const char *body, struct buf *out, char *err, size_t errlen)
{
	unsigned char id[16];
	char hex[sizeof(id) * 2 + 1], host[256];
	const char *why;
	size_t start = out->len, body_len;

	if ((why = address_problem(to, strlen(to))) != NULL) {
		snprintf(err, errlen, "the recipient address %s", why);
		return -1;
	}
	if ((why = subject_problem(subject)) != NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (put_from(out, cfg->mail_from, err, errlen) == -1)
		goto fail;
	if (buf_printf(out, "To: %s\n", to) == -1)
		goto nomem;
	/* Plain ASCII stays plain, unless it could pass for an encoded word. */
	if (is_ascii(subject, strlen(subject)) &&
	    strstr(subject, "=?") == NULL) {
		if (buf_printf(out, "Subject: %s\n", subject) == -1)
			goto nomem;
	} else if (buf_puts(out, "Subject: ") == -1 ||
	    put_encoded_words(out, subject, strlen(subject)) == -1 ||
	    buf_puts(out, "\n") == -1)
		goto nomem;
	if (put_date(out, time(NULL)) == -1)
		goto nomem;
	randombytes_buf(id, sizeof(id));
	sodium_bin2hex(hex, sizeof(hex), id, sizeof(id));
	message_id_host(cfg->base_url, host, sizeof(host));
	if (buf_printf(out, "Message-ID: <%s@%s>\n", hex, host) == -1 ||
	    buf_puts(out, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n") == -1)
		goto nomem;
	/*
	 * The body goes as it is: lines that start with "." need no escaping,
	 * because mail.sendmail passes -i (or -oi), with which a lone "." does
	 * not end the message. Only a missing last line end is added.
	 */
	body_len = strlen(body);
	if (buf_append(out, body, body_len) == -1 ||
	    (body_len > 0 && body[body_len - 1] != '\n' &&
	    buf_puts(out, "\n") == -1))
		goto nomem;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	out->len = start;
	if (out->data != NULL)
		out->data[start] = '\0';
	return -1;
}

/*
 * Appends to out; on -1 out keeps what it held before. Also -1 when
 * cfg->mail_from is not an address or "Name <address>".
 */
int
mail_build(const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, struct buf *out)
{
	char err[160];

	return build(cfg, to, subject, body, out, err, sizeof(err));
}

/* ------------------------------------------------------------ sending */

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
	    build(cfg, to, subject, body, &msg, err, errlen) != -1)
		rc = mail_pipe_to(argv, msg.data, msg.len, MAIL_TIMEOUT_MS, err,
		    errlen);
	buf_free(&msg);
	free(line);
	return rc;
}
