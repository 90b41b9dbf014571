#!/bin/bash
#
# t_15_login_guard: who may not log in. An unactivated account is told so
# (only given the right password), a banned one sees the reason until
# unbanned; after 5 failed logins for one account, and after 30 from one
# IP address, the next attempt gets 429 with a time to wait, even with the
# right password; 40 guesses sent at once get exactly 5 tries. kaaj-admin create-admin makes an active admin (and
# refuses a weak password).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

WRONG="Wrong username, e-mail address or password."

unactivated() {
	local jar
	jar=$(jar_new pending)
	reg_user "$jar" waiting >/dev/null
	login_as "$jar" waiting "$ACC_PASSWORD"
	expect_status 200 "login to an unactivated account"
	expect_body "Your account is not activated yet." "... says it is not activated"
	expect_body 'href="/activate/resend"' "... and offers a new link"
	expect_eq "... no session" "$(jar_cookie "$jar" kaaj_session)" ""
	login_as "$jar" waiting@example.test "$ACC_PASSWORD"
	expect_body "Your account is not activated yet." "... by address too"
	login_as "$jar" waiting "a wrong password"
	expect_body "$WRONG" "unactivated with a wrong password: the usual message"
	expect_no_body "not activated" "... which does not tell it exists"
}

banned() {
	local jar other out
	jar=$(jar_new ban)
	other=$(jar_new ban-other)
	make_user rogue
	login_as "$other" rogue "$ACC_PASSWORD"
	expect_eq "rogue logs in" "$(logged_in "$other")" 200
	out=$(kaaj_admin ban rogue "Fake proof on job 12 <script>alert(1)</script>" 2>&1)
	expect_match "kaaj-admin ban rogue" "$out" 'rogue banned'
	expect_eq "the ban ends rogue's sessions" "$(logged_in "$other")" 303
	login_as "$jar" rogue "$ACC_PASSWORD"
	expect_status 200 "a banned user logs in"
	expect_body "This account is banned." "... is told the account is banned"
	expect_body "Reason: Fake proof on job 12 &lt;script&gt;" "... and sees the reason"
	expect_no_xss "the ban reason"
	expect_eq "... no session" "$(jar_cookie "$jar" kaaj_session)" ""
	login_as "$jar" rogue "a wrong password"
	expect_body "$WRONG" "banned with a wrong password: the usual message"
	bget "$jar" /forgot
	bpost "$jar" /forgot "csrf=$(form_value csrf)" email=rogue@example.test
	expect_body "If an account uses that address, we sent it" "a banned user asks for a reset"
	expect_eq "... and gets no mail (only the activation one)" "$(mail_n rogue@example.test)" 1
	expect_no_body "Fake proof" "... and no reason shown"
	out=$(kaaj_admin unban rogue --reason "t15 appeal granted" 2>&1)
	expect_match "kaaj-admin unban rogue" "$out" 'rogue unbanned'
	expect_eq "... active again" "$(user_col rogue status)" active
	login_as "$jar" rogue "$ACC_PASSWORD"
	expect_status 303 "after unban rogue logs in"
	expect_eq "... and the session works" "$(logged_in "$jar")" 200
}

# fail_logins JAR LOGIN N: N failed logins as LOGIN; true if each got the
# usual message.
fail_logins() {
	local i
	for ((i = 1; i <= $3; i++)); do
		login_as "$1" "$2" "wrong password $i"
		[[ $HTTP_STATUS == 200 ]] && grep -qF "$WRONG" "$HTTP_BODY" || return 1
	done
}

account_limit() {
	local jar t0
	jar=$(jar_new limit)
	make_user target
	make_user bystander
	rl_window_guard 15
	check "5 failed logins for one account" fail_logins "$jar" target 5
	t0=$(date +%s)
	login_as "$jar" target "$ACC_PASSWORD"
	expect_error_page 429 "Too many attempts" "the 6th attempt, with the right password"
	expect_header Retry-After '^[1-9][0-9]*$' "... has Retry-After"
	expect_true "... no later than the end of the 15-minute window" \
		"Retry-After: $(http_header Retry-After)" \
		[ "$(http_header Retry-After)" -le $((901 - t0 % 900)) ]
	expect_body "Please wait before you try again." "... the page says to wait"
	expect_body "You can try again in about" "... and for how long"
	expect_eq "... no session" "$(jar_cookie "$jar" kaaj_session)" ""
	login_as "$jar" TARGET "$ACC_PASSWORD"
	expect_status 429 "... TARGET is the same account"
	login_as "$jar" target@example.test "$ACC_PASSWORD"
	expect_status 429 "... and so is its address"
	login_as "$jar" bystander "$ACC_PASSWORD"
	expect_status 303 "another account still logs in from that IP"
}

# 40 wrong passwords for one account sent at once from 127.0.0.17, on 8
# kaaj.fcgi processes: exactly 5 are tried (the account's limit), the
# other 35 get 429. Each attempt is counted before it is judged: the
# address counts all 40, the account the 30 its address let through.
parallel_guesses() {
	local jar csrf i codes
	jar=$(jar_new swarm)
	make_user swarm
	rl_window_guard 15
	db_sql "DELETE FROM rate_limits WHERE bucket = 'login:ip:127.0.0.17'"
	with_fcgi 8
	bget "$jar" /login
	csrf=$(form_value csrf)
	for ((i = 1; i <= 40; i++)); do
		curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" \
			--interface 127.0.0.17 \
			--data-urlencode "csrf=$csrf" --data-urlencode "login=swarm" \
			--data-urlencode "password=wrong guess $i" \
			"$KAAJ_URL/login" &
	done >"$KAAJ_TMP/t15.codes"
	wait
	with_fcgi 1
	codes=$(sort "$KAAJ_TMP/t15.codes" | uniq -c | awk '{printf "%s:%s ", $2, $1}')
	expect_eq "40 guesses at once: 5 tried, 35 refused" "$codes" "200:5 429:35 "
	expect_eq "... all 40 counted for the address" "$(db_sql "SELECT SUM(hits)
	    FROM rate_limits WHERE bucket = 'login:ip:127.0.0.17'")" 40
	expect_eq "... and the 30 it let through for the account" \
		"$(db_sql "SELECT SUM(hits) FROM rate_limits
		    WHERE bucket = 'login:acct:swarm'")" 30
	acc_clear_ip_limits
}

# After 30 failures from 127.0.0.15 (each for a different name, so that
# no account limit is reached), that address is refused, others are not.
ip_limit() {
	local jar i
	jar=$(jar_new ip)
	rl_window_guard 15
	BROWSER_ARGS=(--interface 127.0.0.15)
	db_sql "DELETE FROM rate_limits WHERE bucket = 'login:ip:127.0.0.15'"
	for ((i = 1; i <= 30; i++)); do
		fail_logins "$jar" "guess$i" 1 || break
	done
	expect_eq "30 failed logins from one IP" "$i" 31
	login_as "$jar" bystander "$ACC_PASSWORD"
	expect_error_page 429 "Too many attempts" "the 31st from that IP, right password"
	expect_header Retry-After '^[1-9][0-9]*$' "... has Retry-After"
	BROWSER_ARGS=(--interface 127.0.0.16)
	login_as "$jar" bystander "$ACC_PASSWORD"
	expect_status 303 "the same login from another IP works"
	BROWSER_ARGS=()
}

create_admin() {
	local jar rc out
	jar=$(jar_new root)
	rc=0
	out=$(printf '%s\n' "root's long admin password" |
		kaaj_admin create-admin root2 root2@example.test --reason "t15 root" 2>&1) || rc=$?
	expect_eq "kaaj-admin create-admin root2 exits 0" "$rc" 0
	expect_match "... and says so" "$out" 'admin root2 created'
	expect_eq "root2 is an active admin" \
		"$(db_sql "SELECT CONCAT(status, ' ', is_admin, ' ', activated_at IS NOT NULL)
		    FROM users WHERE username = 'root2'")" "active 1 1"
	login_as "$jar" root2 "root's long admin password"
	expect_status 303 "root2 logs in"
	bget "$jar" /admin
	expect_status 200 "root2 opens /admin"
	expect_body 'href="/admin"' "... and the menu shows Admin"

	for pw in password123 short root3 ""; do
		rc=0
		out=$(printf '%s\n' "$pw" |
			kaaj_admin create-admin root3 root3@example.test --reason t15 2>&1) || rc=$?
		expect_eq "create-admin with the weak password '$pw' exits 2" "$rc" 2
	done
	expect_match "... saying why" "$out" 'password'
	rc=0
	kaaj_admin create-admin root3 root3@example.test --reason t15 </dev/null >/dev/null 2>&1 || rc=$?
	expect_eq "create-admin with nothing on stdin exits 2" "$rc" 2
	rc=0
	printf 'another long password\n' |
		kaaj_admin create-admin root2 other@example.test --reason t15 >/dev/null 2>&1 || rc=$?
	expect_eq "create-admin with a taken username exits 1" "$rc" 1
	expect_eq "none of these created an account" \
		"$(db_sql "SELECT COUNT(*) FROM users WHERE username = 'root3'
		    OR email = 'other@example.test'")" 0
}

main() {
	acc_clear_ip_limits
	unactivated
	banned
	account_limit
	parallel_guesses
	ip_limit
	create_admin
	test_done
}

main "$@"
