#!/bin/bash
#
# t_57_create: posting a job through the pages. Choosing a type shows the
# plugins by category with their minimum pay; the form refuses every bad
# field with its own message and creates nothing (the job type's minimum
# pay is shown, the plugin's validator has its say); the preview shows the
# exact cost (slots x pay + fee) and escapes what was typed; creating
# takes exactly that from the employer's balance and puts slots x pay in
# escrow, once however often the same confirm form is sent; not enough
# money creates nothing; no CSRF token is 403. Moderation: the test
# config runs campaigns at once, so campaigns created through the pages
# are set to 'pending' by SQL (nothing else has touched them: escrow is
# still exactly as funded) before the admin pages approve one (it comes
# onto the board) and reject another (all its money comes back, fee
# included). The ledger checks out at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
EMP=t57e_$RUN		# has money
POOR=t57p_$RUN		# has none

# ------------------------------------------------------------ helpers

# make_user NAME: insert an active user NAME and print its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status)
	    VALUES ('$1', '$1@t57.invalid', 'x', 'active');
	    SELECT LAST_INSERT_ID()"
}

# campaigns_of USER-ID: how many campaigns the user has.
campaigns_of() {
	db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $1"
}

# job TOKEN PATH [NAME=VALUE...]: POST a good signup job form to PATH,
# with each NAME=VALUE given replacing (or adding) that field.
job() {
	local tok=$1 path=$2 kv k args=()
	shift 2
	declare -A f=(
		[type]=signup
		[title]="T57 sign-up job $RUN"
		[instructions]="Open the page and create an account with your own e-mail."
		[proof_instructions]="The username you chose."
		[slots]=3
		[pay]=0.25
		[countries_mode]=all
		[minutes]=60
		[days]=7
		[min_success]=0
		[x_signup_url]=https://example.com/join
		[x_action]=register
	)
	for kv in "$@"; do
		f[${kv%%=*}]=${kv#*=}
	done
	for k in "${!f[@]}"; do
		args+=("$k=${f[$k]}")
	done
	spost "$tok" "$path" "${args[@]}"
}

# field_error NAME: the text of the last page's message for field NAME.
field_error() {
	tr -d '\n' <"$HTTP_BODY" |
		grep -o "<p class=\"error\" id=\"err-$1\">[^<]*</p>" |
		sed -e 's/<[^>]*>//g' | head -n 1 || true
}

# expect_field_error NAME REGEX WHAT: the form came again (200) with a
# message for field NAME matching the extended REGEX.
expect_field_error() {
	local msg
	expect_status 200 "$3: the form again"
	msg=$(field_error "$1")
	if [[ -n $msg ]] && grep -Eq -- "$2" <<<"$msg"; then
		ok "$3: says \"$msg\""
	else
		fail "$3: a message for $1 matching /$2/" "got: '${msg}'"
		show_response
	fi
}

# bad FIELD REGEX NAME=VALUE...: the preview of a job with those fields is
# refused with a message for FIELD matching REGEX, and creates nothing;
# so is the create step with them.
bad() {
	local field=$1 re=$2 before
	shift 2
	before=$(campaigns_of "$EID")
	job "$ES" /campaigns/preview "$@"
	expect_field_error "$field" "$re" "preview with $*"
	job "$ES" /campaigns/create "$@" "create_key=$(random_hex 16)"
	expect_field_error "$field" "$re" "create with $*"
	expect_eq "... creates nothing" "$(campaigns_of "$EID")" "$before"
}

# create_key: the one-time key of the last preview page.
create_key() {
	grep -o 'name="create_key" value="[0-9a-f]*"' "$HTTP_BODY" |
		sed -e 's/.*value="//' -e 's/"$//' | head -n 1 || true
}

# new_campaign TITLE: create a job titled TITLE through preview and
# create as the employer and print its id ("" when that failed).
new_campaign() {
	local key
	job "$ES" /campaigns/preview "title=$1" >/dev/null
	key=$(create_key)
	job "$ES" /campaigns/create "title=$1" "create_key=$key" >/dev/null
	http_header Location | sed -n 's|.*/campaigns/\([0-9]*\)?.*|\1|p'
}

# ------------------------------------------------------------ pages

access() {
	http GET /campaigns/new
	expect_status 303 "GET /campaigns/new without a session goes to the login page"
	sget "$ES" /campaigns/new
	expect_status 200 "GET /campaigns/new"
	expect_body 'Sign up on a website' "... lists the signup job type"
	expect_body 'Sign-ups' "... under its category's label"
	expect_body '/campaigns/new?type=signup' "... with a link to its form"
	expect_body '0.02 USD' "... and its minimum pay"
	expect_body '/campaigns/new">Post a job' "the header has a Post a job link"
	sget "$ES" '/campaigns/new?type=signup'
	expect_status 200 "GET /campaigns/new?type=signup"
	expect_body 'name="x_signup_url"' "... has the plugin's URL field"
	expect_body 'Sign-up page URL' "... with its label"
	expect_body 'The http or https page where the account is created.' "... and its help"
	expect_body 'maxlength="500"' "... and its length limit"
	expect_body 'value="register_and_verify_email"' "... and the choices of its choice field"
	expect_body 'name="title"' "... and the common fields"
	# The countries are tick boxes (a multi-select needed Ctrl or Cmd,
	# which a phone does not have), each posting one "countries" value.
	expect_body '<input type="checkbox" name="countries" value="BD">' \
		"... and the countries as tick boxes"
	expect_no_body 'name="countries" multiple' "... not a multi-select"
	expect_no_body 'Ctrl or Cmd' "... whose help does not ask for Ctrl or Cmd"
	sget "$ES" '/campaigns/new?type=nosuch'
	expect_status 404 "GET /campaigns/new?type=nosuch"

	http POST /campaigns/preview -b "kaaj_session=$ES" --data-urlencode type=signup \
		--data-urlencode "title=No csrf at all"
	expect_status 403 "POST /campaigns/preview without csrf"
	http POST /campaigns/create -b "kaaj_session=$ES" --data-urlencode type=signup \
		--data-urlencode "create_key=$(random_hex 16)"
	expect_status 403 "POST /campaigns/create without csrf"
	sget "$ES" /admin/campaigns
	expect_status 403 "GET /admin/campaigns as a user"
}

bad_fields() {
	local before
	bad title '^The title needs at least 5 characters\.$' title=abc
	bad title '^The title can have at most 120 characters\.$' "title=$(printf 'x%.0s' {1..121})"
	bad instructions '^Please say what the worker must do' instructions=short
	bad proof_instructions '^Please say what proof the worker must give' proof_instructions=
	bad slots '^Enter the number of workers as a whole number from 1 to 100000\.$' slots=0
	# 100000 x 1e12 would overflow int64 before any other check.
	bad slots '^This job is too large' slots=100000 pay=1000000000000
	bad slots 'from 1 to 100000' slots=100001
	bad slots 'from 1 to 100000' slots=two
	bad pay '^The smallest pay per task for this job type is 0\.02 USD\.$' pay=0.019999
	bad pay '^Enter the amount as a plain number' pay=1,5
	bad pay '^Please enter an amount\.$' pay=
	bad countries_mode '^Please choose who may take the job\.$' countries_mode=some
	bad countries '^Please choose at least one country\.$' countries_mode=include
	bad countries '^Please choose countries from the list' countries_mode=exclude countries=BD,ZZ
	bad minutes 'from 5 to 10080' minutes=4
	bad days 'from 1 to 30' days=31
	bad min_success 'from 0 to 100' min_success=101
	bad x_signup_url '^Please fill in this field\.$' x_signup_url=
	bad x_signup_url '^The address must start with http:// or https://\.$' x_signup_url=ftp://x
	bad x_signup_url '^The address must not point at this computer or a private network\.$' \
		x_signup_url=http://127.0.0.1/join
	bad x_signup_url '^The address must name a web site' x_signup_url=https://nodot/
	bad x_action '^Please choose one of the options listed\.$' x_action=fly
	# The core's one field check (base/field.c) before the plugin's.
	bad x_signup_url '^The address must not contain spaces' "x_signup_url=https://exa mple.com/"
	bad title '^This cannot contain control characters\.$' "title=$(printf 'A\tgood title')"
	before=$(campaigns_of "$EID")
	job "$ES" /campaigns/create create_key=
	expect_field_error create_key '^The form was damaged' "create without a create_key"
	job "$ES" /campaigns/create create_key=NOT-A-KEY
	expect_field_error create_key '^The form was damaged' "create with a bad create_key"
	expect_eq "... creates nothing" "$(campaigns_of "$EID")" "$before"

	# What was typed is in the form shown again.
	job "$ES" /campaigns/preview title=abc "instructions=Keep this text $RUN"
	expect_body "Keep this text $RUN" "the form shown again keeps what was typed"
	# The countries ticked stay ticked, first in the list.
	job "$ES" /campaigns/preview title=abc countries_mode=include countries=IN,BD
	expect_body 'name="countries" value="BD" checked' "the form shown again keeps BD ticked"
	expect_body 'name="countries" value="IN" checked' "... and IN"
	expect_eq "... the ticked ones first" "$(grep -o 'name="countries" value="[A-Z]*"[ a-z]*' \
		"$HTTP_BODY" | head -n 3 | tr '\n' '|')" \
		'name="countries" value="BD" checked|name="countries" value="IN" checked|name="countries" value="AF"|'
	# A comma list and several values both give the countries.
	job "$ES" /campaigns/preview countries_mode=include "countries=bd, in"
	expect_status 200 "a preview for workers in BD and IN"
	expect_body 'name="countries" value="BD,IN"' "... carries the countries as BD,IN"
}

preview_escapes() {
	job "$ES" /campaigns/preview "title=<script>alert(57)</script>" \
		"instructions=<img src=x onerror=alert(57)> then sign up"
	expect_status 200 "a preview with HTML in the title and instructions"
	expect_no_body '<script>alert(57)' "... the title is not markup"
	expect_no_body '<img src=x' "... nor are the instructions"
	expect_body '&lt;script&gt;alert(57)&lt;/script&gt;' "... the title is shown escaped"
}

money() {
	local key id id2 bal0 before
	# Poor: the preview warns, the create refuses, nothing is created.
	job "$PS" /campaigns/preview
	expect_status 200 "a preview with no money"
	expect_body 'id="short"' "... warns that the balance is short"
	expect_body '/wallet">' "... with a link to the wallet"
	key=$(create_key)
	before=$(campaigns_of "$PID")
	job "$PS" /campaigns/create "create_key=$key"
	expect_status 200 "creating it anyway"
	expect_body 'id="not-enough"' "... says there is not enough money"
	expect_eq "... creates nothing" "$(campaigns_of "$PID")" "$before"

	kaaj_admin credit "$EMP" 10 --reason "t57 funds" >/dev/null
	bal0=$(balance_of available "$EID")
	expect_eq "the employer has 10.00" "$bal0" 10000000
	job "$ES" /campaigns/preview
	expect_status 200 "a preview of 3 tasks at 0.25"
	expect_body '<dd id="escrow">0.75 USD' "... escrow 3 x 0.25 = 0.75"
	expect_body '<dd id="fee">0.075 USD' "... fee 10% = 0.075"
	expect_body '<dd id="total">0.825 USD' "... total 0.825"
	expect_body '<dd id="balance">10.00 USD' "... balance 10.00"
	expect_no_body 'id="short"' "... no warning"
	key=$(create_key)
	expect_match "... a 32-hex-digit create_key" "$key" '^[0-9a-f]{32}$'
	before=$(campaigns_of "$EID")
	job "$ES" /campaigns/create "create_key=$key"
	expect_status 303 "creating it"
	expect_header Location '/campaigns/[0-9]+\?notice=campaign_created$' "... goes to the campaign's page"
	id=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\)?.*|\1|p')
	expect_eq "... one campaign more" "$(campaigns_of "$EID")" "$((before + 1))"
	expect_eq "... stored as it was typed" "$(db_sql "SELECT CONCAT_WS('|', status,
	    job_type, category, title, slots_total, pay_per_task, minutes_to_finish,
	    days_to_rate, countries_mode, min_success, screenshot_required)
	    FROM campaigns WHERE id = ${id:-0}")" \
		"running|signup|signup|T57 sign-up job $RUN|3|250000|60|7|all|0|0"
	expect_eq "... with the plugin's values" "$(db_sql "SELECT GROUP_CONCAT(name, '=', value
	    ORDER BY name SEPARATOR ' ') FROM campaign_fields WHERE campaign_id = ${id:-0}")" \
		"action=register signup_url=https://example.com/join"
	expect_eq "... the balance drops by exactly 0.825" "$(balance_of available "$EID")" \
		"$((bal0 - 825000))"
	expect_eq "... the escrow holds exactly 0.75" "$(balance_of escrow "${id:-0}")" 750000

	job "$ES" /campaigns/create "create_key=$key"
	expect_status 303 "the same confirm form again"
	id2=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\)?.*|\1|p')
	expect_eq "... goes to the same campaign" "$id2" "$id"
	expect_eq "... creates no other" "$(campaigns_of "$EID")" "$((before + 1))"
	expect_eq "... takes no more money" "$(balance_of available "$EID")" \
		"$((bal0 - 825000))"
	sget "$ES" "/campaigns/$id"
	expect_status 200 "GET /campaigns/$id (the owner's page)"
	http GET /
	expect_body "T57 sign-up job $RUN" "the new campaign is on the board"
	expect_ledger_ok "after creating"
}

moderation() {
	local a r bal0 bal1
	a=$(new_campaign "T57 to approve $RUN")
	r=$(new_campaign "T57 to reject $RUN")
	check "two more campaigns were created ($a, $r)" test -n "$a" -a -n "$r"
	# See the top of this file: the config runs campaigns at once.
	db_sql "UPDATE campaigns SET status = 'pending' WHERE id IN (${a:-0}, ${r:-0})"
	http GET /
	expect_no_body "T57 to approve $RUN" "a pending campaign is not on the board"
	sget "$AS" /admin/campaigns
	expect_status 200 "GET /admin/campaigns as admin"
	expect_body "T57 to approve $RUN" "... lists the pending campaigns"
	expect_body "https://example.com/join" "... with their plugin values"
	expect_no_body "T57 sign-up job $RUN" "... but not running ones"
	expect_body '/admin/campaigns">Campaigns' "the admin header links to it"

	spost "$ES" /admin/campaigns/approve "id=$a"
	expect_status 403 "approving as a user"
	http POST /admin/campaigns/approve -b "kaaj_session=$AS" --data-urlencode "id=$a"
	expect_status 403 "approving without csrf"
	spost "$AS" /admin/campaigns/approve "id=$a"
	expect_status 303 "approving"
	expect_header Location '/admin/campaigns\?notice=campaign_approved$' "... back to the queue with a notice"
	expect_eq "... it runs" "$(db_sql "SELECT status FROM campaigns WHERE id = $a")" running
	http GET /
	expect_body "T57 to approve $RUN" "... and is on the board"
	spost "$AS" /admin/campaigns/approve "id=$a"
	expect_header Location 'notice=already_decided$' "approving it again: already decided"
	spost "$AS" /admin/campaigns/approve "id=abc"
	expect_status 400 "approving id abc"
	spost "$AS" /admin/campaigns/approve "id=999999999"
	expect_status 404 "approving an unknown campaign"

	bal0=$(balance_of available "$EID")
	spost "$AS" /admin/campaigns/reject "id=$r" "reason="
	expect_field_error "r$r-reason" '^Please give a reason' "rejecting without a reason"
	expect_eq "... it still waits" "$(db_sql "SELECT status FROM campaigns WHERE id = $r")" pending
	spost "$AS" /admin/campaigns/reject "id=$r" "reason=$(printf 'y%.0s' {1..501})"
	expect_field_error "r$r-reason" 'at most 500' "rejecting with a 501-character reason"
	spost "$AS" /admin/campaigns/reject "id=$r" "reason=Not allowed here"
	expect_status 303 "rejecting with a reason"
	expect_header Location '/admin/campaigns\?notice=campaign_rejected$' "... back to the queue with a notice"
	expect_eq "... it is rejected with the reason" "$(db_sql "SELECT CONCAT(status, '|',
	    reject_reason) FROM campaigns WHERE id = $r")" "rejected|Not allowed here"
	bal1=$(balance_of available "$EID")
	expect_eq "... all its money is back, fee included (0.825)" "$((bal1 - bal0))" 825000
	expect_eq "... its escrow is empty" "$(balance_of escrow "$r")" 0
	spost "$AS" /admin/campaigns/reject "id=$r" "reason=again"
	expect_header Location 'notice=already_decided$' "rejecting it again: already decided"
	expect_eq "... returns nothing more" "$(balance_of available "$EID")" "$bal1"
}

main() {
	EID=$(make_user "$EMP")
	PID=$(make_user "$POOR")
	ES=$(new_session "$EMP")
	PS=$(new_session "$POOR")
	AS=$(new_session admin)
	access
	bad_fields
	preview_escapes
	money
	moderation
	expect_ledger_ok "at the end"
	test_done
}

main "$@"
