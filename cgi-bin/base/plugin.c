/*
 * The job-type plugin loader: every "NAME.so" regular file in one
 * directory is opened with dlopen, its one symbol looked up, and its
 * declarations checked before the core trusts any of them.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/field.h"
#include "base/log.h"
#include "base/plugin.h"
#include "base/plugin_text.h"

#define SO_SUFFIX	".so"
#define SO_SUFFIX_LEN	(sizeof(SO_SUFFIX) - 1)
#define FIELDS_MAX	32	/* fields in one form */
#define TEXT_LEN_MAX	65535	/* max_len ceiling for text, textarea, url */

/* A numeric macro's value as a string literal. */
#define STR(x)		STR_(x)
#define STR_(x)		#x
#define NAME_RULE	"[a-z][a-z0-9_]* of at most " STR(KAAJ_NAME_MAX) \
			" characters"

/* Non-zero when s is [a-z][a-z0-9_]* of at most KAAJ_NAME_MAX bytes. */
static int
name_is_valid(const char *s)
{
	size_t i;

	if (s == NULL || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (i >= KAAJ_NAME_MAX)
			return 0;
		if ((s[i] < 'a' || s[i] > 'z') &&
		    (s[i] < '0' || s[i] > '9') && s[i] != '_')
			return 0;
	}
	return 1;
}

/* Non-zero when s is a non-empty [a-z0-9_]* of at most KAAJ_NAME_MAX. */
static int
valid_choice_value(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return n > 0 && n <= KAAJ_NAME_MAX && s[n] == '\0';
}

/* The CHOICE field of deps[0..n) whose name is the len bytes at s. */
static const struct kaaj_field *
choice_named(const struct kaaj_field *deps, size_t n, const char *s,
    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (deps[i].type == KAAJ_FIELD_CHOICE &&
		    strncmp(deps[i].name, s, len) == 0 &&
		    deps[i].name[len] == '\0')
			return &deps[i];
	return NULL;
}

/* Non-zero when the len bytes at s are the value of one of d's choices. */
static int
has_choice(const struct kaaj_field *d, const char *s, size_t len)
{
	const struct kaaj_choice *c;

	for (c = d->choices; c->value != NULL; c++)
		if (strncmp(c->value, s, len) == 0 && c->value[len] == '\0')
			return 1;
	return 0;
}

/*
 * A shown_if, when set, must be "FIELD=VALUE|VALUE..." with FIELD one of
 * the CHOICE fields deps[0..n) and every VALUE one of its choices.
 */
static const char *
check_shown_if(const struct kaaj_field *f, const struct kaaj_field *deps,
    size_t n, const char *no_field)
{
	const struct kaaj_field *d;
	const char *list;
	size_t len, k;

	if (f->shown_if == NULL)
		return NULL;
	if ((list = field_shown_if_split(f->shown_if, &len)) == NULL)
		return "shown_if is not FIELD=VALUE or FIELD=VALUE|VALUE...";
	if ((d = choice_named(deps, n, f->shown_if, len)) == NULL)
		return no_field;
	for (;;) {
		k = strcspn(list, "|");
		if (!has_choice(d, list, k))
			return "shown_if names a value that is not one of "
			    "that field's choices";
		if (list[k] == '\0')
			return NULL;
		list += k + 1;
	}
}

/*
 * Check the fields of one form; the caller has checked n and the array.
 * deps are the campaign fields (NULL while checking them: a campaign
 * field may depend on the ones declared before it). On a refusal *bad
 * is the field's name, when it has one.
 */
static const char *
check_fields(const struct kaaj_field *f, size_t n,
    const struct kaaj_field *deps, size_t n_deps, const char **bad)
{
	const struct kaaj_choice *c;
	const char *why;
	size_t i, j;

	for (i = 0; i < n; i++) {
		*bad = f[i].name;
		if (!name_is_valid(f[i].name))
			return "a field name is not " NAME_RULE;
		for (j = 0; j < i; j++)
			if (strcmp(f[j].name, f[i].name) == 0)
				return "two fields of one form share a name";
		if (f[i].label == NULL || f[i].label[0] == '\0')
			return "a field has no label";
		switch (f[i].type) {
		case KAAJ_FIELD_TEXT:
		case KAAJ_FIELD_TEXTAREA:
		case KAAJ_FIELD_URL:
			if (f[i].max_len == 0 || f[i].max_len > TEXT_LEN_MAX)
				return "a text, textarea or url field needs "
				    "max_len from 1 to " STR(TEXT_LEN_MAX);
			break;
		case KAAJ_FIELD_INT:
			if (f[i].min > f[i].max)
				return "an int field has min above max";
			break;
		case KAAJ_FIELD_CHOICE:
			if (f[i].choices == NULL || f[i].choices[0].value == NULL)
				return "a choice field has no choices";
			for (c = f[i].choices; c->value != NULL; c++) {
				if (!valid_choice_value(c->value))
					return "a choice field has an empty "
					    "choice or one not [a-z0-9_]+";
				if (c->label == NULL || c->label[0] == '\0')
					return "a choice field has a choice "
					    "without a label";
			}
			break;
		case KAAJ_FIELD_SCREENSHOT:
			break;
		default:
			return "a field has an unknown type";
		}
		why = deps == NULL ? check_shown_if(&f[i], f, i,
		    "shown_if names no choice field declared before it") :
		    check_shown_if(&f[i], deps, n_deps,
		    "shown_if names no campaign choice field");
		if (why != NULL)
			return why;
	}
	*bad = NULL;
	return NULL;
}

/* verify_field, when set, must name a TEXT proof field. */
static const char *
check_verify_field(const struct kaaj_jobtype *jt)
{
	size_t i;

	if (jt->verify_field == NULL)
		return NULL;
	for (i = 0; i < jt->n_proof_fields; i++)
		if (strcmp(jt->proof_fields[i].name, jt->verify_field) == 0)
			return jt->proof_fields[i].type == KAAJ_FIELD_TEXT ?
			    NULL : "verify_field names a proof field that is "
			    "not TEXT";
	return "verify_field names no proof field";
}

/*
 * plugin_check_jobtype, and *bad set to the name of the field refused
 * (NULL when the refusal is not about one field).
 */
static const char *
check_jobtype(const struct kaaj_jobtype *jt, const char *file_stem,
    const char **bad)
{
	const char *why;

	*bad = NULL;
	if (jt->abi_version != KAAJ_JOBTYPE_ABI)
		return "unsupported ABI version";
	if (!name_is_valid(jt->name))
		return "job-type name is not " NAME_RULE;
	if (strcmp(jt->name, file_stem) != 0)
		return "job-type name differs from the file name "
		    "(NAME.so must declare NAME)";
	if (!name_is_valid(jt->category))
		return "category is not " NAME_RULE;
	if (jt->label == NULL || jt->label[0] == '\0')
		return "job type has no label";
	if (jt->description == NULL)
		return "job type has no description";
	if (jt->min_pay < 0)
		return "min_pay is negative";
	if (jt->n_campaign_fields > FIELDS_MAX)
		return "more than " STR(FIELDS_MAX) " campaign fields";
	if (jt->n_campaign_fields > 0 && jt->campaign_fields == NULL)
		return "campaign_fields is NULL but n_campaign_fields is not 0";
	if (jt->n_proof_fields > FIELDS_MAX)
		return "more than " STR(FIELDS_MAX) " proof fields";
	if (jt->n_proof_fields > 0 && jt->proof_fields == NULL)
		return "proof_fields is NULL but n_proof_fields is not 0";
	if ((why = check_fields(jt->campaign_fields, jt->n_campaign_fields,
	    NULL, 0, bad)) != NULL)
		return why;
	if ((why = check_fields(jt->proof_fields, jt->n_proof_fields,
	    jt->campaign_fields, jt->n_campaign_fields, bad)) != NULL)
		return why;
	return check_verify_field(jt);
}

/*
 * See plugin.h. Reads jt only after its ABI version matched; the reason
 * returned is a static string, never to be freed.
 */
const char *
plugin_check_jobtype(const struct kaaj_jobtype *jt, const char *file_stem)
{
	const char *bad;

	return check_jobtype(jt, file_stem, &bad);
}

/* Keep path and why (taken over) in set->refused; why may be NULL. */
static void
keep_refusal(struct plugin_set *set, const char *path, char *why)
{
	struct plugin_refusal *grown;

	grown = realloc(set->refused, (set->n_refused + 1) * sizeof(*grown));
	if (grown == NULL || why == NULL) {
		if (grown != NULL)
			set->refused = grown;
		free(why);
		return;	/* out of memory: the log line still says it */
	}
	set->refused = grown;
	if ((grown[set->n_refused].path = strdup(path)) == NULL) {
		free(why);
		return;
	}
	grown[set->n_refused++].reason = why;
}

/*
 * Log "plugin PATH skipped: REASON", keep the refusal in set and close
 * the handle, if any. The one place that writes a refusal, so every
 * refusal has the same shape.
 */
static void
skip(struct plugin_set *set, const char *path, void *handle,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
skip(struct plugin_set *set, const char *path, void *handle,
    const char *fmt, ...)
{
	struct buf why;
	va_list ap;

	buf_init(&why);
	va_start(ap, fmt);
	if (buf_vprintf(&why, fmt, ap) == -1)
		buf_free(&why);
	va_end(ap);
	log_warn(NULL, "plugin %s skipped: %s", path,
	    why.data != NULL ? why.data : "(out of memory)");
	keep_refusal(set, path, why.data);
	if (handle != NULL)
		dlclose(handle);
}

/*
 * Try the file at path, whose last component file ends in ".so". On
 * success append it to set, which has room for it.
 */
static void
load_file(const char *path, const char *file, struct plugin_set *set)
{
	const struct kaaj_jobtype *jt;
	char stem[KAAJ_NAME_MAX + 1];
	const char *why, *bad;
	struct plugin *p;
	struct stat st;
	size_t stemlen;
	void *handle;

	if (lstat(path, &st) == -1) {
		skip(set, path, NULL, "%s", strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		skip(set, path, NULL, "not a regular file (symlink)");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		skip(set, path, NULL, "not a regular file");
		return;
	}
	stemlen = strlen(file) - SO_SUFFIX_LEN;
	if (stemlen > KAAJ_NAME_MAX)
		stemlen = 0;	/* too long: an empty stem, refused below */
	memcpy(stem, file, stemlen);
	stem[stemlen] = '\0';
	if (!name_is_valid(stem)) {
		skip(set, path, NULL, "file name is not NAME.so with NAME "
		    NAME_RULE);
		return;
	}

	if ((handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		skip(set, path, NULL, "dlopen failed: %s",
		    why != NULL ? why : "unknown error");
		return;
	}
	if ((jt = dlsym(handle, KAAJ_JOBTYPE_SYMBOL)) == NULL) {
		skip(set, path, handle, "no " KAAJ_JOBTYPE_SYMBOL
		    " symbol (not a kaaj plugin)");
		return;
	}
	/*
	 * Another ABI may lay the struct out otherwise: read nothing else.
	 * ABI 3 added a member to struct kaaj_field, so the field arrays of
	 * an ABI 2 plugin have another stride: it is refused, not guessed.
	 */
	if (jt->abi_version != KAAJ_JOBTYPE_ABI) {
		skip(set, path, handle, "ABI version %u, this kaaj needs %d "
		    "(build the plugin again against this kaaj's "
		    "<kaaj/jobtype.h>)", jt->abi_version, KAAJ_JOBTYPE_ABI);
		return;
	}
	if ((why = check_jobtype(jt, stem, &bad)) != NULL) {
		if (bad != NULL && name_is_valid(bad))
			skip(set, path, handle, "field %s: %s", bad, why);
		else
			skip(set, path, handle, "%s", why);
		return;
	}
	/*
	 * Names equal file names, so this only fires when readdir listed a
	 * file twice, as it may when the directory changes during the scan.
	 */
	if (plugin_find(set, jt->name) != NULL) {
		skip(set, path, handle, "job type %s is already loaded", jt->name);
		return;
	}
	p = &set->items[set->n];
	p->name = strdup(jt->name);
	p->path = strdup(path);
	if (p->name == NULL || p->path == NULL) {
		free(p->name);
		free(p->path);
		skip(set, path, handle, "out of memory");
		return;
	}
	p->handle = handle;
	p->jt = jt;
	set->n++;
	log_info(NULL, "plugin %s loaded: %s (min pay %" PRId64 " micro)",
	    path, p->name, jt->min_pay);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Non-zero when file ends in ".so". */
static int
has_so_suffix(const char *file)
{
	size_t len;

	len = strlen(file);
	return len >= SO_SUFFIX_LEN &&
	    strcmp(file + len - SO_SUFFIX_LEN, SO_SUFFIX) == 0;
}

/*
 * The names of dir's "*.so" entries, sorted, in a new array of *n new
 * strings. Returns NULL with *n = 0 when there are none; sets *failed
 * (after logging) when dir cannot be read or memory runs out.
 */
static char **
list_so_files(const char *dir, size_t *n, int *failed)
{
	struct dirent *de;
	char **names = NULL, **grown;
	size_t cap = 0;
	DIR *d;

	*n = 0;
	*failed = 0;
	if ((d = opendir(dir)) == NULL) {
		log_err(NULL, "plugins: cannot open %s: %s", dir,
		    strerror(errno));
		*failed = 1;
		return NULL;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			if (errno != 0) {
				log_err(NULL, "plugins: cannot read %s: %s",
				    dir, strerror(errno));
				*failed = 1;
			}
			break;
		}
		if (!has_so_suffix(de->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				log_err(NULL, "plugins: out of memory");
				*failed = 1;
				break;
			}
			names = grown;
		}
		if ((names[*n] = strdup(de->d_name)) == NULL) {
			log_err(NULL, "plugins: out of memory");
			*failed = 1;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (*failed) {
		while (*n > 0)
			free(names[--*n]);
		free(names);
		return NULL;
	}
	/* strcmp order: deterministic, independent of the locale. */
	if (*n > 0)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

/*
 * See plugin.h. Files are tried in name order; since a loaded name equals
 * its file's stem and '.' sorts before every name character, set->items
 * comes out sorted by name. The caller owns *set.
 */
int
plugin_load_dir(const char *dir, struct plugin_set *set)
{
	struct buf path;
	const char *sep;
	char **files;
	size_t i, n;
	int failed;

	memset(set, 0, sizeof(*set));
	if ((files = list_so_files(dir, &n, &failed)) == NULL)
		return failed ? -1 : 0;
	sep = dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/";
	buf_init(&path);
	if ((set->items = calloc(n, sizeof(*set->items))) == NULL)
		failed = 1;
	for (i = 0; i < n && !failed; i++) {
		buf_reset(&path);
		if (buf_printf(&path, "%s%s%s", dir, sep, files[i]) == -1)
			failed = 1;
		else
			load_file(path.data, files[i], set);
	}
	buf_free(&path);
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (failed) {
		log_err(NULL, "plugins: out of memory loading %s", dir);
		plugin_set_free(set);
		return -1;
	}
	return (int)set->n;
}

/* See plugin.h. The plugin returned belongs to set. */
const struct plugin *
plugin_find(const struct plugin_set *set, const char *name)
{
	size_t lo = 0, hi = set->n, mid;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(name, set->items[mid].name);
		if (cmp == 0)
			return &set->items[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* See plugin.h. Every kaaj_jobtype pointer taken from set dies here. */
void
plugin_set_free(struct plugin_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		plugin_texts_free(&set->items[i]);
		dlclose(set->items[i].handle);
		free(set->items[i].name);
		free(set->items[i].path);
	}
	free(set->items);
	for (i = 0; i < set->n_refused; i++) {
		free(set->refused[i].path);
		free(set->refused[i].reason);
	}
	free(set->refused);
	memset(set, 0, sizeof(*set));
}
