/*
 * Time zones: which zones exist (the system's zone.tab, read once per
 * process), a country's usual zone, and the process's current zone, in
 * which pages show the UTC times the database keeps.
 *
 * kaaj keeps every time in UTC. A request shows them in its user's zone:
 * the router calls tz_use() once with that zone, and tz_local_time()
 * then converts. The process serves one request at a time, so the zone
 * is a property of the process (the C library's TZ); switching costs a
 * read of the zone's file only when it differs from the last request's.
 */
#ifndef KAAJ_TIMEZONE_H
#define KAAJ_TIMEZONE_H

#include <stddef.h>
#include <time.h>

#define TZ_TABLE_PATH "/usr/share/zoneinfo/zone.tab"
#define TZ_NAME_MAX 64		/* "America/Argentina/ComodRivadavia" fits */

struct tz_zone {
	char country[3];	/* ISO 3166 alpha-2 */
	char *name;		/* "Asia/Dhaka" */
};

struct tz_table {
	struct tz_zone *zones;	/* in the file's order: a country's first
				 * zone is its usual one */
	size_t n;
};

/*
 * Non-zero when name has a zone name's shape: letters, digits and _ / + -
 * only, not starting with '/' (never a path of its own, nor one with
 * ".."), shorter than TZ_NAME_MAX.
 */
int tz_name_ok(const char *name);

/*
 * Read path (zone.tab's format: country, coordinates, zone, comment, tab
 * separated; # starts a comment). Returns 0, or -1 with the reason in err.
 * The caller frees *t with tz_table_free().
 */
int tz_table_load(struct tz_table *t, const char *path, char *err,
    size_t errlen);
void tz_table_free(struct tz_table *t);

/* The usual zone of country (first in the table), or NULL. */
const char *tz_of_country(const struct tz_table *t, const char *country);

/* The country of zone in the table, or "" (UTC, unknown zones). */
const char *tz_country(const struct tz_table *t, const char *zone);

/* Non-zero when zone is "UTC" or a zone of the table. */
int tz_known(const struct tz_table *t, const char *zone);

/*
 * Make zone (one tz_known() accepts; anything else means UTC) the zone
 * tz_local_time() converts to. Cheap when it is the zone already in use.
 */
void tz_use(const char *zone);

/*
 * Write the UTC time utc ("YYYY-MM-DD HH:MM:SS", as MariaDB gives a
 * DATETIME) as "YYYY-MM-DD HH:MM CITY" in the zone in use to out, CITY
 * being the zone's last part ("Dhaka", "New York"; "UTC" for UTC).
 * Returns 0, or -1 (out untouched) when utc is not such a time.
 */
int tz_local_time(const char *utc, char *out, size_t outlen);

/* "YYYY-MM-DD" and its NUL: a day as tz_local_days() names it. */
#define TZ_DAY_LEN 11

/*
 * The last ndays days up to the one of now, in the zone in use: starts
 * gets the UTC times their local midnights fall on and, as
 * starts[ndays], the next midnight (ndays + 1 times, summer time
 * counted); days, when not NULL, each day's date ("2026-12-06").
 */
void tz_local_days(time_t now, size_t ndays, time_t *starts,
    char (*days)[TZ_DAY_LEN]);

/* The city part of zone as tz_local_time() shows it, into out. */
void tz_city(const char *zone, char *out, size_t outlen);

#endif
