/*
 * Time zones (timezone.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/timezone.h"

/* The zone tz_use() set, and its city as times show it. */
static char zone_in_use[TZ_NAME_MAX] = "UTC";
static char city_in_use[TZ_NAME_MAX] = "UTC";

int
tz_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < TZ_NAME_MAX && name[0] != '/' &&
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_/+-") == n;
}

/* Add the zone of one line of zone.tab; 0, 1 (not a zone line) or -1. */
static int
add_line(struct tz_table *t, char *line, size_t *cap)
{
	char *country, *coords, *zone;
	struct tz_zone *grown;
	size_t n;

	if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
		return 1;
	country = strtok(line, "\t\n");
	coords = strtok(NULL, "\t\n");
	zone = strtok(NULL, "\t\n");
	if (country == NULL || coords == NULL || zone == NULL ||
	    strlen(country) != 2 || !tz_name_ok(zone))
		return 1;
	if (t->n == *cap) {
		n = *cap == 0 ? 512 : *cap * 2;
		if ((grown = realloc(t->zones, n * sizeof(*grown))) == NULL)
			return -1;
		t->zones = grown;
		*cap = n;
	}
	if ((t->zones[t->n].name = strdup(zone)) == NULL)
		return -1;
	memcpy(t->zones[t->n].country, country, 3);
	t->n++;
	return 0;
}

int
tz_table_load(struct tz_table *t, const char *path, char *err, size_t errlen)
{
	char line[512];
	size_t cap = 0;
	FILE *f;

	t->zones = NULL;
	t->n = 0;
	if ((f = fopen(path, "re")) == NULL) {
		snprintf(err, errlen, "%s: cannot read the time zones "
		    "(install tzdata)", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL)
		if (add_line(t, line, &cap) == -1) {
			fclose(f);
			tz_table_free(t);
			snprintf(err, errlen, "%s: out of memory", path);
			return -1;
		}
	fclose(f);
	if (t->n == 0) {
		snprintf(err, errlen, "%s: no time zones in it", path);
		return -1;
	}
	return 0;
}

void
tz_table_free(struct tz_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->zones[i].name);
	free(t->zones);
	t->zones = NULL;
	t->n = 0;
}

const char *
tz_of_country(const struct tz_table *t, const char *country)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->zones[i].country, country) == 0)
			return t->zones[i].name;
	return NULL;
}

const char *
tz_country(const struct tz_table *t, const char *zone)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->zones[i].name, zone) == 0)
			return t->zones[i].country;
	return "";
}

int
tz_known(const struct tz_table *t, const char *zone)
{
	return strcmp(zone, "UTC") == 0 || tz_country(t, zone)[0] != '\0';
}

void
tz_city(const char *zone, char *out, size_t outlen)
{
	const char *last = strrchr(zone, '/');
	size_t i;

	snprintf(out, outlen, "%s", last != NULL ? last + 1 : zone);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = ' ';
}

void
tz_use(const char *zone)
{
	char tz[TZ_NAME_MAX + 1];

	if (zone == NULL || !tz_name_ok(zone))
		zone = "UTC";
	if (strcmp(zone, zone_in_use) == 0)
		return;
	snprintf(zone_in_use, sizeof(zone_in_use), "%s", zone);
	tz_city(zone, city_in_use, sizeof(city_in_use));
	/* ":" makes the C library read the zone's file, never a rule. */
	snprintf(tz, sizeof(tz), ":%s", zone);
	setenv("TZ", tz, 1);
	tzset();
}

int
tz_local_time(const char *utc, char *out, size_t outlen)
{
	struct tm tm;
	time_t when;
	char end;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || sscanf(utc, "%4d-%2d-%2d %2d:%2d:%2d%c",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec, &end) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((when = timegm(&tm)) == (time_t)-1 ||
	    localtime_r(&when, &tm) == NULL)
		return -1;
	snprintf(out, outlen, "%04d-%02d-%02d %02d:%02d %s",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, city_in_use);
	return 0;
}

void
tz_local_days(time_t now, size_t ndays, time_t *starts,
    char (*days)[TZ_DAY_LEN])
{
	struct tm today, tm;
	size_t i;

	localtime_r(&now, &today);
	for (i = 0; i <= ndays; i++) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = today.tm_year;
		tm.tm_mon = today.tm_mon;
		tm.tm_mday = today.tm_mday - (int)ndays + 1 + (int)i;
		tm.tm_isdst = -1;
		starts[i] = mktime(&tm);
		if (days != NULL && i < ndays)
			snprintf(days[i], TZ_DAY_LEN, "%04u-%02u-%02u",
			    (unsigned)(tm.tm_year + 1900) % 10000u,
			    (unsigned)(tm.tm_mon + 1) % 100u,
			    (unsigned)tm.tm_mday % 100u);
	}
}
