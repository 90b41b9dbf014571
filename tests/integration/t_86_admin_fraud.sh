#!/bin/bash
#
# t_86_admin_fraud: the admins' fraud view (/admin/fraud). Each kind of
# signal is made through the site as a fraudster would make it, and must
# appear in its section with links to the users (/admin/users/ID) and
# campaigns (/admin/campaigns/ID) involved, while the innocent activity
# beside it does not:
#  - address: two accounts logging in from one address (not: an account
#    alone on its address);
#  - payout: two users asking withdrawals to one payout account (not: a
#    user with an account of their own);
#  - copy: a worker sending the proof text another worker sent first in
#    another campaign, or in the same one, or the same screenshot (not: a
#    worker sending their own proof again in another campaign);
#  - fast: proof sent right after the claim (not: ten minutes after);
#  - own: an employer approving a worker seen on their own address, also
#    at the old /admin/flags (not: a pair on two addresses);
#  - referral: a referred account on its referrer's address, or its
#    referrer's referrer's, and a referrer on its referred account's (not:
#    a referred account on an address of its own).
# Then the paging (keyset "older", "more"), the answers to bad links, and
# the plan of every statement the signals and the view run (EXPLAIN): a
# range of one key, whatever the site's size (docs/performance.md).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t86e_$RUN
ADM=t86a_$RUN
PNG=$KAAJ_TMP/t86.png
write_png "$PNG"
# Other tests send the same PNG: this run's copy is its own.
printf '%s' "$RUN" >>"$PNG"

db_sql "INSERT INTO users (username, email, password_hash, status, is_admin,
    activated_at) VALUES ('$ADM', '$ADM@t86.invalid', 'x', 'active', 1,
    UTC_TIMESTAMP())" >/dev/null
make_user "$EMP" >/dev/null
AS=$(new_session "$ADM")

# user NAME: make an active user NAME with the demo password; prints its id.
user() {
	local id
	id=$(make_user "$1")
	db_sql "UPDATE users u JOIN users b ON b.username = 'bob'
	    SET u.password_hash = b.password_hash WHERE u.id = $id"
	echo "$id"
}
# signal KIND USER OTHER [TASK]: the id of that signal, or "".
signal() {
	db_sql "SELECT id FROM fraud_signals WHERE kind = '$1' AND user_id = $2
	    AND other_user_id = $3 ${4:+AND task_id = $4}"
}
# section NAME: GET that section's page as the admin.
section() {
	sget "$AS" "/admin/fraud?section=$1"
	expect_status 200 "GET /admin/fraud?section=$1"
}
# listed WHAT ROW-ID USER-ID...: the page lists row ROW-ID, linking to
# each user.
listed() {
	local what=$1 row=$2 u
	shift 2
	expect_body "<tr id=\"$row\">" "$what: listed"
	for u in "$@"; do
		expect_body "href=\"/admin/users/$u\"" "... linking to user $u"
	done
}

# ------------------------------------------------------------ addresses

say "accounts sharing an address"
A1=$(user "t86a1_$RUN")
A2=$(user "t86a2_$RUN")
A3=$(user "t86a3_$RUN")
login_from 127.0.86.1 "t86a1_$RUN" >/dev/null
login_from 127.0.86.1 "t86a2_$RUN" >/dev/null
login_from 127.0.86.2 "t86a3_$RUN" >/dev/null
login_from 127.0.86.1 "t86a2_$RUN" >/dev/null
SID=$(signal address "$A2" "$A1")
[[ -n $SID ]] || die "no address signal for t86a2_$RUN"
expect_eq "a second login from the address adds no signal" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE user_id = $A2")" 1
expect_eq "the first account on an address raises none" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE user_id IN ($A1, $A3)")" 0
section address
listed "the second account on the address" "address-$SID" "$A2" "$A1"
expect_body "<code>127.0.86.1</code>" "... with the address"
expect_no_body "t86a3_$RUN" "an account alone on its address is not listed"

# ------------------------------------------------------------ payout accounts

say "users sharing a payout account"
# withdraw NAME ACCOUNT: NAME (credited first) asks 5.00 to bkash ACCOUNT.
withdraw() {
	local tok
	kaaj_admin credit "$1" 10 --reason "t_86" >/dev/null
	tok=$(new_session "$1")
	spost "$tok" /wallet/withdraw method=bkash "account=$2" amount=5 \
		"request_key=$(random_hex 16)"
	[[ $HTTP_STATUS == 303 ]] || die "withdrawal of $1 answered $HTTP_STATUS"
}
P1=$(user "t86p1_$RUN")
P2=$(user "t86p2_$RUN")
P3=$(user "t86p3_$RUN")
withdraw "t86p1_$RUN" 01786000001
withdraw "t86p3_$RUN" 01786000003
withdraw "t86p2_$RUN" 01786000001
withdraw "t86p2_$RUN" 01786000001
SID=$(signal payout "$P2" "$P1")
[[ -n $SID ]] || die "no payout signal for t86p2_$RUN"
expect_eq "one signal a pair, however many requests" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE user_id = $P2")" 1
expect_eq "a payout account of one's own raises none" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals
	    WHERE $P3 IN (user_id, other_user_id)")" 0
section payout
listed "the second user of the payout account" "payout-$SID" "$P2" "$P1"
expect_body "bkash 01786000001" "... with the account"
expect_no_body "t86p3_$RUN" "a user with their own account is not listed"

# ------------------------------------------------------------ copied proof

say "copied proof, and proof sent too fast"
W1=$(user "t86w1_$RUN")
W2=$(user "t86w2_$RUN")
W3=$(user "t86w3_$RUN")
T1=$(new_session "t86w1_$RUN")
T2=$(new_session "t86w2_$RUN")
T3=$(new_session "t86w3_$RUN")
C1=$(new_campaign 5 0)
C2=$(new_campaign 5 0)
C3=$(new_campaign 5 0)
C4=$(new_campaign 5 1)
C5=$(new_campaign 5 1)
# submit TOKEN CAMPAIGN USERNAME [SHOT]: claim and send proof; sets TASK.
submit() {
	claim "$1" "$2"
	[[ -n $TASK ]] || die "claim of campaign $2 failed ($HTTP_STATUS)"
	if [[ -n ${4:-} ]]; then
		mpost "$1" /tasks/submit "task=$TASK" "username=$3" \
			"file:screenshot=@$4;type=image/png"
	else
		mpost "$1" /tasks/submit "task=$TASK" "username=$3"
	fi
	[[ $HTTP_STATUS == 303 ]] || die "proof for task $TASK answered $HTTP_STATUS"
}
submit "$T1" "$C1" "Copied_$RUN"
FIRST=$TASK
submit "$T2" "$C2" " copied_$RUN "
ACROSS=$TASK
submit "$T3" "$C1" "copied_$RUN"
WITHIN=$TASK
submit "$T1" "$C4" "own1_$RUN" "$PNG"
SHOT1=$TASK
submit "$T2" "$C5" "own2_$RUN" "$PNG"
SHOT2=$TASK
# The worker's own proof again, in another campaign, ten minutes after
# the claim.
claim "$T1" "$C3"
AGAIN=$TASK
db_sql "UPDATE tasks SET claimed_at = UTC_TIMESTAMP() - INTERVAL 10 MINUTE
    WHERE id = $AGAIN"
mpost "$T1" /tasks/submit "task=$AGAIN" "username=copied_$RUN"
[[ $HTTP_STATUS == 303 ]] || die "proof for task $AGAIN answered $HTTP_STATUS"

S_ACROSS=$(signal copy "$W2" "$W1" "$ACROSS")
S_WITHIN=$(signal copy "$W3" "$W1" "$WITHIN")
S_SHOT=$(signal copy "$W2" "$W1" "$SHOT2")
[[ -n $S_ACROSS && -n $S_WITHIN && -n $S_SHOT ]] ||
	die "copy signals missing: across '$S_ACROSS' within '$S_WITHIN' shot '$S_SHOT'"
expect_eq "... each naming the task that sent it first" \
	"$(db_sql "SELECT GROUP_CONCAT(other_task_id ORDER BY id) FROM fraud_signals
	    WHERE id IN ($S_ACROSS, $S_WITHIN, $S_SHOT)")" "$FIRST,$FIRST,$SHOT1"
expect_eq "the first sender's proof raises no copy signal" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE kind = 'copy'
	    AND task_id IN ($FIRST, $SHOT1, $AGAIN)")" 0
section copy
listed "proof copied from another campaign" "copy-$S_ACROSS" "$W2" "$W1"
expect_body "href=\"/admin/campaigns/$C2#task-$ACROSS\"" "... linking to its campaign"
expect_body "href=\"/admin/campaigns/$C1#task-$FIRST\"" "... and to the first one's"
listed "proof copied in the same campaign" "copy-$S_WITHIN" "$W3"
listed "a screenshot copied" "copy-$S_SHOT" "$W2"
expect_body "href=\"/screenshots/$SHOT2\"" "... linking to the screenshot"
expect_no_body "task-$AGAIN\"" "a worker's own proof again is not listed"

S_FAST=$(signal fast "$W1" 0 "$FIRST")
[[ -n $S_FAST ]] || die "no fast signal for task $FIRST"
expect_match "the seconds from claim to proof are kept" \
	"$(db_sql "SELECT seconds FROM fraud_signals WHERE id = $S_FAST")" '^([0-9]|[12][0-9])$'
expect_eq "proof ten minutes after the claim raises none" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE kind = 'fast'
	    AND task_id = $AGAIN")" 0
section fast
listed "proof sent right after the claim" "fast-$S_FAST" "$W1"
expect_body "href=\"/admin/campaigns/$C1#task-$FIRST\"" "... linking to its campaign"
expect_body "seconds after the claim" "... saying how soon"
expect_no_body "task-$AGAIN\"" "proof sent later is not listed"

# ------------------------------------------------------------ own account

say "an employer approving their own second account"
# approve_pair EMPLOYER WORKER EMPLOYER-IP WORKER-IP: both log in from
# their address, the worker does a job of the employer's, who approves it;
# prints the task.
approve_pair() {
	local es ws camp
	user "$1" >/dev/null
	user "$2" >/dev/null
	es=$(login_from "$3" "$1")
	ws=$(login_from "$4" "$2")
	camp=$(EMP=$1 new_campaign 2 0)
	claim "$ws" "$camp"
	mpost "$ws" /tasks/submit "task=$TASK" "username=pair_$RUN" >/dev/null
	spost "$es" /campaigns/rate "id=$camp" "task=$TASK" rating=satisfied
	[[ $(db_sql "SELECT status FROM tasks WHERE id = $TASK") == satisfied ]] ||
		die "approve_pair: task $TASK was not approved"
	echo "$TASK"
}
TS=$(approve_pair "t86s1_$RUN" "t86s2_$RUN" 127.0.86.3 127.0.86.3)
TO=$(approve_pair "t86o1_$RUN" "t86o2_$RUN" 127.0.86.4 127.0.86.5)
FID=$(db_sql "SELECT id FROM fraud_flags WHERE task_id = $TS")
[[ -n $FID ]] || die "no fraud flag for task $TS"
OWN_CAMP=$(db_sql "SELECT campaign_id FROM tasks WHERE id = $TS")
for path in "/admin/fraud?section=own" /admin/flags; do
	sget "$AS" "$path"
	expect_status 200 "GET $path"
	listed "$path: the approval" "flag-$FID" \
		"$(db_sql "SELECT id FROM users WHERE username = 't86s1_$RUN'")" \
		"$(db_sql "SELECT id FROM users WHERE username = 't86s2_$RUN'")"
	expect_body "href=\"/admin/campaigns/$OWN_CAMP#task-$TS\"" "... linking to the campaign"
	expect_no_body "t86o2_$RUN" "... and not the pair on two addresses"
done
expect_eq "the pair on two addresses: not flagged" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_flags WHERE task_id = $TO")" 0

# ------------------------------------------------------------ referrals

say "referral rings"
R1=$(user "t86r1_$RUN")
R2=$(user "t86r2_$RUN")
R3=$(user "t86r3_$RUN")
R4=$(user "t86r4_$RUN")
R5=$(user "t86r5_$RUN")
db_sql "UPDATE users SET referred_by = $R1 WHERE id IN ($R2, $R3, $R5);
    UPDATE users SET referred_by = $R2 WHERE id = $R4"
login_from 127.0.86.6 "t86r1_$RUN" >/dev/null
login_from 127.0.86.6 "t86r2_$RUN" >/dev/null
login_from 127.0.86.7 "t86r3_$RUN" >/dev/null
login_from 127.0.86.6 "t86r4_$RUN" >/dev/null
login_from 127.0.86.8 "t86r5_$RUN" >/dev/null
login_from 127.0.86.8 "t86r1_$RUN" >/dev/null
S_CHILD=$(signal referral "$R2" "$R1")
S_GRAND=$(signal referral "$R4" "$R1")
S_PARENT=$(signal referral "$R4" "$R2")
S_BACK=$(signal referral "$R1" "$R5")
[[ -n $S_CHILD && -n $S_GRAND && -n $S_PARENT && -n $S_BACK ]] ||
	die "referral signals missing: '$S_CHILD' '$S_GRAND' '$S_PARENT' '$S_BACK'"
expect_eq "a referred account on an address of its own raises none" \
	"$(db_sql "SELECT COUNT(*) FROM fraud_signals WHERE kind = 'referral'
	    AND $R3 IN (user_id, other_user_id)")" 0
section referral
listed "a referred account on its referrer's address" "referral-$S_CHILD" "$R2" "$R1"
listed "... on its referrer's referrer's" "referral-$S_GRAND" "$R4" "$R1"
listed "a referrer on its referred account's address" "referral-$S_BACK" "$R1" "$R5"
expect_body "<code>127.0.86.6</code>" "... with the address"
expect_no_body "t86r3_$RUN" "a referred account on its own address is not listed"

# ------------------------------------------------------------ the overview, paging

say "the overview and its paging"
sget "$AS" /admin/fraud
expect_status 200 "GET /admin/fraud"
for s in address payout copy fast own referral; do
	expect_body "<section id=\"$s\">" "the overview has the section $s"
done
listed "the overview shows the newest of each" "referral-$S_BACK" "$R1"
expect_body "<tr id=\"flag-$FID\">" "... and the newest approval"
sget "$AS" /admin
expect_body 'href="/admin/fraud"' "the admin overview links to it"

# Twelve more address signals: the overview shows ten and "more"; the
# section's page shows them all; "older" from the newest leaves it out.
for i in $(seq 1 12); do
	user "t86m${i}_$RUN" >/dev/null
	login_from 127.0.86.9 "t86m${i}_$RUN" >/dev/null
done
NEWEST=$(db_sql "SELECT MAX(id) FROM fraud_signals WHERE kind = 'address'")
sget "$AS" /admin/fraud
expect_body 'id="more-address" href="/admin/fraud?section=address"' \
	"a full section links to more"
expect_eq "... after ten rows" \
	"$(sed -n '/<section id="address">/,/<\/section>/p' "$HTTP_BODY" | grep -c '<tr id="address-')" 10
sget "$AS" "/admin/fraud?section=address&before=$NEWEST"
expect_status 200 "GET ?section=address&before=NEWEST"
expect_no_body "<tr id=\"address-$NEWEST\">" "... starts below it"
NEXT=$(db_sql "SELECT MAX(id) FROM fraud_signals WHERE kind = 'address'
    AND id < $NEWEST")
expect_body "<tr id=\"address-$NEXT\">" "... with the next one"
expect_body 'href="/admin/fraud#address"' "... and links back to all sections"
sget "$AS" "/admin/fraud?section=nosuch"
expect_status 404 "an unknown section: 404"
sget "$AS" "/admin/fraud?section=copy&before=x1"
expect_status 400 "a malformed before: 400"
sget "$(new_session "t86w1_$RUN")" /admin/fraud
expect_status 403 "a user who is not an admin cannot see it"

# ------------------------------------------------------------ plans

say "every statement a range of one key"
# plan SQL: table:type/key of each row of its EXPLAIN, sorted.
plan() {
	db_sql "EXPLAIN $1" | awk -F'\t' '$1 ~ /^[0-9]+$/ {print $3 ":" $4 "/" $6}' | sort | paste -sd' '
}
# sorts SQL: how many rows of its EXPLAIN sort or use a temporary table.
sorts() {
	db_sql "EXPLAIN $1" | grep -c 'filesort\|temporary' || true
}
SIGNALS="SELECT s.id, u.username, o.username, t.campaign_id, c.title,
    ot.campaign_id FROM fraud_signals s FORCE INDEX (kind_id)
    JOIN users u ON u.id = s.user_id
    LEFT JOIN users o ON o.id = s.other_user_id
    LEFT JOIN tasks t ON t.id = s.task_id
    LEFT JOIN campaigns c ON c.id = t.campaign_id
    LEFT JOIN tasks ot ON ot.id = s.other_task_id
    WHERE s.kind = 'address' AND s.id < 9223372036854775807
    ORDER BY s.id DESC LIMIT 51"
expect_eq "a section: fraud_signals by (kind, id), the rest by primary key" \
	"$(plan "$SIGNALS")" \
	"c:eq_ref/PRIMARY o:eq_ref/PRIMARY ot:eq_ref/PRIMARY s:range/kind_id t:eq_ref/PRIMARY u:eq_ref/PRIMARY"
expect_eq "... read in key order, not sorted" "$(sorts "$SIGNALS")" 0
FLAGS="SELECT f.id, e.username, w.username, c.title
    FROM fraud_flags f FORCE INDEX (PRIMARY)
    JOIN tasks t ON t.id = f.task_id JOIN campaigns c ON c.id = t.campaign_id
    JOIN users e ON e.id = f.employer_id JOIN users w ON w.id = f.worker_id
    WHERE f.id < 9223372036854775807 ORDER BY f.id DESC LIMIT 51"
expect_eq "the approvals: fraud_flags by primary key" "$(plan "$FLAGS")" \
	"c:eq_ref/PRIMARY e:eq_ref/PRIMARY f:range/PRIMARY t:eq_ref/PRIMARY w:eq_ref/PRIMARY"
expect_eq "... not sorted" "$(sorts "$FLAGS")" 0
expect_eq "a new address: its accounts by (ip, user_id)" \
	"$(plan "SELECT o.user_id FROM user_addresses o WHERE o.ip = '127.0.86.9'
	    AND o.user_id <> 1 ORDER BY o.user_id DESC LIMIT 5")" "o:range/ip"
expect_eq "... its referral chain: up by primary keys, down by referred_by and the address" \
	"$(plan "SELECT 'referral', u.id, r.id, o.ip FROM users u
	    JOIN users p ON p.id = u.referred_by
	    JOIN users r ON r.id IN (p.id, p.referred_by)
	    JOIN user_addresses o ON o.user_id = r.id AND o.ip = '127.0.86.6'
	    WHERE u.id = $R4
	    UNION ALL (SELECT 'referral', $R1, c.id, o.ip FROM users c
	    JOIN user_addresses o ON o.user_id = c.id AND o.ip = '127.0.86.6'
	    WHERE c.referred_by = $R1 ORDER BY c.id DESC LIMIT 5)")" \
	"c:ref/referred_by o:eq_ref/PRIMARY o:range/ip p:const/PRIMARY r:eq_ref/PRIMARY u:const/PRIMARY"
expect_eq "a withdrawal: the payout account's users by (method, account, user_id)" \
	"$(plan "SELECT DISTINCT o.user_id FROM withdrawals o
	    WHERE o.method = 'bkash' AND o.account = '01786000001'
	    AND o.user_id <> 1 LIMIT 5")" "o:range/payout_account"
expect_eq "a submission: the first mark of its proof by (kind, hash, task_id)" \
	"$(plan "SELECT IF(o.worker_id = 1, 0, o.id)
	    FROM proof_marks m FORCE INDEX (hash_task)
	    JOIN tasks o ON o.id = m.task_id
	    WHERE m.kind = 'text' AND m.hash = UNHEX(SHA2('x', 256))
	    ORDER BY m.task_id LIMIT 1")" "m:ref/hash_task o:eq_ref/PRIMARY"

expect_ledger_ok "after the fraud view's tests"
test_done
