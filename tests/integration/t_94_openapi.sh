#!/bin/bash
#
# t_94_openapi: the API's description, GET /api/v1/openapi.json. It needs
# no key; it is OpenAPI 3.1 that Redocly CLI's lint (an independent
# validator from npm, tests/api) passes with its recommended rules; its
# operations are exactly the API routes of the route table; the body of a
# new campaign has one alternative per loaded job type; its texts follow
# Accept-Language. Then every operation is called as the document says
# (tests/api/call_every.mjs) and each answer checked against it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=api.sh
. "$KAAJ_SRCDIR/tests/integration/api.sh"

API_DIR=$KAAJ_SRCDIR/tests/api
REDOCLY=$API_DIR/node_modules/.bin/redocly
[[ -x $REDOCLY ]] ||
	die "$REDOCLY is missing: run ./bootstrap check (or: cd tests/api && npm ci)"
DOC=$KAAJ_TMP/openapi.json

say "the document"
http GET /api/v1/openapi.json
expect_status 200 "GET /api/v1/openapi.json without a key"
expect_eq "... as application/json" "$(http_header Content-Type)" application/json
cp "$HTTP_BODY" "$DOC"
expect_match "... OpenAPI 3.1 with the site's name" "$(json 'j.openapi + " " + j.info.title')" \
	'^3\.1\.0 [^ ]+' 

out=$(cd "$API_DIR" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	NO_COLOR=1 "$REDOCLY" lint --config redocly.yaml "$DOC" 2>&1) && rc=0 || rc=$?
if ((rc == 0)); then
	ok "Redocly CLI's lint passes it"
else
	fail "Redocly CLI's lint passes it" "exit $rc" "$out"
fi
check "... without a warning" bash -c '! grep -Eq "You have [0-9]+ warnings?" <<<"$1"' _ "$out"

want=$("$KAAJ_BUILDDIR/tests/tools/route_list" | awk '/api,/ {
	p = $2; sub(/#/, "{id}", p); print tolower($1) " " p }' | sort)
got=$(json 'Object.entries(j.paths).flatMap(([p, o]) =>
	Object.keys(o).map(m => m + " " + p)).sort().join("\n")')
expect_eq "its operations are the API routes of the route table" "$got" "$want"
expect_eq "... each with an operationId and a summary" \
	"$(json 'Object.values(j.paths).flatMap(o => Object.values(o))
		.filter(op => !op.operationId || !op.summary).length')" 0
expect_eq "the new campaign's body: one alternative per loaded job type" \
	"$(json 'j.components.schemas.CampaignNew.allOf[1].oneOf.map(a => a.title).sort().join(" ")')" \
	"$(find "$KAAJ_BUILDDIR/plugins/.libs" -name '*.so' -printf '%f\n' |
		sed 's/\.so$//' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "... signup's with its own fields" \
	"$(json 'Object.keys(j.components.schemas.CampaignNew.allOf[1].oneOf.find(a => a.title == "signup").properties).join(" ")')" \
	"type x_signup_url x_action"
expect_eq "the webhooks kaaj sends, each a signed POST of a WebhookEvent" \
	"$(json 'Object.entries(j.webhooks).map(([e, o]) => e + ":" +
		o.post.requestBody.content["application/json"].schema.$ref.split("/").pop()).join(" ")')" \
	"submission.arrived:WebhookEvent campaign.out_of_slots:WebhookEvent dispute.opened:WebhookEvent"
http GET /api/v1/openapi.json -H 'Accept-Language: bn'
expect_eq "in Bengali when asked" "$(json 'j.paths["/api/v1/account"].get.summary')" \
	"আপনার ব্যালেন্স ও এসক্রো"

say "every operation, called as the document says"
RUN=$(random_hex 3)
EMP=t94e_$RUN
db_sql "INSERT INTO users (username, email, password_hash, country, status,
    activated_at) VALUES ('$EMP', '$EMP@api.invalid', '', 'BD', 'active',
    UTC_TIMESTAMP())" >/dev/null
TOK=$(new_session "$EMP")
kaaj_admin credit "$EMP" 20 --reason "t94 deposit" >/dev/null
make_key "every operation" read post rate pay
[[ -n $NEW_KEY ]] || die "no key was made"
api_post /api/v1/campaigns "$NEW_KEY" '{"type":"signup","title":"T94 prepared '"$RUN"'",
 "instructions":"Open the page and create an account with your e-mail.",
 "proof_instructions":"The username you chose.","slots":3,"pay":"0.25",
 "countries_mode":"all","minutes":60,"days":7,"min_success":0,
 "x_signup_url":"https://example.com/join","x_action":"register"}' "t94-prep-$RUN"
[[ $HTTP_STATUS == 201 ]] || die "the prepared campaign answered $HTTP_STATUS"
CAMPAIGN=$(json j.id)
api_post /api/v1/campaigns "$NEW_KEY" '{"type":"signup","title":"T94 items '"$RUN"'",
 "instructions":"Open {{url}} and create an account with your e-mail.",
 "proof_instructions":"The username you chose.","slots":2,"pay":"0.25",
 "countries_mode":"all","minutes":60,"days":7,"min_success":0,
 "items_csv":"url\nhttps://a.example/join\nhttps://b.example/join\n",
 "x_signup_url":"https://example.com/join","x_action":"register"}' "t94-items-$RUN"
[[ $HTTP_STATUS == 201 ]] || die "the items campaign answered $HTTP_STATUS: $(cat "$HTTP_BODY")"
ITEMS=$(json j.id)
WORKER=$(make_user "t94w_$RUN")
WTOK=$(new_session "t94w_$RUN")
PNG=$KAAJ_TMP/t94.png
write_png "$PNG"
claim "$WTOK" "$CAMPAIGN"
mpost "$WTOK" /tasks/submit "task=$TASK" "username=name_$TASK" \
	"file:screenshot=@$PNG;type=image/png"
[[ $HTTP_STATUS == 303 ]] || die "the proof answered $HTTP_STATUS"
out=$(node "$API_DIR/call_every.mjs" "$DOC" "$KAAJ_URL" "$NEW_KEY" \
	"$CAMPAIGN" "$TASK" "$WORKER" "$RUN" "$ITEMS" 2>&1) && rc=0 || rc=$?
sed 's/^/    | /' <<<"$out"
expect_eq "every operation answered as documented" "$rc" 0
expect_match "... all of them were called" "$out" \
	"# $(wc -l <<<"$want") operations called"

expect_ledger_ok "at the end"
test_done
