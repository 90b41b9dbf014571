/*
 * Storing and reading back uploaded images.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/config.h"
#include "base/log.h"
#include "base/upload.h"

static const char *const extensions[] = { NULL, ".png", ".jpg", ".webp" };

enum upload_type
upload_sniff(const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;

	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return UPLOAD_PNG;
	if (len >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return UPLOAD_JPEG;
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return UPLOAD_WEBP;
	return UPLOAD_NOT_IMAGE;
}

const char *
upload_content_type(enum upload_type type)
{
	switch (type) {
	case UPLOAD_PNG:
		return "image/png";
	case UPLOAD_JPEG:
		return "image/jpeg";
	case UPLOAD_WEBP:
		return "image/webp";
	default:
		return NULL;
	}
}

/* Non-zero when folder is [a-z]{1,16}. */
static int
folder_ok(const char *folder)
{
	size_t n = strspn(folder, "abcdefghijklmnopqrstuvwxyz");

	return n > 0 && n <= 16 && folder[n] == '\0';
}

/* The type a stored name says (32 hex + extension), or UPLOAD_NOT_IMAGE. */
static enum upload_type
name_type(const char *name)
{
	size_t i;

	if (strspn(name, "0123456789abcdef") != 32)
		return UPLOAD_NOT_IMAGE;
	for (i = 1; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (strcmp(name + 32, extensions[i]) == 0)
			return (enum upload_type)i;
	return UPLOAD_NOT_IMAGE;
}

int
upload_name_ok(const char *name)
{
	return name != NULL && name_type(name) != UPLOAD_NOT_IMAGE;
}

int
upload_store(const struct kaaj_config *cfg, const char *folder,
    const char *data, size_t len, char name[UPLOAD_NAME_MAX],
    const char **why)
{
	unsigned char rnd[16];
	char dir[1100], path[1200], hex[33];
	enum upload_type type;
	size_t done = 0;
	ssize_t w;
	int fd;

	*why = "upload_failed";
	if (data == NULL || len == 0) {
		*why = "upload_empty";
		return -1;
	}
	if (len > cfg->max_upload) {
		*why = "upload_too_big";
		return -1;
	}
	/* The content decides, never the name or the claimed type. */
	if ((type = upload_sniff(data, len)) == UPLOAD_NOT_IMAGE) {
		*why = "upload_not_image";
		return -1;
	}
	if (!folder_ok(folder))
		return -1;
	snprintf(dir, sizeof(dir), "%s/%s", cfg->upload_dir, folder);
	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		log_err(NULL, "upload: cannot make %s: %m", dir);
		return -1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	snprintf(name, UPLOAD_NAME_MAX, "%s%s", hex, extensions[type]);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) ==
	    -1) {
		log_err(NULL, "upload: cannot create %s: %m", path);
		return -1;
	}
	while (done < len) {
		w = write(fd, data + done, len - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done != len || fsync(fd) == -1) {
		log_err(NULL, "upload: cannot write %s: %m", path);
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) == -1) {
		log_err(NULL, "upload: cannot close %s: %m", path);
		unlink(path);
		return -1;
	}
	return 0;
}

void
upload_remove(const struct kaaj_config *cfg, const char *folder,
    const char *name)
{
	char path[1200];

	if (!folder_ok(folder) || name == NULL ||
	    name_type(name) == UPLOAD_NOT_IMAGE)
		return;
	snprintf(path, sizeof(path), "%s/%s/%s", cfg->upload_dir, folder, name);
	if (unlink(path) == -1 && errno != ENOENT)
		log_err(NULL, "upload: cannot remove %s: %m", path);
}

int
upload_read(const struct kaaj_config *cfg, const char *folder,
    const char *name, struct buf *out, enum upload_type *type)
{
	char path[1200], chunk[16384];
	struct stat st;
	ssize_t n;
	int fd;

	if (!folder_ok(folder) || name == NULL ||
	    (*type = name_type(name)) == UPLOAD_NOT_IMAGE)
		return -1;
	snprintf(path, sizeof(path), "%s/%s/%s", cfg->upload_dir, folder, name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > cfg->max_upload) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || buf_append(out, chunk, (size_t)n) == -1) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}
