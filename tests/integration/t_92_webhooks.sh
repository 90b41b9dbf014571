#!/bin/bash
#
# t_92_webhooks: an employer's webhooks (docs/api.md, "Webhooks"). A hook
# is registered on /settings/api (a non-URL, http:// to a host that is
# not loopback, and no event are refused naming the field, keeping what
# was typed; the signing secret is shown once). A submission, the claim
# that takes a campaign's last slot and a dispute each queue one
# delivery, and kaaj-admin cron POSTs them to a loopback receiver
# (webhooks.allow_http_loopback): the body names the event, its ids and
# the pay as a decimal string, and Kaaj-Signature verifies with the
# secret (and not with another). A receiver answering 500 is tried again
# after growing waits until the delivery fails; a redirect is not
# followed; a slow receiver hits the 10 s timeout; without the switch a
# loopback address is refused when sending. Two crons at once send each
# delivery once. The page lists the deliveries; a deleted hook takes its
# deliveries along. ledger-check passes.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=webhooks.sh
. "$KAAJ_SRCDIR/tests/integration/webhooks.sh"

RUN=$(random_hex 4)
EMP=t92e_$RUN
STRICT_CONF=$KAAJ_TMP/t92-strict.conf
trap close_loopback EXIT

# delivery_of EVENT-ID: the id of the one delivery of that event.
delivery_of() {
	db_sql "SELECT id FROM webhook_deliveries WHERE event_id = '$1'"
}

cp "$KAAJ_CONF" "$STRICT_CONF"
open_loopback

EMP_ID=$(make_user "$EMP")
W1_ID=$(make_user "t92a_$RUN")
make_user "t92b_$RUN" >/dev/null
ES=$(new_session "$EMP")
W1=$(new_session "t92a_$RUN")
W2=$(new_session "t92b_$RUN")

# add_hook URL EVENT...: the hooks form; SECRET is the secret shown.
add_hook() {
	local url=$1 args=() e
	shift
	for e in "$@"; do args+=("hook_$e=1"); done
	spost "$ES" /settings/api/hooks/create "hook_url=$url" "${args[@]}"
	SECRET=$({ grep -o '>whsec_[0-9a-f]*</textarea>' "$HTTP_BODY" || true; } |
		sed 's/^>//; s/<.*$//' | head -n 1)
}

# ------------------------------------------------------------ the form

say "registering a hook"
sget "$ES" /settings/api
expect_status 200 "GET /settings/api"
expect_body 'id="hooks-none"' "... says there are no webhooks yet"
expect_body 'name="hook_dispute" value="1" checked' "... every event ticked for a new one"
add_hook "not a url" submission
expect_status 422 "a hook whose address is no URL"
expect_body 'id="err-hook_url"' "... says which field"
expect_body 'value="not a url"' "... keeps what was typed"
expect_body "Give a web address such as" "... and why"
add_hook "http://example.com/hook" submission
expect_status 422 "an http:// address that is not loopback"
expect_body "must start with https://" "... must be https"
expect_body 'value="http://example.com/hook"' "... keeps what was typed"
add_hook "https://user@example.com/hook" submission
expect_status 422 "an address with a user name"
add_hook "$HOOK_URL"
expect_status 422 "a hook without an event"
expect_body 'id="err-hook_submission"' "... says which field"
expect_eq "no hook was made" "$(db_sql "SELECT COUNT(*) FROM webhooks WHERE user_id = $EMP_ID")" 0

add_hook "$HOOK_URL" submission out_of_slots dispute
expect_status 200 "a hook with every event"
expect_match "the secret is shown: whsec_ and 64 hex digits" "$SECRET" '^whsec_[0-9a-f]{64}$'
HOOK=$(db_sql "SELECT id FROM webhooks WHERE user_id = $EMP_ID")
sget "$ES" /settings/api
expect_no_body "$SECRET" "the page does not show the secret again"
expect_body "id=\"hook-$HOOK\"" "... but lists the hook"

# ------------------------------------------------------------ events

say "events queue deliveries in their transactions"
C1=$(new_campaign 2 0)
claim "$W1" "$C1"
T1=$TASK
expect_eq "a claim that leaves a free slot queues nothing" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries WHERE hook_id = $HOOK")" 0
send_proof "$W1" "$T1"
expect_eq "a submission queues one delivery" \
	"$(db_sql "SELECT event FROM webhook_deliveries WHERE hook_id = $HOOK")" submission.arrived
claim "$W2" "$C1"
T2=$TASK
expect_eq "the claim of the last slot queues campaign.out_of_slots" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries WHERE hook_id = $HOOK
	    AND event = 'campaign.out_of_slots' AND task_id = $T2")" 1
"$PROBE" "$KAAJ_CONF" rate "$T1" not_satisfied >/dev/null
spost "$W1" /tasks/dispute "task=$T1" "message=I did it, please look again ($RUN)."
expect_header Location "notice=dispute_sent" "a dispute is sent"
DISPUTE=$(db_sql "SELECT id FROM disputes WHERE task_id = $T1")
expect_eq "... and queues dispute.opened" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries WHERE hook_id = $HOOK
	    AND event = 'dispute.opened' AND dispute_id = $DISPUTE")" 1

# ------------------------------------------------------------ sending

say "cron sends them, signed"
cron
expect_eq "the receiver got three requests" "$(wc -l <"$RECV_LOG")" 3
expect_eq "... their events, in order" \
	"$(received 'r["headers"]["kaaj-event"]' | tr '\n' ' ')" \
	"submission.arrived campaign.out_of_slots dispute.opened "
expect_eq "... each body names its event" \
	"$(received 'b["event"] == r["headers"]["kaaj-event"]' | sort -u)" True
expect_eq "... as application/json to the hook's path" \
	"$(received 'r["headers"]["content-type"]' 'r["path"]' | sort -u)" \
	"application/json /hook"
PAY=$(db_sql "SELECT pay_per_task FROM campaigns WHERE id = $C1")
PAY_TEXT=$(python3 -c "p = $PAY; s = '%d.%06d' % (p // 10**6, p % 10**6); s = s.rstrip('0'); print(s + '0' * max(0, 2 - len(s.split('.')[1])))")
expect_eq "the submission's body: its ids, the pay as a decimal string" \
	"$(received 'b["id"]' 'b["campaign_id"]' 'b["task_id"]' 'b["worker_id"]' \
		'type(b["pay"]).__name__' 'b["pay"]' | head -n 1)" \
	"submission-$T1-0 $C1 $T1 $W1_ID str $PAY_TEXT"
expect_eq "the dispute's body names the dispute" \
	"$(received 'b.get("dispute_id")' | tail -n 1)" "$DISPUTE"
expect_match "... and when it happened, in UTC" \
	"$(received 'b["created"]' | tail -n 1)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$'
expect_eq "Kaaj-Delivery is the delivery's id" \
	"$(received 'r["headers"]["kaaj-delivery"]' | head -n 1)" \
	"$(delivery_of "submission-$T1-0")"
expect_eq "every signature verifies with the secret" \
	"$(verify "$SECRET" | sort -u)" good
expect_eq "... and none with another secret" \
	"$(verify "whsec_$(random_hex 32)" | sort -u)" bad
expect_eq "the signed time is now, within a minute" \
	"$(received "abs(int(r['headers']['kaaj-signature'][2:12]) - $(date +%s)) < 60" |
		sort -u)" True
expect_eq "the deliveries are done, with the answer kept" \
	"$(db_sql "SELECT DISTINCT CONCAT(status, ' ', attempts, ' ', last_status)
	    FROM webhook_deliveries WHERE hook_id = $HOOK")" "done 1 200"
cron
expect_eq "a second run sends nothing again" "$(wc -l <"$RECV_LOG")" 3
sget "$ES" /settings/api
expect_body "Delivered" "the page shows the deliveries' state"
expect_body "HTTP 200" "... and their answer"

# ------------------------------------------------------------ retries

say "a failing receiver: retries, then failed"
: >"$RECV_LOG"
echo fail >"$RECV_MODE"
C2=$(new_campaign 1 0)
claim "$W1" "$C2"
D=$(delivery_of "out_of_slots-$TASK")
waits=()
for try in 1 2 3 4 5 6; do
	db_sql "UPDATE webhook_deliveries SET next_try_at = UTC_TIMESTAMP()
	    WHERE id = $D AND status = 'queued'" >/dev/null
	cron
	waits+=("$(db_sql "SELECT CONCAT(status, ':', attempts, ':',
	    IF(status = 'queued', ROUND(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(),
	    next_try_at) / 60), '-'), ':', last_status)
	    FROM webhook_deliveries WHERE id = $D")")
done
expect_eq "waits of 1, 5, 30, 120 and 720 minutes, then failed" "${waits[*]}" \
	"queued:1:1:500 queued:2:5:500 queued:3:30:500 queued:4:120:500 queued:5:720:500 failed:6:-:500"
expect_eq "... six tries reached the receiver" "$(wc -l <"$RECV_LOG")" 6
cron
expect_eq "a failed delivery is not tried again" "$(wc -l <"$RECV_LOG")" 6
sget "$ES" /settings/api
expect_body "Failed" "the page shows it failed"
expect_body "HTTP 500" "... with the last answer"

say "a redirect is not followed"
: >"$RECV_LOG"
echo redirect >"$RECV_MODE"
C3=$(new_campaign 1 0)
claim "$W1" "$C3"
D=$(delivery_of "out_of_slots-$TASK")
cron
expect_eq "one request, none to the redirect's target" \
	"$(received 'r["path"]')" /hook
expect_eq "... and it waits for another try" \
	"$(db_sql "SELECT CONCAT(status, ' ', last_status, ' ', last_error)
	    FROM webhook_deliveries WHERE id = $D")" "queued 302 redirect"
db_sql "UPDATE webhook_deliveries SET status = 'done' WHERE id = $D" >/dev/null

say "a slow receiver hits the timeout"
echo slow >"$RECV_MODE"
C4=$(new_campaign 1 0)
claim "$W1" "$C4"
D=$(delivery_of "out_of_slots-$TASK")
start=$(date +%s)
cron
took=$(($(date +%s) - start))
expect_match "cron gave up within the 10 s limit (took ${took}s)" "$took" '^(9|10|11|12)$'
expect_eq "... the delivery waits for another try, as a timeout" \
	"$(db_sql "SELECT CONCAT(status, ' ', attempts, ' ', last_error,
	    ' ', last_status IS NULL) FROM webhook_deliveries WHERE id = $D")" \
	"queued 1 timeout 1"
sget "$ES" /settings/api
expect_body "no answer in 10 seconds" "the page says why"
db_sql "UPDATE webhook_deliveries SET status = 'done' WHERE id = $D" >/dev/null

say "without the switch, loopback is refused when sending"
: >"$RECV_LOG"
echo ok >"$RECV_MODE"
C5=$(new_campaign 1 0)
claim "$W1" "$C5"
D=$(delivery_of "out_of_slots-$TASK")
db_sql "UPDATE webhooks SET url = 'https://127.0.0.1:$PORT/hook'
    WHERE id = $HOOK" >/dev/null
cron "$STRICT_CONF"
expect_eq "nothing reached the receiver" "$(wc -l <"$RECV_LOG")" 0
expect_eq "... the address was refused" \
	"$(db_sql "SELECT CONCAT(status, ' ', last_error)
	    FROM webhook_deliveries WHERE id = $D")" "queued address"
db_sql "UPDATE webhooks SET url = '$HOOK_URL' WHERE id = $HOOK" >/dev/null
db_sql "UPDATE webhook_deliveries SET status = 'done' WHERE id = $D" >/dev/null

# ------------------------------------------------------------ two crons

say "two crons at once send each delivery once"
: >"$RECV_LOG"
echo okslow >"$RECV_MODE"
C6=$(new_campaign 8 0)
for i in 1 2 3 4 5 6 7 8; do
	make_user "t92r${i}_$RUN" >/dev/null
	S=$(new_session "t92r${i}_$RUN")
	claim "$S" "$C6"
	send_proof "$S" "$TASK"
done
N=$(db_sql "SELECT COUNT(*) FROM webhook_deliveries d JOIN tasks t
    ON t.id = d.task_id WHERE t.campaign_id = $C6")
expect_eq "eight submissions and the last slot: nine deliveries" "$N" 9
cron &
c1=$!
cron &
c2=$!
wait "$c1" "$c2"
expect_eq "nine requests reached the receiver" "$(wc -l <"$RECV_LOG")" 9
expect_eq "... each delivery once" \
	"$(received 'r["headers"]["kaaj-delivery"]' | sort | uniq -d | wc -l)" 0
expect_eq "... all of them done" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries d JOIN tasks t
	    ON t.id = d.task_id WHERE t.campaign_id = $C6 AND d.status = 'done'
	    AND d.attempts = 1")" 9

# ------------------------------------------------------------ deleting

say "deleting a hook"
spost "$W1" /settings/api/hooks/delete "hook=$HOOK"
expect_status 404 "another user cannot delete it"
spost "$ES" /settings/api/hooks/delete "hook=$HOOK"
expect_header Location "notice=webhook_deleted" "its owner can"
expect_eq "... its deliveries went with it" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries WHERE hook_id = $HOOK")" 0
C7=$(new_campaign 1 0)
claim "$W1" "$C7"
expect_eq "an owner without hooks queues nothing" \
	"$(db_sql "SELECT COUNT(*) FROM webhook_deliveries d JOIN tasks t
	    ON t.id = d.task_id WHERE t.campaign_id = $C7")" 0

expect_ledger_ok "after the webhooks"
test_done
