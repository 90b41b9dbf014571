#!/bin/bash
#
# t_24_api_flow: an employer's whole flow through the API (docs/api.md):
# a key and a webhook made in Settings; a campaign with one item per slot
# created with POST /api/v1/campaigns; two workers claim and send proof
# through the pages, each seeing their own item; kaaj-admin cron delivers
# submission.arrived and campaign.out_of_slots to a loopback receiver,
# signed so that the signature verifies with the hook's secret; the
# employer lists the submissions, rates them, pays a bonus and downloads
# the results CSV joined with the items, all with the key; the balances
# add up and ledger-check passes.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=api.sh
. "$KAAJ_SRCDIR/tests/integration/api.sh"
# shellcheck source-path=SCRIPTDIR source=webhooks.sh
. "$KAAJ_SRCDIR/tests/integration/webhooks.sh"

RUN=$(random_hex 3)
EMP=t24e_$RUN
trap close_loopback EXIT
open_loopback

say "the employer's key and webhook, made in Settings"
EMP_ID=$(make_user "$EMP")
TOK=$(new_session "$EMP")
kaaj_admin credit "$EMP" 10 --reason "t24 deposit" >/dev/null
make_key "shop script" read post rate pay
KEY=$NEW_KEY
check "a key with every scope" test -n "$KEY"
spost "$TOK" /settings/api/hooks/create "hook_url=$HOOK_URL" hook_submission=1 \
	hook_out_of_slots=1 hook_dispute=1
SECRET=$({ grep -o '>whsec_[0-9a-f]*</textarea>' "$HTTP_BODY" || true; } |
	sed 's/^>//; s/<.*$//' | head -n 1)
check "a webhook with its secret shown once" test -n "$SECRET"

say "a campaign with one item per slot, through the API"
api_post /api/v1/campaigns "$KEY" '{"type":"signup","title":"T24 shop sign-ups '"$RUN"'",
 "instructions":"Open {{shop}} and create an account with your own e-mail.",
 "proof_instructions":"The username you chose.","slots":2,"pay":"0.50",
 "countries_mode":"all","minutes":60,"days":7,"min_success":0,
 "items_csv":"shop\nhttps://one.example/join\nhttps://two.example/join\n",
 "x_signup_url":"https://example.com/join","x_action":"register"}' "t24-$RUN"
expect_status 201 "POST /api/v1/campaigns with items_csv"
C=$(json j.id)
expect_eq "... 2 slots, one an item, 0.50 each, 1.00 in escrow" \
	"$(json '[j.slots, j.pay, j.escrow].join(" ")')" "2 0.50 1.00"

say "two workers claim and send proof through the pages"
declare -a WT WID TASKS
for i in 1 2; do
	WID[i]=$(make_user "t24w${i}_$RUN")
	WT[i]=$(new_session "t24w${i}_$RUN")
	claim "${WT[i]}" "$C"
	TASKS[i]=$TASK
	sget "${WT[i]}" "/tasks/$TASK"
	expect_match "worker $i sees an item of their own" "$(cat "$HTTP_BODY")" \
		'https://(one|two)\.example/join'
	send_proof "${WT[i]}" "$TASK"
done
expect_eq "the two got different items" \
	"$(db_sql "SELECT COUNT(DISTINCT row_no) FROM campaign_items
	    WHERE campaign_id = $C AND task_id IS NOT NULL")" 2

say "the webhooks, delivered by cron and signed"
cron
expect_eq "the receiver got: two submissions and the campaign out of slots" \
	"$(received 'r["headers"]["kaaj-event"]' | sort | tr '\n' ' ')" \
	"campaign.out_of_slots submission.arrived submission.arrived "
expect_eq "... every signature verifies with the hook's secret" \
	"$(verify "$SECRET" | sort -u)" good
expect_eq "... and none with another secret" \
	"$(verify "whsec_$(random_hex 32)" | sort -u)" bad
expect_eq "... the submissions name this campaign's tasks" \
	"$(received 'b.get("task_id")' | sort -n | tr '\n' ' ')" \
	"$(printf '%s\n' "${TASKS[1]}" "${TASKS[2]}" "${TASKS[2]}" | sort -n | tr '\n' ' ')"

say "the employer rates, pays a bonus and downloads the results, with the key"
api GET "/api/v1/campaigns/$C/submissions" "$KEY"
expect_eq "two submissions wait" "$(json 'j.submissions.map(s => s.id).join(" ")')" \
	"${TASKS[1]} ${TASKS[2]}"
before=$(balance_by_name "t24w1_$RUN")
api_post /api/v1/submissions/rate "$KEY" '{"ids":['"${TASKS[1]},${TASKS[2]}"'],"rating":"satisfied"}'
expect_eq "both rated satisfied at once" "$(json 'j.rated.join(" ")')" "${TASKS[1]} ${TASKS[2]}"
api_post "/api/v1/submissions/${TASKS[1]}/bonus" "$KEY" '{"amount":"0.25"}'
expect_eq "a bonus of 0.25" "$HTTP_STATUS $(json j.bonus)" "200 0.25"
check "worker 1 was paid the task and the bonus" \
	test "$(balance_by_name "t24w1_$RUN")" -gt "$before"
api GET "/api/v1/campaigns/$C/results.csv" "$KEY"
expect_status 200 "GET the results CSV with the key"
expect_eq "... as text/csv" "$(http_header Content-Type | cut -d';' -f1)" text/csv
expect_eq "... a header and one row an item" "$(wc -l <"$HTTP_BODY")" 3
expect_match "... each item with its worker and state" "$(cat "$HTTP_BODY")" \
	"https://(one|two)\\.example/join.*t24w[12]_$RUN.*satisfied"
api GET "/api/v1/campaigns/$C/results.csv"
expect_problem 401 no_key "... not without a key"
api GET /api/v1/account "$KEY"
micro=$(db_sql "SELECT balance FROM ledger_accounts WHERE kind = 'available'
    AND owner_id = $EMP_ID")
expect_eq "the account's balance is the ledger's, to the last digit" \
	"$(json j.balance.available)" \
	"$(python3 -c "p = $micro; s = '%d.%06d' % (p // 10**6, p % 10**6); s = s.rstrip('0'); print(s + '0' * max(0, 2 - len(s.split('.')[1])))")"
check "... less than the 10.00 deposited" test "$micro" -lt 10000000

expect_ledger_ok "at the end"
trap - EXIT
close_loopback
test_done
