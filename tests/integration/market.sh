# shellcheck shell=bash
#
# tests/integration/market.sh: helpers for the marketplace tests that work
# through the worker's pages (t_59, t_63), sourced after lib.sh. Campaigns
# are made funded and running by tests/tools/market_probe for the
# employer named in $EMP; workers are plain active users with a session
# inserted by new_session; claims and proof go through HTTP.

PROBE=$KAAJ_BUILDDIR/tests/tools/market_probe
[[ -x $PROBE ]] || die "$PROBE is not built (make check builds it)"

# make_user NAME: insert an active user NAME and print its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, country, status)
	    VALUES ('$1', '$1@market.invalid', '', 'BD', 'active');
	    SELECT LAST_INSERT_ID()"
}

# new_campaign SLOTS SHOT: a funded running campaign of $EMP with SLOTS
# slots (SHOT 1: a screenshot is required); prints its id.
new_campaign() {
	"$PROBE" "$KAAJ_CONF" campaign "$EMP" "$1" "$2" |
		sed -n 's/^campaign //p'
}

# balance_by_name NAME: the user's available balance in micro-units.
balance_by_name() {
	"$PROBE" "$KAAJ_CONF" balance "$1" | sed -n 's/^balance //p'
}

# task_of CAMPAIGN USER-ID: the task id of the user on the campaign.
task_of() {
	db_sql "SELECT id FROM tasks WHERE campaign_id = $1 AND worker_id = $2"
}

# files_in_uploads: how many files are stored.
files_in_uploads() {
	find "$KAAJ_UPLOAD_DIR" -type f 2>/dev/null | wc -l
}

# claim TOKEN CAMPAIGN: claim it; sets TASK from the redirect.
claim() {
	spost "$1" /tasks/claim "campaign=$2"
	TASK=$(http_header Location | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
}

# write_png FILE: a valid 1x1 PNG.
write_png() {
	printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' >"$1"
}

# orphans: files in the screenshot folder that no task names, and names
# in tasks of $EMP's campaigns that no file answers (other tests' probes
# store made-up names); prints "FILES-WITHOUT-TASK TASKS-WITHOUT-FILE".
orphans() {
	local disk all mine
	disk=$(find "$KAAJ_UPLOAD_DIR/screenshots" -type f -printf '%f\n' 2>/dev/null | sort)
	all=$(db_sql "SELECT screenshot FROM tasks
	    WHERE screenshot IS NOT NULL" | sort)
	mine=$(db_sql "SELECT t.screenshot FROM tasks t
	    JOIN campaigns c ON c.id = t.campaign_id
	    JOIN users u ON u.id = c.owner_id
	    WHERE t.screenshot IS NOT NULL AND u.username = '$EMP'" | sort)
	printf '%s %s\n' \
		"$(comm -23 <(echo "$disk") <(echo "$all") | grep -c . || true)" \
		"$(comm -13 <(echo "$disk") <(echo "$mine") | grep -c . || true)"
}

# send_proof TOKEN TASK: send proof for TASK (market_probe's job type asks
# for a username); dies unless it is taken.
send_proof() {
	mpost "$1" /tasks/submit "task=$2" "username=name_$2"
	[[ $HTTP_STATUS == 303 ]] || die "proof for task $2 answered $HTTP_STATUS"
}

# rate_as TOKEN CAMPAIGN TASK RATING: the campaign's owner (TOKEN) rates
# TASK, its submission dated five hours back so the time to rate is known.
rate_as() {
	db_sql "UPDATE tasks SET submitted_at = UTC_TIMESTAMP() - INTERVAL 5 HOUR
	    WHERE id = $3" >/dev/null
	spost "$1" /campaigns/rate "id=$2" "task=$3" "rating=$4" \
		"reason=Not what was asked for"
	[[ $HTTP_STATUS == 303 ]] || die "rating task $3 answered $HTTP_STATUS"
}

# login_from IP NAME: log NAME in through the login form (the demo
# password) from loopback address IP, as users_seen_at records it;
# prints the session token. Dies when no login from IP was recorded.
login_from() {
	local jar=$KAAJ_TMP/login_from.$2.jar body=$KAAJ_TMP/login_from.body csrf
	: >"$jar"
	curl -s -o "$body" --interface "$1" -b "$jar" -c "$jar" \
		"$KAAJ_URL/login"
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' \
		"$body" | head -n 1)
	curl -s -o /dev/null --interface "$1" -b "$jar" -c "$jar" \
		--data-urlencode "csrf=$csrf" --data-urlencode "login=$2" \
		--data-urlencode "password=bob-demo-pass" "$KAAJ_URL/login"
	sed -e 's/^#HttpOnly_//' "$jar" |
		awk -F'\t' '$6 == "kaaj_session" { v = $7 } END { print v }'
	[[ -n $(db_sql "SELECT 1 FROM user_addresses a JOIN users u
	    ON u.id = a.user_id WHERE u.username = '$2' AND a.ip = '$1'") ]] ||
		die "login_from: $2 did not log in from $1"
}
