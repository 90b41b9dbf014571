#!/bin/bash
#
# t_88_api_keys: the JSON API's keys (docs/api.md). An employer makes a
# key in Settings (a name and scopes; a missing name, no scope and a 21st
# live key are refused, naming the field); the key is shown once and only
# the hash of its secret is stored. GET /api/v1/account with the key
# answers the balances as decimal strings; without a key, with a wrong,
# malformed or revoked one, or one of a banned user it is 401, with a key
# lacking the scope 403, past api.requests_per_minute 429 with
# Retry-After; every error is application/problem+json with a stable
# code. Every use is logged with the key's name. Unknown API paths and
# methods answer JSON too. Keys made at once never pass the limit of 20.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=api.sh
. "$KAAJ_SRCDIR/tests/integration/api.sh"

SAVED=$KAAJ_TMP/t88-kaaj.conf
EMP=t88emp_$(random_hex 3)
EMP_ID=$(db_sql "INSERT INTO users (username, email, password_hash, country,
    status, activated_at)
    VALUES ('$EMP', '$EMP@api.invalid', '', 'BD', 'active', UTC_TIMESTAMP());
    SELECT LAST_INSERT_ID()")
TOK=$(new_session "$EMP")

restore() {
	[[ -f $SAVED ]] || return 0
	cp "$SAVED" "$KAAJ_CONF"
	fcgi_reload
}
trap restore EXIT

say "the settings page"
http GET /settings/api -b "kaaj_session=$TOK"
expect_status 200 "GET /settings/api"
expect_body 'id="keys-none"' "... says there are no keys yet"
expect_body 'name="scope_read" value="1" checked' "... read is ticked for a new key"
http GET /settings -b "kaaj_session=$TOK"
expect_body '/settings/api"' "Settings links to the API keys"

say "wrong forms"
make_key "" read
expect_status 422 "a key without a name"
expect_body 'id="err-name"' "... says which field"
make_key "no scope"
expect_status 422 "a key without a scope"
expect_body 'id="err-scope_read"' "... says which field"
expect_body 'value="no scope"' "... keeps the name typed"
expect_eq "no key was made" "$(db_sql "SELECT COUNT(*) FROM api_keys WHERE user_id = $EMP_ID")" 0
http POST /settings/api/create -b "kaaj_session=$TOK" --data-urlencode name=x \
	--data-urlencode scope_read=1
expect_status 403 "a key made without the form's CSRF token"

say "a key, shown once"
make_key "survey script" read
KEY=$NEW_KEY
expect_status 200 "make a read key"
expect_match "the key is shown: kaaj_, 12 and 64 hex digits" "$KEY" \
	'^kaaj_[0-9a-f]{12}_[0-9a-f]{64}$'
KEY_ID=$(db_sql "SELECT id FROM api_keys WHERE user_id = $EMP_ID AND name = 'survey script'")
SECRET=${KEY##*_}
expect_eq "only the SHA-256 of the secret is stored" \
	"$(db_sql "SELECT LOWER(HEX(secret_hash)) = SHA2('$SECRET', 256) FROM api_keys WHERE id = $KEY_ID")" 1
expect_eq "... the secret itself nowhere in the row" \
	"$(db_sql "SELECT COUNT(*) FROM api_keys WHERE id = $KEY_ID
	    AND CONCAT_WS(' ', name, lookup, HEX(secret_hash), scopes) LIKE '%$SECRET%'")" 0
http GET /settings/api -b "kaaj_session=$TOK"
expect_no_body "$SECRET" "the list does not show the key again"
expect_body "survey script" "... but names it"

say "GET /api/v1/account"
kaaj_admin credit "$EMP" 12.50 --reason "t88 deposit" >/dev/null
api GET /api/v1/account "$KEY"
expect_status 200 "with the key"
expect_eq "... as application/json" "$(http_header Content-Type)" application/json
expect_eq "... the key's user" "$(json j.username)" "$EMP"
expect_eq "... the balance as a decimal string" \
	"$(json 'typeof j.balance.available + " " + j.balance.available')" "string 12.50"
expect_eq "... held and escrow too" "$(json 'j.balance.held + " " + j.escrow')" "0.00 0.00"
expect_eq "... the site's currency" "$(json j.currency)" \
	"$(sed -n 's/^[[:space:]]*currency = "\(.*\)";/\1/p' "$KAAJ_CONF")"
expect_match "the log names the key" "$(cat "$KAAJ_FCGI_LOG")" \
	"api key $KEY_ID \"survey script\" of $EMP"
expect_match "... and the request" "$(cat "$KAAJ_FCGI_LOG")" \
	"GET /api/v1/account 200"
expect_eq "last_used_at is set" \
	"$(db_sql "SELECT last_used_at IS NOT NULL FROM api_keys WHERE id = $KEY_ID")" 1

say "refused calls"
api GET /api/v1/account
expect_problem 401 no_key "without a key"
expect_match "... WWW-Authenticate: Bearer" "$(http_header WWW-Authenticate)" '^Bearer '
http GET /api/v1/account -b "kaaj_session=$TOK"
expect_problem 401 no_key "with a session cookie but no key"
api GET /api/v1/account "${KEY%?}0"
[[ ${KEY: -1} != 0 ]] || api GET /api/v1/account "${KEY%?}1"
expect_problem 401 bad_key "with a wrong secret"
api GET /api/v1/account "kaaj_nothex"
expect_problem 401 bad_key "with a malformed key"
http GET /api/v1/account -H "Authorization: Basic $(printf 'a:b' | base64)"
expect_problem 401 bad_key "with Basic authentication"
make_key "poster" post
POST_KEY=$NEW_KEY
api GET /api/v1/account "$POST_KEY"
expect_problem 403 scope "with a key without the read scope"
api GET /api/v1/nothing "$KEY"
expect_problem 404 not_found "an unknown API path"
http POST /api/v1/account -H "Authorization: Bearer $KEY" -d x=1
expect_problem 405 method "POST to a GET address"
expect_eq "... with Allow" "$(http_header Allow)" "GET, HEAD"
api GET /api/v1/account "$KEY" -H 'Accept-Language: bn'
http GET /api/v1/nothing -H 'Accept-Language: bn'
expect_match "a problem in Bengali for Accept-Language: bn" "$(json j.title)" 'এই ঠিকানায়'

say "a banned user's key"
kaaj_admin ban "$EMP" --reason "t88 ban" >/dev/null
api GET /api/v1/account "$KEY"
expect_problem 401 bad_key "after the ban"
kaaj_admin unban "$EMP" --reason "t88 unban" >/dev/null
TOK=$(new_session "$EMP")
api GET /api/v1/account "$KEY"
expect_status 200 "after the unban the key works again"

say "the rate limit"
cp "$KAAJ_CONF" "$SAVED"
conf_set "$KAAJ_CONF" requests_per_minute 3
fcgi_reload
db_sql "DELETE FROM rate_limits WHERE bucket = 'api:$KEY_ID'"
codes=
for i in 1 2 3 4; do
	api GET /api/v1/account "$KEY"
	codes+="$HTTP_STATUS "
done
expect_eq "three calls a minute pass, the fourth is refused" "$codes" "200 200 200 429 "
expect_problem 429 too_many "... the fourth"
expect_match "... with Retry-After" "$(http_header Retry-After)" '^[1-9][0-9]*$'
expect_eq "... and retry_after in the problem" "$(json j.retry_after)" "$(http_header Retry-After)"
api GET /api/v1/account "$POST_KEY"
expect_status 403 "another key has its own count"
restore
rm -f "$SAVED"

say "revoking"
spost "$TOK" /settings/api/revoke "key=$KEY_ID"
expect_status 303 "revoke the key"
expect_match "... back to the list with a notice" "$(http_header Location)" \
	'/settings/api\?notice=api_key_revoked$'
api GET /api/v1/account "$KEY"
expect_problem 401 bad_key "a revoked key"
spost "$TOK" /settings/api/revoke "key=$KEY_ID"
expect_status 404 "revoking it again"
db_sql "INSERT INTO users (username, email, password_hash, country, status)
    VALUES ('t88o_$EMP', 't88o_$EMP@api.invalid', '', 'BD', 'active')"
OTHER=$(new_session "t88o_$EMP")
POST_ID=$(db_sql "SELECT id FROM api_keys WHERE user_id = $EMP_ID AND name = 'poster'")
spost "$OTHER" /settings/api/revoke "key=$POST_ID"
expect_status 404 "another user cannot revoke it"
expect_eq "... it stays live" \
	"$(db_sql "SELECT revoked_at IS NULL FROM api_keys WHERE id = $POST_ID")" 1

say "at most 20 live keys, also when made at once"
for i in $(seq 1 16); do make_key "bulk $i" read; done
expect_eq "17 live keys now" \
	"$(db_sql "SELECT COUNT(*) FROM api_keys WHERE user_id = $EMP_ID AND revoked_at IS NULL")" 17
for i in 1 2 3 4 5 6; do
	curl -s -o /dev/null -b "kaaj_session=$TOK" \
		--data-urlencode "csrf=$(csrf_token "$TOK")" \
		--data-urlencode "name=race $i" --data-urlencode scope_read=1 \
		"$KAAJ_URL/settings/api/create" &
done
wait
expect_eq "six made at once: the live keys stop at 20" \
	"$(db_sql "SELECT COUNT(*) FROM api_keys WHERE user_id = $EMP_ID AND revoked_at IS NULL")" 20
make_key "one more" read
expect_status 422 "a 21st key"
expect_body 'revoke one you no longer need' "... says to revoke one first"

expect_ledger_ok "at the end"
trap - EXIT
test_done
