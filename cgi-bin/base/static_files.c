/*
 * Versions of the static files (static_files.h). Read once when the
 * process starts and on each reload, never per request.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "base/static_files.h"

#define VERSION_BYTES 8		/* 16 hex digits */
#define STATIC_NAME_MAX 64

/* The version of the file at path into hex (2 * VERSION_BYTES + 1). */
static int
file_version(const char *path, char *hex)
{
	crypto_generichash_state st;
	unsigned char chunk[8192], sum[VERSION_BYTES];
	ssize_t got;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	crypto_generichash_init(&st, NULL, 0, sizeof(sum));
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		crypto_generichash_update(&st, chunk, (size_t)got);
	close(fd);
	if (got == -1)
		return -1;
	crypto_generichash_final(&st, sum, sizeof(sum));
	sodium_bin2hex(hex, 2 * VERSION_BYTES + 1, sum, sizeof(sum));
	return 0;
}

/* Static.NAME_EXT for file name: letters and digits kept, others "_". */
static int
share_name(const char *file, char *out, size_t outlen)
{
	size_t i, n = strlen("Static.");

	if (strlen(file) + n >= outlen)
		return -1;
	memcpy(out, "Static.", n);
	for (i = 0; file[i] != '\0'; i++)
		out[n + i] = (file[i] >= 'a' && file[i] <= 'z') ||
		    (file[i] >= 'A' && file[i] <= 'Z') ||
		    (file[i] >= '0' && file[i] <= '9') ? file[i] : '_';
	out[n + i] = '\0';
	return 0;
}

int
static_versions_share(struct render_env *env, const char *dir, char *err,
    size_t errlen)
{
	char path[4096], name[STATIC_NAME_MAX + 8], hex[2 * VERSION_BYTES + 1];
	char value[2 * VERSION_BYTES + 4];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (dir[0] == '\0')
		return 0;
	if (sodium_init() < 0 || (d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: cannot read the static files "
		    "(paths.static): %s", dir, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' ||
		    share_name(e->d_name, name, sizeof(name)) == -1)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if (file_version(path, hex) == -1) {
			snprintf(err, errlen, "%s: cannot read: %s", path,
			    strerror(errno));
			rc = -1;
		} else {
			snprintf(value, sizeof(value), "?v=%s", hex);
			if (render_share(env, name, value) == -1) {
				snprintf(err, errlen, "%s: out of memory",
				    path);
				rc = -1;
			}
		}
	}
	closedir(d);
	return rc;
}
