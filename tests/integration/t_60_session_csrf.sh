#!/bin/bash
#
# t_60_session_csrf: /admin needs an admin's session; POST /logout needs a
# session and its CSRF token; a wrong token changes nothing, the right one
# ends the session. Sessions are made by inserting rows, as login pages
# come later: token_hash = UNHEX(SHA2(cookie, 256)).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

admin_page() {
	local admin alice expired version
	http GET /admin
	expect_status 303 "GET /admin without a session goes to the login page"
	expect_header Location '/login\?next=/admin$' "... and back to /admin after it"

	alice=$(new_session alice)
	http GET /admin -b "kaaj_session=$alice"
	expect_error_page 403 "Forbidden" "GET /admin as alice (not an admin)"

	expired=$(new_session admin "-1 HOUR")
	http GET /admin -b "kaaj_session=$expired"
	expect_status 303 "GET /admin with an expired admin session goes to login"

	admin=$(new_session admin)
	version=$(kaaj_admin schema-version)
	http GET /admin -b "kaaj_session=$admin"
	expect_status 200 "GET /admin as admin"
	expect_body "$version" "admin page shows the schema version ($version)"
	expect_body signup "admin page lists the loaded plugin signup"
}

# logout_with TOKEN CSRF: POST /logout with session TOKEN and form field
# csrf=CSRF (no field when CSRF is "-").
logout_with() {
	if [[ $2 == - ]]; then
		http POST /logout -b "kaaj_session=$1" --data-binary ''
	else
		http POST /logout -b "kaaj_session=$1" --data-urlencode "csrf=$2"
	fi
}

# session_works TOKEN WHAT: /admin answers 200 with TOKEN (an admin's).
session_works() {
	http GET /admin -b "kaaj_session=$1"
	expect_status 200 "$2"
}

logout() {
	local tok right
	tok=$(new_session admin)
	right=$(csrf_token "$tok")

	http POST /logout --data-urlencode "csrf=$right"
	expect_error_page 403 "Forbidden" "POST /logout without a session"

	logout_with "$tok" -
	expect_error_page 403 "Forbidden" "POST /logout without a csrf field"
	session_works "$tok" "session still valid after a logout without csrf"

	logout_with "$tok" "$(csrf_token "$(random_hex 16)")"
	expect_error_page 403 "Forbidden" "POST /logout with another session's csrf"
	session_works "$tok" "session still valid after a wrong csrf"

	logout_with "$tok" "${right:0:63}"
	expect_error_page 403 "Forbidden" "POST /logout with a truncated csrf"

	logout_with "$tok" "$right"
	expect_status 303 "POST /logout with the right csrf"
	expect_header Location '(^|//[^/]*)/$' "logout redirects to /"
	http GET /admin -b "kaaj_session=$tok"
	expect_status 303 "GET /admin after logout goes to login"

	http GET /logout -b "kaaj_session=$(new_session admin)"
	expect_error_page 405 "Method not allowed" "GET /logout with a session"
	expect_header Allow 'POST' "GET /logout names POST in Allow"
}

main() {
	admin_page
	logout
	test_done
}

main "$@"
