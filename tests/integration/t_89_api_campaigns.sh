#!/bin/bash
#
# t_89_api_campaigns: the JSON API's job types, campaigns and submissions
# (docs/api.md), driven with a key only, against the same core as the
# pages:
#  - GET /api/v1/jobtypes lists every loaded plugin with its campaign and
#    proof fields, from the declarations;
#  - a campaign created with POST /api/v1/campaigns and one created with
#    the page's form from the same values leave identical rows (campaign,
#    its fields, its ledger lines); the same Idempotency-Key again gives
#    the same campaign and charges once; each kind of bad body (not JSON,
#    not an object, a fraction for money, a wrong field, no key header,
#    wrong Content-Type) is a problem that names the field;
#  - list (keyset paging), get, pause, resume, add slots (once per key),
#    stop; another user's campaign is 404;
#  - workers claim and send proof through the pages; the submissions
#    list by state with keyset paging and proof; rate one, rate many
#    (rated, skipped, refused), a bonus (once), block and unblock;
#  - scopes: a read key cannot post; ledger-check passes at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=api.sh
. "$KAAJ_SRCDIR/tests/integration/api.sh"

RUN=$(random_hex 3)
EMP=t89e_$RUN
EMP_ID=$(db_sql "INSERT INTO users (username, email, password_hash, country,
    status, activated_at)
    VALUES ('$EMP', '$EMP@api.invalid', '', 'BD', 'active', UTC_TIMESTAMP());
    SELECT LAST_INSERT_ID()")
TOK=$(new_session "$EMP")
kaaj_admin credit "$EMP" 100 --reason "t89 deposit" >/dev/null

make_key "all of it" read post rate pay
KEY=$NEW_KEY
[[ -n $KEY ]] || die "no key was made"
make_key "reader" read
READ_KEY=$NEW_KEY

# The campaign's values, as JSON for the API and as a form for the page.
TITLE="T89 sign-up job $RUN"
BODY='{"type":"signup","title":"'"$TITLE"'",
 "instructions":"Open the page and create an account with your own e-mail.",
 "proof_instructions":"The username you chose.","slots":3,"pay":"0.25",
 "countries_mode":"include","countries":["BD","IN"],"minutes":60,"days":7,
 "min_success":0,"x_signup_url":"https://example.com/join",
 "x_action":"register"}'

say "job types"
api GET /api/v1/jobtypes "$KEY"
expect_status 200 "GET /api/v1/jobtypes"
expect_eq "... every loaded plugin" \
	"$(json 'j.jobtypes.map(t => t.name).sort().join(" ")')" \
	"$(find "$KAAJ_BUILDDIR/plugins/.libs" -name '*.so' -printf '%f\n' |
		sed 's/\.so$//' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "... signup's campaign fields, as the form names them" \
	"$(json 'j.jobtypes.find(t => t.name == "signup").campaign_fields.map(f => f.name + ":" + f.type).join(" ")')" \
	"x_signup_url:url x_action:choice"
expect_eq "... its choices" \
	"$(json 'j.jobtypes.find(t => t.name == "signup").campaign_fields[1].choices.map(c => c.value).join(" ")')" \
	"register register_and_verify_email"
expect_eq "... its proof fields" \
	"$(json 'j.jobtypes.find(t => t.name == "signup").proof_fields.map(f => f.name + ":" + f.required).join(" ")')" \
	"username:true screenshot:false"
expect_match "... its minimum pay as a decimal string" \
	"$(json 'j.jobtypes.find(t => t.name == "signup").min_pay')" '^[0-9]+\.[0-9]{2,6}$'

say "create through the API and through the page"
bal0=$(balance_by_name "$EMP")
api_post /api/v1/campaigns "$KEY" "$BODY" "t89-create-$RUN"
expect_status 201 "POST /api/v1/campaigns"
API_ID=$(json j.id)
expect_eq "... Location names it" "$(http_header Location)" "/api/v1/campaigns/$API_ID"
expect_eq "... its state, slots, pay and countries" \
	"$(json '[j.state, j.slots, j.pay, j.countries_mode, j.countries].join(" ")')" \
	"running 3 0.25 include BD,IN"
expect_eq "... and its job type's values" "$(json 'j.fields.signup_url + " " + j.fields.action')" \
	"https://example.com/join register"
bal1=$(balance_by_name "$EMP")
api_post /api/v1/campaigns "$KEY" "$BODY" "t89-create-$RUN"
expect_status 200 "the same Idempotency-Key again"
expect_eq "... the same campaign" "$(json j.id)" "$API_ID"
expect_eq "... charged once" "$(balance_by_name "$EMP")" "$bal1"
expect_eq "... one campaign of that title" \
	"$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $EMP_ID AND title = '$TITLE'")" 1

spost "$TOK" /campaigns/create type=signup "title=$TITLE" \
	"instructions=Open the page and create an account with your own e-mail." \
	"proof_instructions=The username you chose." slots=3 pay=0.25 \
	countries_mode=include countries=BD countries=IN minutes=60 days=7 \
	min_success=0 x_signup_url=https://example.com/join x_action=register \
	"create_key=$(random_hex 16)"
expect_status 303 "the same campaign through the page"
PAGE_ID=$(db_sql "SELECT MAX(id) FROM campaigns WHERE owner_id = $EMP_ID")
row() {
	db_sql "SELECT CONCAT_WS('|', owner_id, job_type, category, title,
	    instructions, proof_instructions, slots_total, slots_taken,
	    slots_done, pay_per_task, fee_per_task, status,
	    COALESCE(reject_reason, '-'), minutes_to_finish, days_to_rate,
	    countries_mode, countries, min_success, screenshot_required,
	    COALESCE(verify_secret, '-'), verify_mode, release_per_hour)
	    FROM campaigns WHERE id = $1;
	    SELECT CONCAT(name, '=', value) FROM campaign_fields
	    WHERE campaign_id = $1 ORDER BY name;
	    SELECT CONCAT(t.kind, ' ', l.amount, ' ', a.kind)
	    FROM ledger_transactions t JOIN ledger_legs l ON l.txn_id = t.id
	    JOIN ledger_accounts a ON a.id = l.account_id
	    WHERE t.idem_key = CONCAT('campaign:', $1, ':fund')
	    ORDER BY a.kind, l.amount"
}
expect_eq "the API's campaign and the page's leave identical rows" \
	"$(row "$API_ID")" "$(row "$PAGE_ID")"
expect_eq "... and cost the same" $((bal0 - bal1)) $((bal1 - $(balance_by_name "$EMP")))

say "bad bodies"
n0=$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $EMP_ID")
api_post /api/v1/campaigns "$KEY" "$BODY"
expect_problem 400 idempotency_key_missing "a create without an Idempotency-Key"
api_post /api/v1/campaigns "$KEY" "$BODY" 'a key with spaces'
expect_problem 400 idempotency_key_bad "... with a malformed one"
api_post /api/v1/campaigns "$KEY" '{"type":"signup",' "t89-bad1-$RUN"
expect_problem 400 json "a body that is not JSON"
expect_match "... says where" "$(json j.detail)" '^line 1, column [0-9]+: '
api_post /api/v1/campaigns "$KEY" '["signup"]' "t89-bad2-$RUN"
expect_problem 400 json_object "a body that is not an object"
api_post /api/v1/campaigns "$KEY" "${BODY/\"pay\":\"0.25\"/\"pay\":0.25}" "t89-bad3-$RUN"
expect_problem 400 json_real "money as a JSON number with a fraction"
expect_eq "... names the field" "$(json j.field)" pay
api_post /api/v1/campaigns "$KEY" '{"type":"signup","title":{"a":1}}' "t89-bad4-$RUN"
expect_problem 400 json_type "an object as a member"
api_post /api/v1/campaigns "$KEY" '{"type":"signup","type":"visit"}' "t89-bad5-$RUN"
expect_problem 400 json "a member twice"
api_post /api/v1/campaigns "$KEY" "${BODY/\"slots\":3/\"slots\":0}" "t89-bad6-$RUN"
expect_problem 422 invalid "zero slots"
expect_eq "... the field and its code" "$(json 'j.field + " " + j.errors[0].code')" "slots campaign_slots_range"
expect_match "... with the page's message" "$(json 'j.errors[0].message')" '.{10,}'
api_post /api/v1/campaigns "$KEY" "${BODY/https:\/\/example.com\/join/ftp:\/\/x}" "t89-bad7-$RUN"
expect_problem 422 invalid "a sign-up URL that is not http(s)"
expect_eq "... names the plugin's field" "$(json j.errors[0].field)" x_signup_url
api_post /api/v1/campaigns "$KEY" "${BODY/\"signup\"/\"nosuch\"}" "t89-bad8-$RUN"
expect_problem 422 invalid "an unknown job type"
expect_eq "... names type" "$(json j.field)" type
api_post /api/v1/campaigns "$KEY" "${BODY/\"slots\":3/\"slots\":100000}" "t89-bad9-$RUN"
expect_problem 402 balance_short "more than the balance"
http POST /api/v1/campaigns -H "Authorization: Bearer $KEY" \
	-H "Idempotency-Key: t89-bad10-$RUN" --data-urlencode type=signup
expect_problem 415 media_type "a form body instead of JSON"
api_post /api/v1/campaigns "$READ_KEY" "$BODY" "t89-bad11-$RUN"
expect_problem 403 scope "a read key cannot create"
expect_eq "no bad body made a campaign" \
	"$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $EMP_ID")" "$n0"

say "list, get, controls"
api GET "/api/v1/campaigns?limit=1" "$KEY"
expect_status 200 "GET /api/v1/campaigns?limit=1"
expect_eq "... the newest first, and where to go on" "$(json '[j.campaigns[0].id, j.next].join(" ")')" \
	"$PAGE_ID $PAGE_ID"
api GET "/api/v1/campaigns?limit=1&after=$PAGE_ID" "$KEY"
expect_eq "... the next page" "$(json '[j.campaigns[0].id, j.next].join(" ")')" "$API_ID "
api GET "/api/v1/campaigns?state=paused" "$KEY"
expect_eq "... by state: none paused" "$(json j.campaigns.length)" 0
api GET "/api/v1/campaigns?limit=0" "$KEY"
expect_problem 422 limit_bad "limit=0"
api GET "/api/v1/campaigns?state=sleeping" "$KEY"
expect_problem 422 state_bad "an unknown state"
api GET "/api/v1/campaigns/$API_ID" "$KEY"
expect_eq "GET one: its escrow, 3 x 0.25" "$(json j.escrow)" 0.75
OTHER=$(db_sql "SELECT MIN(id) FROM campaigns WHERE owner_id <> $EMP_ID")
if [[ -n $OTHER && $OTHER != NULL ]]; then
	api GET "/api/v1/campaigns/$OTHER" "$KEY"
	expect_problem 404 no_campaign "another user's campaign"
	api_post "/api/v1/campaigns/$OTHER/pause" "$KEY" '{}'
	expect_problem 404 no_campaign "... cannot be paused"
fi
api_post "/api/v1/campaigns/$PAGE_ID/pause" "$KEY" '{}'
expect_eq "pause" "$HTTP_STATUS $(json j.state)" "200 paused"
api_post "/api/v1/campaigns/$PAGE_ID/resume" "$KEY" ''
expect_eq "resume, without a body" "$HTTP_STATUS $(json j.state)" "200 running"
api_post "/api/v1/campaigns/$PAGE_ID/slots" "$KEY" '{"slots":2}' "t89-add-$RUN"
expect_eq "add 2 slots" "$HTTP_STATUS $(json j.slots)" "200 5"
api_post "/api/v1/campaigns/$PAGE_ID/slots" "$KEY" '{"slots":2}' "t89-add-$RUN"
expect_eq "... the same key again adds nothing" "$HTTP_STATUS $(json j.slots)" "200 5"
api_post "/api/v1/campaigns/$PAGE_ID/slots" "$KEY" '{"slots":0}' "t89-add2-$RUN"
expect_problem 422 invalid "add 0 slots"
api_post "/api/v1/campaigns/$PAGE_ID/stop" "$KEY" '{}'
expect_eq "stop" "$HTTP_STATUS $(json j.state)" "200 stopped"
api_post "/api/v1/campaigns/$PAGE_ID/pause" "$KEY" '{}'
expect_problem 409 campaign_state "pausing a stopped campaign"

say "submissions"
declare -a W_TOK W_ID W_TASK
for i in 1 2 3; do
	W_ID[i]=$(make_user "t89w${i}_$RUN")
	W_TOK[i]=$(new_session "t89w${i}_$RUN")
	claim "${W_TOK[i]}" "$API_ID"
	W_TASK[i]=$TASK
	send_proof "${W_TOK[i]}" "$TASK"
done
api GET "/api/v1/campaigns/$API_ID/submissions?limit=2" "$KEY"
expect_status 200 "GET the campaign's submissions, 2 a page"
expect_eq "... the first two pending, oldest first, with next" \
	"$(json '[j.submissions.map(s => s.id).join(","), j.next].join(" ")')" \
	"${W_TASK[1]},${W_TASK[2]} ${W_TASK[2]}"
expect_eq "... each with its proof and worker" \
	"$(json '[j.submissions[0].proof.username, j.submissions[0].worker, j.submissions[0].state].join(" ")')" \
	"name_${W_TASK[1]} t89w1_$RUN pending"
api GET "/api/v1/campaigns/$API_ID/submissions?limit=2&after=${W_TASK[2]}" "$KEY"
expect_eq "... the next page" "$(json '[j.submissions.map(s => s.id).join(","), j.next].join(" ")')" \
	"${W_TASK[3]} "
api GET "/api/v1/submissions/${W_TASK[1]}" "$KEY"
expect_eq "GET one submission" "$(json '[j.id, j.proof.username, j.screenshot].join(" ")')" \
	"${W_TASK[1]} name_${W_TASK[1]} "
api_post "/api/v1/submissions/${W_TASK[1]}/rate" "$KEY" '{"rating":"not_satisfied"}'
expect_problem 422 invalid "not satisfied without a reason"
expect_eq "... names reason" "$(json j.field)" reason
api_post "/api/v1/submissions/${W_TASK[1]}/rate" "$READ_KEY" '{"rating":"satisfied"}'
expect_problem 403 scope "a read key cannot rate"
w1=$(balance_by_name "t89w1_$RUN")
api_post "/api/v1/submissions/${W_TASK[1]}/rate" "$KEY" '{"rating":"satisfied"}'
expect_eq "rate one satisfied" "$HTTP_STATUS $(json j.state)" "200 satisfied"
expect_match "... the worker was paid" "$(balance_by_name "t89w1_$RUN")" "^[0-9]+$"
(($(balance_by_name "t89w1_$RUN") > w1)) && ok "... more than before" ||
	fail "the worker was paid" "balance $w1 -> $(balance_by_name "t89w1_$RUN")"
api_post /api/v1/submissions/rate "$KEY" \
	'{"ids":['"${W_TASK[1]},${W_TASK[2]}"'],"rating":"revise","reason":"Use your own e-mail"}'
expect_eq "rate many: one sent back, the rated one skipped" \
	"$HTTP_STATUS $(json '[j.rated.join(","), j.skipped.join(","), j.refused.join(",")].join(" ")')" \
	"200 ${W_TASK[2]} ${W_TASK[1]} "
api_post /api/v1/submissions/rate "$KEY" '{"rating":"satisfied"}'
expect_problem 422 ids_missing "rate many without ids"
api_post "/api/v1/submissions/${W_TASK[1]}/bonus" "$KEY" '{"amount":"0.10"}'
expect_eq "a bonus on the satisfied task" "$HTTP_STATUS $(json j.bonus)" "200 0.10"
api_post "/api/v1/submissions/${W_TASK[1]}/bonus" "$KEY" '{"amount":"0.10"}'
expect_problem 409 bonus_paid_before "a second bonus"
api_post "/api/v1/submissions/${W_TASK[3]}/bonus" "$KEY" '{"amount":"abc"}'
expect_problem 422 invalid "a bonus that is not an amount"
api_post "/api/v1/workers/${W_ID[3]}/block" "$KEY" '{}'
expect_eq "block a worker" "$HTTP_STATUS $(json j.blocked)" "200 true"
expect_eq "... recorded" "$(db_sql "SELECT COUNT(*) FROM worker_blocks
    WHERE employer_id = $EMP_ID AND worker_id = ${W_ID[3]}")" 1
api_post "/api/v1/workers/${W_ID[3]}/unblock" "$KEY" '{}'
expect_eq "unblock" "$HTTP_STATUS $(json j.blocked)" "200 false"
api_post "/api/v1/workers/$EMP_ID/block" "$KEY" '{}'
expect_problem 409 block_self "blocking yourself"

expect_ledger_ok "at the end"
test_done
