#!/bin/bash
#
# t_17_mail_queue: pages queue their mail and kaaj-admin sends it, so that
# whether an address has an account cannot be told by how long the answer
# takes (issue 11, bug 4). With a sendmail command that takes 3 s,
# /forgot and /activate/resend answer well under that, known address or
# not, with the same page; the queued mail goes out with
# `kaaj-admin mail-send` and with cron, once. A failing command leaves the
# mail queued, tried again after a growing wait, failed after
# mail.max_attempts tries and shown on /admin/mail, whose "send again"
# sends it once the command works (only an admin may see or use it). A
# sender that died mid-try leaves its mail to be claimed again. Two
# overlapping senders send each of many mails exactly once. Old sent rows
# are deleted by cron.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

MAILER=$KAAJ_SRCDIR/tests/integration/maildir-sendmail
SLOW_MS=1500	# an answer that waited for the 3-s command takes longer

# mailer_conf NAME SENDMAIL-COMMAND: print the path of a copy of the
# stack's config whose mail.sendmail is SENDMAIL-COMMAND.
mailer_conf() {
	local conf=$KAAJ_TMP/t17-$1.conf
	cp "$KAAJ_CONF" "$conf"
	conf_set "$conf" sendmail "\"$2\""
	printf '%s\n' "$conf"
}

# wrapper NAME SECONDS: print the path of a sendmail command that waits
# SECONDS, then saves the message as maildir-sendmail does.
wrapper() {
	local f=$KAAJ_TMP/t17-$1-sendmail
	printf '#!/bin/sh\nsleep %s\nexec %s "$@"\n' "$2" "$MAILER" >"$f"
	chmod +x "$f"
	printf '%s\n' "$f"
}

# admin_on CONF ARG...: run kaaj-admin on the config CONF.
admin_on() {
	local conf=$1
	shift
	"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$conf" "$@"
}

# restart_fcgi [CONF]: start kaaj.fcgi again on CONF (default the stack's).
restart_fcgi() {
	fcgi_stop
	KAAJ_CONF=${1:-$KAAJ_CONF} fcgi_start 1
	wait_http_ready /
}

# timed_link_post JAR PATH ADDRESS: post the "mail me a link" form PATH
# (/forgot, /activate/resend) for ADDRESS as JAR; ELAPSED_MS is how long
# the POST took.
timed_link_post() {
	local t0 t1
	bget "$1" "$2"
	t0=${EPOCHREALTIME/./}
	bpost "$1" "$2" "csrf=$(form_value csrf)" "email=$3"
	t1=${EPOCHREALTIME/./}
	ELAPSED_MS=$(((t1 - t0) / 1000))
}

# expect_quick WHAT: the last timed POST took under SLOW_MS.
expect_quick() {
	if ((ELAPSED_MS < SLOW_MS)); then
		ok "$1 answers in $ELAPSED_MS ms"
	else
		fail "$1 answers in under $SLOW_MS ms" "took $ELAPSED_MS ms"
	fi
}

# queue_col ADDRESS COLUMN: COLUMN of the newest queued row to ADDRESS.
queue_col() {
	db_sql "SELECT $2 FROM mail_queue WHERE recipient = '$1'
	    ORDER BY id DESC LIMIT 1"
}

# saved_n ADDRESS: mails saved to ADDRESS, without delivering any.
saved_n() {
	mail_saved_to "$1" | wc -l
}

# make_due ID: the mail's next try is now (instead of minutes ahead).
make_due() {
	db_sql "UPDATE mail_queue SET next_attempt_at = UTC_TIMESTAMP()
	    WHERE id = $1"
}

# Sending is not part of the answer: a 3-s command changes nothing.
not_in_request() {
	local jar conf known body path
	jar=$(jar_new quick)
	make_user t17known
	reg_user "$jar" t17pend >/dev/null
	conf=$(mailer_conf sleepy "$(wrapper sleepy 3) $KAAJ_MAIL_DIR -t -i")
	restart_fcgi "$conf"

	timed_link_post "$jar" /forgot t17known@example.test
	expect_status 200 "POST /forgot for a known address"
	expect_quick "... with a 3-s sendmail,"
	known=$(sed 's/t17known@example.test/ADDRESS/g' "$HTTP_BODY")
	timed_link_post "$jar" /forgot t17ghost@example.test
	expect_quick "POST /forgot for an unknown address"
	body=$(sed 's/t17ghost@example.test/ADDRESS/g' "$HTTP_BODY")
	expect_eq "... the very same page" "$body" "$known"

	timed_link_post "$jar" /activate/resend t17pend@example.test
	expect_status 200 "POST /activate/resend for a pending account"
	expect_quick "... with a 3-s sendmail,"
	known=$(sed 's/t17pend@example.test/ADDRESS/g' "$HTTP_BODY")
	timed_link_post "$jar" /activate/resend t17ghost@example.test
	expect_quick "POST /activate/resend for an unknown address"
	body=$(sed 's/t17ghost@example.test/ADDRESS/g' "$HTTP_BODY")
	expect_eq "... the very same page" "$body" "$known"

	expect_eq "the reset mail is queued, not sent" \
		"$(queue_col t17known@example.test "CONCAT(status, ' ', attempts)")" "queued 0"
	expect_eq "... and so is the activation mail" \
		"$(queue_col t17pend@example.test "CONCAT(status, ' ', attempts)")" "queued 0"
	expect_eq "... nothing was queued for the unknown address" \
		"$(db_sql "SELECT COUNT(*) FROM mail_queue WHERE recipient = 't17ghost@example.test'")" 0
	expect_eq "... and neither went out" \
		"$(saved_n t17known@example.test) $(saved_n t17pend@example.test)" "1 1"
	restart_fcgi

	# The queued mail goes out with kaaj-admin mail-send, once.
	check "kaaj-admin mail-send" kaaj_admin mail-send
	expect_eq "the reset mail and the new activation mail arrived" \
		"$(saved_n t17known@example.test) $(saved_n t17pend@example.test)" "2 2"
	expect_eq "... the queue says sent, after one try, with the text gone" \
		"$(queue_col t17known@example.test "CONCAT(status, ' ', attempts, ' ', LENGTH(body), ' ', sent_at IS NOT NULL)")" \
		"sent 1 0 1"
	path=$(mail_path "$(mail_last_to t17known@example.test)" /reset)
	expect_match "... the reset mail holds its link" "$path" '^/reset\?token=[0-9a-f]{32}$'
	bget "$jar" "$path"
	expect_status 200 "... which works"
	kaaj_admin mail-send >/dev/null
	expect_eq "a second mail-send sends nothing again" \
		"$(saved_n t17known@example.test) $(saved_n t17pend@example.test)" "2 2"

	# cron sends the queue too.
	timed_link_post "$jar" /forgot t17known@example.test
	expect_eq "cron: a new reset mail waits" "$(saved_n t17known@example.test)" 2
	check "kaaj-admin cron" kaaj_admin cron
	expect_eq "... cron sent it" "$(saved_n t17known@example.test)" 3
}

# A command that fails: retried with a growing wait, then failed, shown
# to the admins, and sent again by an admin.
failing_mailer() {
	local jar conf id out left admin user
	jar=$(jar_new fail)
	make_user t17fail
	user=$(new_session t17fail)
	admin=$(new_session admin)
	conf=$(mailer_conf fail "/bin/false")
	conf_set "$conf" max_attempts 3
	conf_set "$conf" retry_minutes 2

	timed_link_post "$jar" /forgot t17fail@example.test
	id=$(queue_col t17fail@example.test id)
	out=$(admin_on "$conf" mail-send 2>/dev/null)
	expect_eq "try 1 with /bin/false" "$out" "sent 0 mails, 1 to try again, 0 failed"
	expect_eq "... the mail stays queued with its error" \
		"$(queue_col t17fail@example.test "CONCAT(status, ' ', attempts, ' ', last_error)")" \
		"queued 1 /bin/false failed with exit status 1"
	left=$(db_sql "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at)
	    FROM mail_queue WHERE id = $id")
	expect_match "... its next try is retry_minutes (2) later ($left s)" "$left" '^1[01][0-9]$|^120$'
	admin_on "$conf" mail-send >/dev/null 2>&1
	expect_eq "... and it is not tried before then" "$(queue_col t17fail@example.test attempts)" 1

	make_due "$id"
	admin_on "$conf" mail-send >/dev/null 2>&1
	left=$(db_sql "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at)
	    FROM mail_queue WHERE id = $id")
	expect_eq "try 2 fails too" "$(queue_col t17fail@example.test "CONCAT(status, ' ', attempts)")" "queued 2"
	expect_match "... and the wait doubled ($left s)" "$left" '^2[0-3][0-9]$|^240$'
	make_due "$id"
	out=$(admin_on "$conf" mail-send 2>/dev/null)
	expect_eq "try 3 of max_attempts 3" "$out" "sent 0 mails, 0 to try again, 1 failed"
	expect_eq "... the mail is failed" "$(queue_col t17fail@example.test status)" failed
	make_due "$id"
	admin_on "$conf" mail-send >/dev/null 2>&1
	expect_eq "... and never tried again" "$(queue_col t17fail@example.test attempts)" 3
	expect_eq "... it never went out" "$(saved_n t17fail@example.test)" 1

	sget "$admin" /admin/mail
	expect_status 200 "GET /admin/mail as an admin"
	expect_body "t17fail@example.test" "... lists the failed mail's address"
	expect_body "Choose a new password" "... its subject"
	expect_body "/bin/false failed with exit status 1" "... its last error"
	expect_body "<tr id=\"mail-$id\"><td data-label=\"To\">t17fail@example.test" "... in the failed list"
	expect_body "name=\"id\" value=\"$id\"" "... with a form to send it again"
	expect_no_body "token=" "... never the mail's link"

	sget "$user" /admin/mail
	expect_status 403 "GET /admin/mail as a user who is not an admin"
	http GET /admin/mail
	expect_status 303 "GET /admin/mail without a session goes to the login"
	spost "$user" /admin/mail/retry "id=$id"
	expect_status 403 "POST /admin/mail/retry as a user who is not an admin"
	http POST /admin/mail/retry -b "kaaj_session=$admin" --data-urlencode "id=$id"
	expect_status 403 "POST /admin/mail/retry without csrf"
	expect_eq "... the mail is still failed" "$(queue_col t17fail@example.test status)" failed

	spost "$admin" /admin/mail/retry "id=$id"
	expect_status 303 "the admin sends it again"
	expect_header Location '/admin/mail\?notice=mail_requeued$' "... back to the list with a notice"
	expect_eq "... queued, with all its tries" \
		"$(queue_col t17fail@example.test "CONCAT(status, ' ', attempts)")" "queued 0"
	spost "$admin" /admin/mail/retry "id=$id"
	expect_header Location '/admin/mail\?notice=mail_not_failed$' "a second click changes nothing"
	sget "$admin" "/admin/mail?notice=mail_requeued"
	expect_body "The mail is queued again." "... the notice shows"
	expect_no_body "<tr id=\"mail-$id\">" "... and is no longer listed as failed"
	check "kaaj-admin mail-send with a working command" kaaj_admin mail-send
	expect_eq "the mail arrived" "$(saved_n t17fail@example.test)" 2
	kaaj_admin mail-send >/dev/null
	expect_eq "... once" "$(saved_n t17fail@example.test)" 2
	expect_eq "... and is sent" "$(queue_col t17fail@example.test status)" sent
}

# A sender that died during a try: its claim runs out and the mail is
# claimed again (or failed when that was its last try).
dead_sender() {
	local id
	db_sql "INSERT INTO mail_queue (recipient, subject, body, status, attempts,
	    next_attempt_at) VALUES ('t17dead@example.test', 'Dead sender',
	    'body', 'sending', 1, UTC_TIMESTAMP() + INTERVAL 5 MINUTE)"
	id=$(queue_col t17dead@example.test id)
	kaaj_admin mail-send >/dev/null
	expect_eq "a mail another sender holds is left alone" \
		"$(queue_col t17dead@example.test "CONCAT(status, ' ', attempts)")" "sending 1"
	make_due "$id"
	kaaj_admin mail-send >/dev/null
	expect_eq "... once its claim ran out, it is sent" \
		"$(queue_col t17dead@example.test "CONCAT(status, ' ', attempts)")" "sent 2"
	expect_eq "... and arrives" "$(saved_n t17dead@example.test)" 1
	db_sql "INSERT INTO mail_queue (recipient, subject, body, status, attempts,
	    next_attempt_at) VALUES ('t17last@example.test', 'Last try',
	    'body', 'sending', 5, UTC_TIMESTAMP())"
	kaaj_admin mail-send >/dev/null
	expect_eq "a mail whose sender died in its last try is failed" \
		"$(queue_col t17last@example.test "CONCAT(status, ' ', attempts)")" "failed 5"
	expect_eq "... and not sent" "$(saved_n t17last@example.test)" 0
	db_sql "DELETE FROM mail_queue WHERE recipient = 't17last@example.test'"
}

# Two senders at once over many mails: each goes out exactly once.
overlap() {
	local conf n=60 out1 out2 rc1=0 rc2=0 pid1 pid2 once sent
	conf=$(mailer_conf slow "$(wrapper slow 0.05) $KAAJ_MAIL_DIR -t -i")
	db_sql "INSERT INTO mail_queue (recipient, subject, body, next_attempt_at)
	    SELECT CONCAT('t17race', seq, '@example.test'), CONCAT('Race ', seq),
	    CONCAT('body ', seq), UTC_TIMESTAMP() FROM seq_0_to_$((n - 1))"
	admin_on "$conf" mail-send >"$KAAJ_TMP/t17-out1" 2>&1 &
	pid1=$!
	admin_on "$conf" mail-send >"$KAAJ_TMP/t17-out2" 2>&1 &
	pid2=$!
	wait "$pid1" || rc1=$?
	wait "$pid2" || rc2=$?
	out1=$(cat "$KAAJ_TMP/t17-out1")
	out2=$(cat "$KAAJ_TMP/t17-out2")
	expect_eq "two kaaj-admin mail-send at once both succeed" "$rc1 $rc2" "0 0"
	say "  (first: $out1; second: $out2)"
	sent=$(($(sed -n 's/^sent \([0-9]*\) mails.*/\1/p' <<<"$out1") +
		$(sed -n 's/^sent \([0-9]*\) mails.*/\1/p' <<<"$out2")))
	expect_eq "... they sent $n mails between them" "$sent" "$n"
	# How many of t17race0 .. t17race(n-1) got exactly one mail.
	once=$(mail_index | awk -F'\t' -v n="$n" '
		$2 ~ /^t17race[0-9]+@example\.test$/ {
			i = substr($2, 8, index($2, "@") - 8)
			if (i + 0 < n) got[i]++
		}
		END { for (i in got) once += got[i] == 1; print once + 0 }')
	expect_eq "... each of the $n arrived exactly once" "$once" "$n"
	expect_eq "... each sent after one try" "$(db_sql "SELECT COUNT(*)
	    FROM mail_queue WHERE recipient LIKE 't17race%'
	    AND status = 'sent' AND attempts = 1")" "$n"
}

# cron deletes sent rows older than mail.keep_sent_days, and only those.
purge() {
	db_sql "UPDATE mail_queue SET sent_at = UTC_TIMESTAMP() - INTERVAL 31 DAY
	    WHERE recipient = 't17race0@example.test'"
	db_sql "UPDATE mail_queue SET sent_at = UTC_TIMESTAMP() - INTERVAL 29 DAY
	    WHERE recipient = 't17race1@example.test'"
	kaaj_admin cron >/dev/null
	expect_eq "cron deletes a row sent 31 days ago, keeps one of 29 days" \
		"$(db_sql "SELECT COUNT(*) FROM mail_queue
		    WHERE recipient IN ('t17race0@example.test', 't17race1@example.test')")" 1
	expect_eq "... the one of 29 days" \
		"$(db_sql "SELECT COUNT(*) FROM mail_queue WHERE recipient = 't17race1@example.test'")" 1
}

main() {
	acc_clear_ip_limits
	not_in_request
	failing_mailer
	dead_sender
	overlap
	purge
	test_done
}

main "$@"
