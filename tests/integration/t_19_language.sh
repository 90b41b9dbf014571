#!/bin/bash
#
# t_19_language: the language of a page and everything that follows it.
# kaaj.fcgi runs here on a copy of the templates with a test-only
# lang/bn.hdf (en.hdf with a few marked texts), so nothing below depends
# on the wording of the real Bengali file. A page's language is the
# user's profile language, else the kaaj_lang cookie, else the best match
# of Accept-Language, else the default, and <html lang> names it. The
# switch on every page sets the cookie (and a user's profile language)
# and goes back only to a local page. Job types' labels, descriptions,
# field texts and choices come from the page's language; mails from the
# recipient's. The texts a site admin writes for users in kaaj.conf (a
# deposit method's instructions, a payout method's account_hint) come in
# the page's language where the method has one (instructions_bn), else
# plain. Bengali digits are read in amounts and numbers typed into
# forms, and with site.digits = "bengali" the Bengali pages show theirs.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

RUN=$(random_hex 4)
TPL=$KAAJ_TMP/t19-templates
CONF=$KAAJ_TMP/t19.conf
USR=t19u_$RUN		# a user whose profile language changes
EMP=t19e_$RUN		# posts a job and deposits

# make_templates: the copy of templates/ with the test's bn.hdf.
make_templates() {
	rm -rf "$TPL"
	cp -r "$KAAJ_SRCDIR/templates" "$TPL"
	{
		cat "$KAAJ_SRCDIR/templates/lang/en.hdf"
		cat <<'EOF'
Lang.LanguageName.bn = T19-Bangla
Lang.Home.Title = T19-BN-HOME
Lang.Mail.reset.Subject = T19-BN-RESET
Lang.JobType.survey.label = T19-BN-SURVEY
Lang.JobType.survey.description = T19-BN-SURVEY-DESC
Lang.JobType.survey.field.minutes.label = T19-BN-MINUTES
Lang.JobType.survey.field.minutes.help = T19-BN-MINUTES-HELP
Lang.JobType.signup.field.action.choice.register = T19-BN-REGISTER
EOF
	} >"$TPL/lang/bn.hdf"
}

# restart_fcgi [CONF]: start kaaj.fcgi again on CONF (default the stack's).
restart_fcgi() {
	fcgi_stop
	KAAJ_CONF=${1:-$KAAJ_CONF} fcgi_start 1
	wait_http_ready /
}

# page_lang: the lang attribute of the last page's <html>.
page_lang() {
	grep -o '<html lang="[^"]*"' "$HTTP_BODY" | sed -e 's/.*="//' -e 's/"$//' |
		head -n 1 || true
}

# expect_lang LANG WHAT: the last page is in LANG, by <html lang> and by
# its language switch, which offers the other language.
expect_lang() {
	expect_eq "$2: <html lang>" "$(page_lang)" "$1"
	if [[ $1 == bn ]]; then
		expect_body 'value="en" lang="en">English<' "$2: offers English"
	else
		expect_body 'value="bn" lang="bn">T19-Bangla<' "$2: offers Bengali"
	fi
}

# Bengali digits, for grep -E in any locale.
BD='(০|১|২|৩|৪|৫|৬|৭|৮|৯)'

# body_re REGEX WHAT: the last body matches the extended REGEX.
body_re() {
	if grep -Eq -- "$1" "$HTTP_BODY"; then
		ok "$2"
	else
		fail "$2" "body does not match: $1"
		show_response
	fi
}

# no_body_re REGEX WHAT: the last body does not match the extended REGEX.
no_body_re() {
	if grep -Eq -- "$1" "$HTTP_BODY"; then
		fail "$2" "body matches: $1"
		show_response
	else
		ok "$2"
	fi
}

# insert_user NAME LANG: an active user NAME with profile language LANG.
insert_user() {
	db_sql "INSERT INTO users (username, email, password_hash, country,
	    language, status) VALUES ('$1', '$1@t19.invalid', 'x', 'BD', '$2',
	    'active'); SELECT LAST_INSERT_ID()"
}

# ------------------------------------------------------------ choosing

default_and_accept() {
	http GET /
	expect_status 200 "GET / with no preference"
	expect_lang en "GET / with no preference"
	expect_no_body 'T19-BN-HOME' "... the English texts"
	http GET / -H 'Accept-Language: bn-BD,bn;q=0.9,en;q=0.8'
	expect_lang bn "Accept-Language bn-BD"
	expect_body 'T19-BN-HOME' "... the Bengali texts"
	http GET / -H 'Accept-Language: fr, en;q=0.5, bn;q=0.4'
	expect_lang en "Accept-Language fr, en;q=0.5, bn;q=0.4"
	http GET / -H 'Accept-Language: en;q=0.2, bn;q=0.9'
	expect_lang bn "Accept-Language en;q=0.2, bn;q=0.9"
	http GET / -H 'Accept-Language: bn;q=0'
	expect_lang en "Accept-Language bn;q=0"
	http GET / -H 'Accept-Language: bn;q=7, zz'
	expect_lang en "a malformed Accept-Language"
	http GET / -H "Accept-Language: $(printf 'fr, %.0s' {1..700})bn"
	expect_status 200 "a huge Accept-Language"
	expect_lang en "... is read no further than its start"
}

cookie() {
	http GET / -b 'kaaj_lang=bn' -H 'Accept-Language: en'
	expect_lang bn "the kaaj_lang cookie over Accept-Language"
	http GET / -b 'kaaj_lang=zz' -H 'Accept-Language: bn'
	expect_lang bn "an unknown kaaj_lang is ignored"
	http GET / -b 'kaaj_lang=../en'
	expect_status 200 "a hostile kaaj_lang"
	expect_lang en "... is ignored"
}

profile() {
	local tok
	insert_user "$USR" en >/dev/null
	tok=$(new_session "$USR")
	http GET / -b "kaaj_session=$tok; kaaj_lang=bn" -H 'Accept-Language: bn'
	expect_lang en "a user's profile language over cookie and Accept-Language"
	db_sql "UPDATE users SET language = 'bn' WHERE username = '$USR'"
	sget "$tok" /wallet
	expect_lang bn "the profile language bn"
	# The switch saves a user's choice in the profile (a POST with CSRF).
	spost "$tok" /language lang=en next=/wallet
	expect_status 303 "a user's switch to English"
	expect_header Location '/wallet$' "... back to the page"
	expect_eq "... saved in the profile" \
		"$(db_sql "SELECT language FROM users WHERE username = '$USR'")" en
	sget "$tok" /wallet
	expect_lang en "... and used"
	http POST /language -b "kaaj_session=$tok" --data-urlencode lang=bn \
		--data-urlencode next=/
	expect_status 403 "the switch without a CSRF token"
	expect_eq "... changes nothing" \
		"$(db_sql "SELECT language FROM users WHERE username = '$USR'")" en
}

# ------------------------------------------------------------ the switch

# switch_to JAR LANG NEXT: press the switch's LANG button on a page as JAR.
switch_to() {
	bget "$1" /jobtypes
	bpost "$1" /language "csrf=$(form_value csrf)" "lang=$2" "next=$3"
}

switch() {
	local jar
	jar=$(jar_new t19)
	bget "$jar" /jobtypes
	expect_body 'action="/language"' "every page has the language switch"
	expect_body 'name="lang" value="bn" lang="bn">T19-Bangla<' \
		"... offering Bengali by its own name"
	expect_no_body 'name="lang" value="en"' "... and not the page's language"
	expect_value next /jobtypes "... coming back to this page"
	bget "$jar" '/?sort=pay'
	expect_value next '/?sort=pay' "... with its query"
	switch_to "$jar" bn '/?sort=pay'
	expect_status 303 "a visitor switches to Bengali"
	expect_header Location '^/\?sort=pay$' "... back to the page they were on"
	expect_header Set-Cookie '^kaaj_lang=bn; Path=/;' "... with the kaaj_lang cookie"
	bget "$jar" /
	expect_lang bn "... and the next page is in Bengali"
	expect_body 'name="lang" value="en" lang="en">English<' "... offering English"
	local next
	for next in //evil.example/x https://evil.example/ '/\evil.example' \
		$'/\r\nSet-Cookie: x=1' /jobs/abc /campaigns/preview '' nothing; do
		switch_to "$jar" en "$next"
		expect_status 303 "the switch with next=$(printf %q "$next")"
		expect_header Location '^/$' "... goes to the home page, not there"
	done
	switch_to "$jar" zz /
	expect_status 400 "the switch to a language the site lacks"
	bpost "$jar" /language lang=bn next=/
	expect_status 403 "the switch without a CSRF token"
}

# ------------------------------------------------------------ plugin texts

plugin_texts() {
	local tok
	http GET /jobtypes -b 'kaaj_lang=bn'
	expect_body 'T19-BN-SURVEY' "a job type's label in Bengali"
	expect_body 'T19-BN-SURVEY-DESC' "... and its description"
	expect_body 'T19-BN-MINUTES' "... and a field's label"
	http GET /jobtypes
	expect_no_body 'T19-BN-SURVEY' "... English pages keep the plugin's label"
	expect_body 'Answer a survey' "... which is the fallback"
	http GET / -b 'kaaj_lang=bn'
	body_re '<option value="survey"[^>]*>T19-BN-SURVEY<' "the board's job-type filter in Bengali"
	http GET /
	body_re '<option value="survey"[^>]*>Answer a survey<' "... and in English"
	tok=$(new_session "$USR")
	db_sql "UPDATE users SET language = 'bn' WHERE username = '$USR'"
	sget "$tok" '/campaigns/new?type=survey'
	expect_body 'T19-BN-MINUTES-HELP' "the campaign form shows a field's help in Bengali"
	expect_body 'Survey URL' "... and the plugin's English where the language has none"
	sget "$tok" '/campaigns/new?type=signup'
	body_re 'value="register"[^>]*>T19-BN-REGISTER<' "... and a choice's label"
	db_sql "UPDATE users SET language = 'en' WHERE username = '$USR'"
}

# ------------------------------------------------------------ mails

mails() {
	local jar
	insert_user "t19bn_$RUN" bn >/dev/null
	insert_user "t19en_$RUN" en >/dev/null
	jar=$(jar_new t19mail)
	bget "$jar" /forgot
	bpost "$jar" /forgot "csrf=$(form_value csrf)" "email=t19bn_$RUN@t19.invalid"
	expect_status 200 "an English page asks for a Bengali user's reset link"
	expect_eq "... the mail is in the recipient's language" \
		"$(db_sql "SELECT subject FROM mail_queue
		    WHERE recipient = 't19bn_$RUN@t19.invalid'")" T19-BN-RESET
	bget "$jar" /forgot -H 'Accept-Language: bn'
	bpost "$jar" /forgot "csrf=$(form_value csrf)" "email=t19en_$RUN@t19.invalid" \
		-- -H 'Accept-Language: bn'
	expect_lang bn "a Bengali page asks for an English user's reset link"
	expect_eq "... the mail is in English" \
		"$(db_sql "SELECT subject FROM mail_queue
		    WHERE recipient = 't19en_$RUN@t19.invalid'")" 'Choose a new password'
}

# ------------------------------------------------------------ config texts

# set_methods: the test's payout and deposit methods in $CONF in place of
# the sample's: bkash with Bengali texts, nagad without.
set_methods() {
	sed -i -e '/^payouts = {/,/^};/d' -e '/^deposits = {/,/^};/d' "$CONF"
	cat >>"$CONF" <<'EOF'
payouts = { methods = (
	{ name = "bkash"; label = "bKash"; min = "2.00"; max = "500";
	  account_hint = "T19-EN-BKASH-HINT"; account_hint_bn = "T19-BN-BKASH-HINT"; },
	{ name = "nagad"; label = "Nagad"; min = "2.00"; max = "500";
	  account_hint = "T19-PLAIN-NAGAD-HINT"; }
); };
deposits = { methods = (
	{ name = "bkash"; label = "bKash"; min = "1.00";
	  instructions = "T19-EN-BKASH-SEND"; instructions_bn = "T19-BN-BKASH-SEND"; },
	{ name = "nagad"; label = "Nagad"; min = "1.00";
	  instructions = "T19-PLAIN-NAGAD-SEND"; }
); };
EOF
}

# expect_texts PAGE LANG: the last page, PAGE, shows the method texts of
# LANG (en or bn), and the plain ones of the method that has none in LANG.
expect_texts() {
	local own=EN other=BN
	[[ $2 == bn ]] && own=BN other=EN
	expect_body "T19-$own-BKASH-HINT" "$1 in $2: bkash's account hint in $2"
	expect_no_body "T19-$other-BKASH-HINT" "... not the other language's"
	expect_body 'T19-PLAIN-NAGAD-HINT' "... nagad's plain hint, having none in $2"
	[[ $1 == /wallet ]] || return 0
	expect_body "T19-$own-BKASH-SEND" "... bkash's deposit instructions in $2"
	expect_no_body "T19-$other-BKASH-SEND" "... not the other language's"
	expect_body 'T19-PLAIN-NAGAD-SEND' "... nagad's plain instructions, having none in $2"
}

config_texts() {
	local tok bad=$KAAJ_TMP/t19-badlang.conf out rc=0
	tok=$(new_session "$USR")
	db_sql "UPDATE users SET language = 'bn' WHERE username = '$USR'"
	sget "$tok" /wallet
	expect_texts /wallet bn
	sget "$tok" /settings
	expect_texts /settings bn
	db_sql "UPDATE users SET language = 'en' WHERE username = '$USR'"
	sget "$tok" /wallet
	expect_texts /wallet en
	sget "$tok" /settings
	expect_texts /settings en
	sed -e 's/account_hint_bn =/account_hint_xx =/' "$CONF" >"$bad"
	out=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$bad" check-config 2>&1) || rc=$?
	expect_eq "check-config refuses a text for a language the site lacks" "$rc" 1
	expect_match "... naming file, line and key" "$out" \
		"$bad:[0-9]+: account_hint_xx: the site has no language xx"
}

# ------------------------------------------------------------ digits typed

deposit_digits() {
	local tok id
	id=$(insert_user "$EMP" en)
	tok=$(new_session "$EMP")
	spost "$tok" /wallet/deposit method=bkash 'amount=২৫.৫০' "txn_ref=BN$RUN"
	expect_status 303 "a deposit of ২৫.৫০"
	expect_eq "... recorded as 25.50" \
		"$(db_sql "SELECT amount FROM deposits WHERE user_id = $id
		    AND txn_ref = 'BN$RUN'")" 25500000
	spost "$tok" /wallet/deposit method=bkash 'amount=২5' "txn_ref=MX$RUN"
	expect_status 200 "a deposit of mixed digits ২5"
	expect_body 'Enter the amount as a plain number' "... gets the plain-number message"
	expect_value amount '২5' "... keeping what was typed"
}

campaign_digits() {
	local tok id key args
	tok=$(new_session "$EMP")
	kaaj_admin credit "$EMP" 10 --reason "t19 funds" >/dev/null
	args=(type=survey "title=T19 survey $RUN"
		"instructions=Answer the survey and copy the code it shows."
		"proof_instructions=The completion code." 'slots=৩' 'pay=০.২৫'
		countries_mode=all 'minutes=৬০' 'days=৭' 'min_success=০'
		x_survey_url=https://example.com/survey 'x_minutes=৪৫')
	spost "$tok" /campaigns/preview "${args[@]}"
	expect_status 200 "a campaign typed with Bengali digits"
	expect_no_body 'class="error"' "... has no error"
	expect_body '<dd id="p-pay">0.25 USD' "... and previews pay 0.25"
	key=$(grep -o 'name="create_key" value="[0-9a-f]*"' "$HTTP_BODY" |
		sed -e 's/.*value="//' -e 's/"$//' | head -n 1 || true)
	spost "$tok" /campaigns/create "${args[@]}" "create_key=$key"
	expect_status 303 "... is created"
	id=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\).*|\1|p')
	expect_eq "... with 3 slots of 0.25 for 60 minutes" \
		"$(db_sql "SELECT CONCAT_WS('|', slots_total, pay_per_task, minutes_to_finish)
		    FROM campaigns WHERE id = ${id:-0}")" "3|250000|60"
	expect_eq "... and the plugin's number stored as 45" \
		"$(db_sql "SELECT value FROM campaign_fields
		    WHERE campaign_id = ${id:-0} AND name = 'minutes'")" 45
	args[${#args[@]} - 1]='x_minutes=৪5'
	spost "$tok" /campaigns/preview "${args[@]}"
	expect_status 200 "a plugin number of mixed digits ৪5"
	expect_body 'id="err-x_minutes"' "... is refused at its field"
	expect_value x_minutes '৪5' "... keeping what was typed"
}

# ------------------------------------------------------------ digits shown

digits_shown() {
	local conf=$KAAJ_TMP/t19-digits.conf bad=$KAAJ_TMP/t19-bad.conf out rc=0
	cp "$CONF" "$conf"
	conf_set "$conf" digits '"bengali"'
	cp "$CONF" "$bad"
	conf_set "$bad" digits '"arabic"'
	out=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$bad" check-config 2>&1) || rc=$?
	expect_eq "check-config refuses site.digits = \"arabic\"" "$rc" 1
	expect_match "... naming the key" "$out" 'site\.digits must be "latin" or "bengali"'
	restart_fcgi "$conf"
	http GET / -b 'kaaj_lang=bn'
	body_re "<span class=\"pay\">$BD+\\.$BD+ USD" "site.digits bengali: amounts in Bengali digits"
	no_body_re '<span class="pay">[0-9]' "... and no latin ones"
	body_re 'href="/jobs/[0-9]+"' "... while links keep latin digits"
	http GET /
	body_re '<span class="pay">[0-9]+\.[0-9]+ USD' "... English pages keep latin digits"
	restart_fcgi "$CONF"
	http GET / -b 'kaaj_lang=bn'
	body_re '<span class="pay">[0-9]+\.[0-9]+ USD' "site.digits latin: Bengali pages keep latin digits"
}

main() {
	make_templates
	cp "$KAAJ_CONF" "$CONF"
	conf_set "$CONF" templates "\"$TPL\""
	set_methods
	restart_fcgi "$CONF"
	# Whatever happens, the tests after this one get the stack's kaaj.fcgi.
	trap 'restart_fcgi' EXIT
	acc_clear_ip_limits
	default_and_accept
	cookie
	profile
	switch
	plugin_texts
	mails
	config_texts
	deposit_digits
	campaign_digits
	digits_shown
	test_done
}

main "$@"
