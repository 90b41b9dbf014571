#!/bin/bash
#
# t_23_time_zones: times are kept in UTC and shown in the user's zone,
# the zone named. A user's zone is the one chosen in settings, else the
# usual zone of their country (Asia/Dhaka for BD, America/New_York for
# US), else site.time_zone. Settings offer the zones of the user's
# country, the site's and UTC, and refuse any other with a clear message;
# the statement's CSV shows the times as the page does.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t23e_$RUN
BD=t23b_$RUN
US=t23u_$RUN

# local_time ZONE UTC: UTC ("YYYY-MM-DD HH:MM:SS") as the page should
# show it in ZONE, by the C library's own tables through date(1).
local_time() {
	TZ=$1 date -d "$2 UTC" '+%Y-%m-%d %H:%M'
}

# deadline_shown TOKEN TASK: the deadline the task page shows.
deadline_shown() {
	sget "$1" "/tasks/$2"
	sed -n 's|.*<dd id="deadline">\([^<]*\)</dd>.*|\1|p' "$HTTP_BODY"
}

make_user "$EMP" >/dev/null
make_user "$BD" >/dev/null
make_user "$US" >/dev/null
db_sql "UPDATE users SET country = 'US' WHERE username = '$US'" >/dev/null
BS=$(new_session "$BD")
USS=$(new_session "$US")
C=$(new_campaign 3 0)
[[ $C =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"

say "a user's times follow their country"
claim "$BS" "$C"
TB=$TASK
claim "$USS" "$C"
TU=$TASK
utc=$(db_sql "SELECT deadline FROM tasks WHERE id = $TB")
expect_eq "a BD worker sees the deadline in Dhaka time" \
	"$(deadline_shown "$BS" "$TB")" "$(local_time Asia/Dhaka "$utc") Dhaka"
utc=$(db_sql "SELECT deadline FROM tasks WHERE id = $TU")
expect_eq "a US worker sees it in New York time" \
	"$(deadline_shown "$USS" "$TU")" \
	"$(local_time America/New_York "$utc") New York"
# A summer date too: New York's offset changes, the page follows it.
db_sql "UPDATE tasks SET deadline = '2030-07-01 12:00:00' WHERE id = $TU" >/dev/null
expect_eq "... with summer time in July (08:00, not 07:00)" \
	"$(deadline_shown "$USS" "$TU")" "2030-07-01 08:00 New York"

say "a zone chosen in settings wins"
sget "$USS" /settings
expect_body '<option value="America/Chicago">' "settings offer the zones of the user's country"
expect_body '<option value="UTC">' "... and UTC"
expect_body '<option value="Asia/Dhaka">' "... and the site's zone"
spost "$USS" /settings/profile country=US language=en time_zone=UTC
expect_status 303 "choosing UTC"
expect_eq "... is saved" \
	"$(db_sql "SELECT time_zone FROM users WHERE username = '$US'")" UTC
expect_eq "... and the deadline shows in UTC" \
	"$(deadline_shown "$USS" "$TU")" "2030-07-01 12:00 UTC"
spost "$USS" /settings/profile country=US language=en \
	"time_zone=Mars/Olympus_Mons" payout_account=kept-typed
expect_status 200 "a zone that does not exist"
expect_body "Please choose one of the time zones listed." "... is refused with a clear message"
expect_body 'value="kept-typed"' "... keeping what was typed"
expect_eq "... saving nothing" \
	"$(db_sql "SELECT time_zone FROM users WHERE username = '$US'")" UTC
spost "$USS" /settings/profile country=US language=en "time_zone=../../etc/passwd"
expect_body "Please choose one of the time zones listed." "a path as a zone is refused"
spost "$USS" /settings/profile country=US language=en time_zone=
expect_status 303 "going back to the country's zone"
expect_eq "... the deadline is in New York time again" \
	"$(deadline_shown "$USS" "$TU")" "2030-07-01 08:00 New York"

say "a country with no zone of its own: the site's zone"
db_sql "UPDATE users SET country = 'XX' WHERE username = '$BD'" >/dev/null
utc=$(db_sql "SELECT deadline FROM tasks WHERE id = $TB")
expect_eq "the deadline shows in site.time_zone" \
	"$(deadline_shown "$BS" "$TB")" "$(local_time Asia/Dhaka "$utc") Dhaka"

say "the statement's CSV has the page's times"
ES=$(new_session "$EMP")
db_sql "UPDATE users SET country = 'US' WHERE username = '$EMP'" >/dev/null
sget "$ES" /wallet/statement.csv
expect_status 200 "the employer's statement as CSV"
expect_match "... its dates are in the employer's zone, named" \
	"$(sed -n 2p "$HTTP_BODY")" \
	'^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} New York,'
test_done
