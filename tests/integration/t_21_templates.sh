#!/bin/bash
#
# t_21_templates: repeatable campaigns (sql/0025, docs/api.md).
#  - a release speed: a campaign of 6 slots opening 2 an hour lets 2 of
#    20 workers claiming at once in (on 4 kaaj.fcgi processes), leaves the
#    board until the next hour, and lets 2 more once an hour has passed;
#    a bad release speed is a field error that keeps the form;
#  - templates on the pages: a campaign saved as a template from its page
#    (a missing name, a name taken, another user's campaign refused), the
#    new-campaign page lists it and fills the form from it, and posting
#    that form makes a campaign like the first; deleting it;
#  - templates through the API: save, list, start (members of the body
#    replace the template's; the Idempotency-Key holds), delete; another
#    user's template is 404.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"
# shellcheck source-path=SCRIPTDIR source=api.sh
. "$KAAJ_SRCDIR/tests/integration/api.sh"

RUN=$(random_hex 3)
EMP=t21e_$RUN
EMP_ID=$(make_user "$EMP")
TOK=$(new_session "$EMP")
kaaj_admin credit "$EMP" 100 --reason "t21 deposit" >/dev/null
make_key "templates" read post
KEY=$NEW_KEY
[[ -n $KEY ]] || die "no key was made"

BODY='{"type":"signup","title":"T21 sign-up '"$RUN"'",
 "instructions":"Open the page and create an account with your own e-mail.",
 "proof_instructions":"The username you chose.","slots":6,"pay":"0.25",
 "countries_mode":"all","minutes":60,"days":7,"min_success":0,
 "release_per_hour":2,"x_signup_url":"https://example.com/join",
 "x_action":"register"}'

say "a release speed of 2 slots an hour"
api_post /api/v1/campaigns "$KEY" "$BODY" "t21-slow-$RUN"
expect_status 201 "a campaign of 6 slots opening 2 an hour"
SLOW=$(json j.id)
expect_eq "... says so" "$(json j.release_per_hour)" 2
worker_pool "t21w${RUN}_" 20
fcgi_stop
fcgi_start 4
wait_http_ready /
batch_new
for ((i = 0; i < 20; i++)); do
	batch_post "${POOL_TOKS[i]}" /tasks/claim "campaign=$SLOW"
done
batch_go
fcgi_stop
fcgi_start 1
wait_http_ready /
notices=$(batch_notices)
expect_eq "20 claims at once: 2 claimed, the rest told it is full ($(tally <<<"$notices"))" \
	"$(grep -c '^claimed$' <<<"$notices" || true),$(only_in "$notices" 'claimed|claim_full' && echo yes)" \
	"2,yes"
expect_eq "... 2 tasks and 2 slots taken" \
	"$(db_sql "SELECT CONCAT((SELECT COUNT(*) FROM tasks WHERE campaign_id = $SLOW), ',', slots_taken)
	    FROM campaigns WHERE id = $SLOW")" 2,2
sget "${POOL_TOKS[19]}" /
expect_no_body "T21 sign-up $RUN" "the board leaves it out while the hour's slots are taken"
db_sql "UPDATE campaigns SET opened_at = opened_at - INTERVAL 1 HOUR WHERE id = $SLOW" >/dev/null
sget "${POOL_TOKS[19]}" /
expect_body "T21 sign-up $RUN" "... and shows it again the next hour"
for i in 17 18 19; do
	spost "${POOL_TOKS[i]}" /tasks/claim "campaign=$SLOW"
done
expect_eq "the next hour 2 more are taken, not 3" \
	"$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $SLOW")" 4
api_post /api/v1/campaigns "$KEY" "${BODY/\"release_per_hour\":2/\"release_per_hour\":-1}" "t21-bad-$RUN"
expect_problem 422 invalid "a release speed below 0"
expect_eq "... names it" "$(json 'j.errors[0].field + " " + j.errors[0].code')" \
	"release_per_hour campaign_release_range"
spost "$TOK" /campaigns/preview type=signup "title=T21 page $RUN" \
	"instructions=Open the page and create an account with your own e-mail." \
	"proof_instructions=The username you chose." slots=3 pay=0.25 \
	countries_mode=all minutes=60 days=7 min_success=0 release_per_hour=abc \
	x_signup_url=https://example.com/join x_action=register
expect_status 200 "the page's form with a release speed of abc"
expect_body 'id="err-release_per_hour"' "... marks the field"
expect_body 'value="abc"' "... and keeps what was typed"

say "templates on the pages"
spost "$TOK" /campaigns/template "id=$SLOW" "name="
expect_header Location 'notice=template_name_bad' "saving without a name is refused"
spost "$TOK" /campaigns/template "id=$SLOW" "name=Forum sign-ups"
expect_header Location "/campaigns/$SLOW\\?notice=template_saved" "save the campaign as a template"
TPL=$(db_sql "SELECT id FROM campaign_templates WHERE owner_id = $EMP_ID AND name = 'Forum sign-ups'")
spost "$TOK" /campaigns/template "id=$SLOW" "name=Forum sign-ups"
expect_header Location 'notice=template_name_taken' "... the same name again is refused"
OTHER_TOK=$(new_session "t21w${RUN}_0")
spost "$OTHER_TOK" /campaigns/template "id=$SLOW" "name=stolen"
expect_status 404 "another user cannot save my campaign as theirs"
sget "$TOK" /campaigns/new
expect_body "/campaigns/new?template=$TPL" "the new-campaign page offers the template"
sget "$TOK" "/campaigns/new?template=$TPL"
expect_status 200 "the form from the template"
expect_body 'value="T21 sign-up '"$RUN"'"' "... has its title"
expect_body 'name="x_signup_url"' "... is the job type's form"
expect_body 'value="https://example.com/join"' "... with its own values"
expect_body 'value="2"' "... and the release speed"
sget "$OTHER_TOK" "/campaigns/new?template=$TPL"
expect_status 404 "another user cannot open my template"
sget "$TOK" /campaigns/new?template=0
expect_status 404 "a template number that is no number"

say "templates through the API"
api GET /api/v1/templates "$KEY"
expect_eq "the list" "$(json 'j.templates.map(t => t.name + ":" + t.type + ":" + t.fields.x_signup_url).join(" ")')" \
	"Forum sign-ups:signup:https://example.com/join"
api_post "/api/v1/campaigns/$SLOW/template" "$KEY" '{"name":"Second"}'
expect_eq "save another through the API" "$HTTP_STATUS $(json 'j.name + " " + j.fields.pay')" "201 Second 0.25"
TPL2=$(json j.id)
api_post "/api/v1/campaigns/$SLOW/template" "$KEY" '{"name":"Second"}'
expect_problem 409 template_name_taken "... a name taken"
api_post "/api/v1/campaigns/$SLOW/template" "$KEY" '{}'
expect_problem 422 invalid "... no name"
bal0=$(balance_by_name "$EMP")
api_post "/api/v1/templates/$TPL2/campaigns" "$KEY" '{"title":"T21 again '"$RUN"'","slots":2}' "t21-again-$RUN"
expect_eq "start a campaign from it, with a new title and 2 slots" \
	"$HTTP_STATUS $(json '[j.title, j.slots, j.pay, j.release_per_hour, j.fields.signup_url].join(" ")')" \
	"201 T21 again $RUN 2 0.25 2 https://example.com/join"
AGAIN=$(json j.id)
api_post "/api/v1/templates/$TPL2/campaigns" "$KEY" '{"title":"T21 again '"$RUN"'","slots":2}' "t21-again-$RUN"
expect_eq "... the same key again: the same campaign" "$HTTP_STATUS $(json j.id)" "200 $AGAIN"
bal1=$(balance_by_name "$EMP")
expect_eq "... paid once: 2 x 0.25 and the fee" $((bal0 - bal1)) \
	"$(db_sql "SELECT 2 * (pay_per_task + fee_per_task) FROM campaigns WHERE id = $AGAIN")"
api_post "/api/v1/templates/$TPL2/campaigns" "$KEY" '{"slots":0}' "t21-zero-$RUN"
expect_problem 422 invalid "... a change that is wrong is checked as any form"
api_post "/api/v1/templates/999999999/campaigns" "$KEY" '{}' "t21-none-$RUN"
expect_problem 404 no_template "a template that is not there"
api_post "/api/v1/templates/$TPL2/delete" "$KEY" ''
expect_eq "delete it" "$HTTP_STATUS $(json j.deleted)" "200 true"
api_post "/api/v1/templates/$TPL2/delete" "$KEY" ''
expect_problem 404 no_template "... twice"
spost "$TOK" /campaigns/templates/delete "id=$TPL"
expect_header Location 'notice=template_deleted' "delete the other on the page"
expect_eq "no template is left" \
	"$(db_sql "SELECT COUNT(*) FROM campaign_templates WHERE owner_id = $EMP_ID")" 0

expect_ledger_ok "at the end"
test_done
