# shellcheck shell=bash
#
# tests/integration/accounts.sh: helpers for the accounts tests (t_12 to
# t_18), sourced after lib.sh. A simulated browser is a curl cookie jar
# (jar_new); forms are read back from the page like a browser would (the
# csrf field, the captcha challenge), the captcha is solved with
# tests/tools/captcha_solve, and mailed links are followed from the
# maildir that maildir-sendmail fills.
#
# Rate limits: every test posts from 127.0.0.1, and kaaj counts failed
# logins and registrations per IP address across the whole suite, so
# acc_clear_ip_limits forgets those counters (a test of a per-IP limit
# uses its own source address instead, see ACC_IP_*).

CAPTCHA_SOLVE=$KAAJ_BUILDDIR/tests/tools/captcha_solve
[[ -x $CAPTCHA_SOLVE ]] ||
	die "$CAPTCHA_SOLVE is not built (make tests/tools/captcha_solve)"

# The password make_user gives its accounts.
ACC_PASSWORD="correct horse battery staple"

# The XSS probes put into every text field; no body may hold them raw.
# shellcheck disable=SC2034 # used by the tests that source this file
XSS_SCRIPT='<script>alert(1)</script>'
# shellcheck disable=SC2034
XSS_IMG='"><img src=x onerror=alert(1)>'

# ------------------------------------------------------------ browsers

# Extra curl arguments for every request of bget and bpost (for example
# --interface 127.0.0.9 to come from another address).
BROWSER_ARGS=()

# jar_new NAME: create an empty cookie jar for one simulated browser and
# print its path.
jar_new() {
	local f=$KAAJ_TMP/jar.$$.$1
	: >"$f"
	printf '%s\n' "$f"
}

# jar_cookie JAR NAME: print the value of cookie NAME in JAR (nothing when
# it has none). curl writes HttpOnly cookies as "#HttpOnly_DOMAIN ...".
jar_cookie() {
	sed -e 's/^#HttpOnly_//' "$1" |
		awk -F'\t' -v n="$2" '$1 !~ /^#/ && NF >= 7 && $6 == n { v = $7 } END { print v }'
}

# bget JAR PATH [CURL-ARG...]: GET PATH as the browser of JAR.
bget() {
	local jar=$1 path=$2
	shift 2
	http GET "$path" -b "$jar" -c "$jar" ${BROWSER_ARGS[@]+"${BROWSER_ARGS[@]}"} "$@"
}

# bpost JAR PATH [NAME=VALUE...] [-- CURL-ARG...]: POST the fields
# (urlencoded) to PATH as the browser of JAR.
bpost() {
	local jar=$1 path=$2 args=()
	shift 2
	while (($# > 0)); do
		if [[ $1 == -- ]]; then
			shift
			break
		fi
		args+=(--data-urlencode "$1")
		shift
	done
	((${#args[@]} > 0)) || args=(--data-binary '')
	http POST "$path" -b "$jar" -c "$jar" "${args[@]}" \
		${BROWSER_ARGS[@]+"${BROWSER_ARGS[@]}"} "$@"
}

# html_unescape: decode the entities ClearSilver's html escaping writes.
html_unescape() {
	sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' \
		-e 's/&amp;/\&/g'
}

# form_value NAME: print the value= of the first <input name="NAME"> of
# the last response body, unescaped (nothing when it has none).
form_value() {
	input_tag "$1" | sed -n 's/.* value="\([^"]*\)".*/\1/p' | html_unescape
}

# input_tag NAME: print the first <input name="NAME"> tag of the last body.
input_tag() {
	grep -o "<input[^>]*name=\"$1\"[^>]*>" "$HTTP_BODY" | head -n 1 || true
}

# expect_value NAME VALUE WHAT: the form's input NAME shows VALUE (as
# typed, escaped in the page).
expect_value() {
	local got
	got=$(form_value "$1")
	if [[ $got == "$2" ]]; then
		ok "$3"
	else
		fail "$3" "input $1 should hold: $2" "tag: $(input_tag "$1")"
	fi
}

# expect_no_value NAME WHAT: the input NAME has no value= at all, or an
# empty one (password fields).
expect_no_value() {
	local tag
	tag=$(input_tag "$1")
	if [[ -n $tag && $tag != *' value="'[!\"]* ]]; then
		ok "$2"
	else
		fail "$2" "input $1 should be empty; tag: ${tag:-none}"
	fi
}

# expect_selected NAME VALUE WHAT: the <option value="VALUE"> of the
# select NAME is selected.
expect_selected() {
	local sel
	sel=$(sed -n "/<select[^>]*name=\"$1\"/,/<\/select>/p" "$HTTP_BODY" |
		grep -o '<option value="[^"]*" selected>' | head -n 1 || true)
	expect_eq "$3" "$sel" "<option value=\"$2\" selected>"
}

# expect_no_xss WHAT: the last body holds neither probe unescaped.
expect_no_xss() {
	if grep -qF -e '<script>alert(1)' -e '<img src=x' "$HTTP_BODY"; then
		fail "$1: input is escaped" "body holds a probe raw:" \
			"$(grep -F -e '<script>alert(1)' -e '<img src=x' "$HTTP_BODY" | head -n 3)"
	else
		ok "$1: input is escaped"
	fi
}

# expect_true WHAT DETAIL COMMAND...: pass if COMMAND succeeds, else fail
# with DETAIL.
expect_true() {
	local what=$1 detail=$2
	shift 2
	if "$@"; then ok "$what"; else fail "$what" "$detail"; fi
}

# expect_security_headers WHAT: the last response carries the headers
# every page must have.
expect_security_headers() {
	local csp
	csp=$(http_header Content-Security-Policy)
	if [[ -n $csp && $csp =~ script-src\ [^\;]*\'self\' &&
		$csp != *unsafe-inline* && $csp != *unsafe-eval* ]]; then
		ok "$1: CSP with script-src 'self', no unsafe-inline"
	else
		fail "$1: CSP with script-src 'self', no unsafe-inline" "got: $csp"
	fi
	if [[ $(http_header X-Frame-Options) =~ ^(DENY|SAMEORIGIN)$ ||
		$csp == *frame-ancestors* ]]; then
		ok "$1: framing forbidden"
	else
		fail "$1: framing forbidden" "no X-Frame-Options nor frame-ancestors"
	fi
	expect_header X-Content-Type-Options '^nosniff$' "$1: nosniff"
	expect_header Referrer-Policy '^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$' \
		"$1: Referrer-Policy"
}

# ------------------------------------------------------------ database

# users_count: the number of accounts.
users_count() {
	db_sql "SELECT COUNT(*) FROM users"
}

# user_col USERNAME COLUMN: print one column of the user's row.
user_col() {
	db_sql "SELECT $2 FROM users WHERE username = '$1'"
}

# acc_clear_ip_limits: forget the failed-login and registration counters
# of every IP address (see the top of this file).
acc_clear_ip_limits() {
	db_sql "DELETE FROM rate_limits WHERE bucket LIKE 'login:ip:%'
	    OR bucket LIKE 'register:ip:%' OR bucket LIKE 'register:check:ip:%'"
}

# rl_window_guard MINUTES: the limits count in fixed windows of MINUTES;
# when the current one ends within 15 s, wait for the next, so that a
# test's hits all fall into one window.
rl_window_guard() {
	local w=$(($1 * 60)) now left
	now=$(date +%s)
	left=$((w - now % w))
	if ((left < 15)); then
		say "  (waiting ${left} s for a new rate-limit window)"
		sleep "$((left + 1))"
	fi
}

# ------------------------------------------------------------ captcha

# captcha_sign SALT EXPIRES BITS: the signature kaaj puts on a challenge:
# hex HMAC-SHA256(secret key, "captcha:SALT:EXPIRES:BITS").
captcha_sign() {
	printf 'captcha:%s:%s:%s' "$1" "$2" "$3" |
		openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KAAJ_SECRET" |
		awk '{print $NF}'
}

# captcha_solve SALT BITS: print the nonce that solves the challenge.
captcha_solve() {
	"$CAPTCHA_SOLVE" "$1" "$2"
}

# ------------------------------------------------------------ register

# reg_open JAR: GET /register as JAR and read its form: REG_CSRF, the
# challenge REG_SALT REG_EXPIRES REG_BITS REG_SIG, and its solution
# REG_NONCE (what captcha.js would fill in).
reg_open() {
	bget "$1" /register
	[[ $HTTP_STATUS == 200 ]] || {
		show_response
		die "GET /register answered $HTTP_STATUS"
	}
	REG_CSRF=$(form_value csrf)
	REG_SALT=$(form_value captcha_salt)
	REG_EXPIRES=$(form_value captcha_expires)
	REG_BITS=$(form_value captcha_bits)
	REG_SIG=$(form_value captcha_sig)
	[[ $REG_SALT =~ ^[0-9a-f]+$ && $REG_EXPIRES =~ ^[0-9]+$ &&
		$REG_BITS =~ ^[0-9]+$ && $REG_SIG =~ ^[0-9a-f]{64}$ &&
		$REG_CSRF =~ ^[0-9a-f]{64}$ ]] ||
		die "the register form lacks its csrf or captcha fields"
	REG_NONCE=$(captcha_solve "$REG_SALT" "$REG_BITS")
}

# reg_post JAR USERNAME EMAIL PASSWORD [NAME=VALUE | -NAME]...: POST
# /register as JAR with those fields, password2 = PASSWORD, country BD,
# terms ticked, and the csrf and solved captcha of the last reg_open;
# NAME=VALUE sets a field (adds or replaces), -NAME leaves it out.
reg_post() {
	local jar=$1 kv name args=()
	local -A f=([username]=$2 [email]=$3 [password]=$4 [password2]=$4
		[country]=BD [terms]=1 [csrf]=$REG_CSRF
		[captcha_salt]=$REG_SALT [captcha_expires]=$REG_EXPIRES
		[captcha_bits]=$REG_BITS [captcha_sig]=$REG_SIG
		[captcha_nonce]=$REG_NONCE)
	shift 4
	for kv in "$@"; do
		if [[ $kv == -* ]]; then
			unset "f[${kv#-}]"
		else
			f[${kv%%=*}]=${kv#*=}
		fi
	done
	for name in "${!f[@]}"; do
		args+=("$name=${f[$name]}")
	done
	bpost "$jar" /register "${args[@]}"
}

# ------------------------------------------------------------ mail

# mail_path FILE PREFIX: print the path and query of the link to PREFIX
# (for example /activate) in the mail in FILE.
mail_path() {
	local url
	url=$(mail_link "$1" "$2") || return 1
	[[ $url == "$KAAJ_URL"/* ]] || {
		warn "link $url is not on $KAAJ_URL"
		return 1
	}
	printf '%s\n' "${url#"$KAAJ_URL"}"
}

# mail_n ADDRESS: the number of mails sent to ADDRESS.
mail_n() {
	mail_files_to "$1" | wc -l
}

# link_to ADDRESS N PREFIX: wait for the Nth mail to ADDRESS and print
# the path of its link to PREFIX; false (with a message) without one.
link_to() {
	local f
	mail_wait_to "$1" "$2" || return 1
	f=$(mail_files_to "$1" | sed -n "${2}p")
	mail_path "$f" "$3"
}

# ------------------------------------------------------------ accounts

# reg_user JAR USERNAME [PASSWORD]: register USERNAME with the address
# USERNAME@example.test as the browser JAR (captcha solved) and print the
# path of the link in the activation mail. Dies when that does not work.
reg_user() {
	local jar=$1 email=$2@example.test n
	acc_clear_ip_limits
	n=$(mail_n "$email")
	reg_open "$jar"
	reg_post "$jar" "$2" "$email" "${3:-$ACC_PASSWORD}"
	if [[ $HTTP_STATUS != 200 ]] || ! grep -qF 'Check your e-mail' "$HTTP_BODY"; then
		show_response >&2
		die "reg_user $2: registration refused ($HTTP_STATUS)"
	fi
	link_to "$email" "$((n + 1))" /activate ||
		die "reg_user $2: no activation mail"
}

# make_user USERNAME [PASSWORD]: create the active account USERNAME with
# the address USERNAME@example.test the way a visitor does: register, then
# follow the activation link. Dies when that does not work.
make_user() {
	local jar path
	jar=$(jar_new "make-$1")
	path=$(reg_user "$jar" "$@")
	bget "$jar" "$path"
	[[ $HTTP_STATUS == 303 ]] || {
		show_response
		die "make_user $1: activation answered $HTTP_STATUS"
	}
	rm -f "$jar"
}

# login_as JAR LOGIN PASSWORD [NEXT]: post the login form as JAR with
# LOGIN and PASSWORD (and NEXT), with the csrf field the form would carry:
# read from /login, or for a logged-in browser (which /login sends on)
# derived from its session cookie.
login_as() {
	local jar=$1 csrf
	bget "$jar" /login
	csrf=$(form_value csrf)
	[[ -n $csrf ]] || csrf=$(csrf_token "$(jar_cookie "$jar" kaaj_session)")
	bpost "$jar" /login "csrf=$csrf" "login=$2" "password=$3" ${4+"next=$4"}
}

# logged_in JAR: print the status of GET /settings as JAR (200 when its
# session works, 303 to the login page when not).
logged_in() {
	bget "$1" /settings
	echo "$HTTP_STATUS"
}

# page_csrf JAR PATH: GET PATH as JAR and print its form's csrf field.
page_csrf() {
	bget "$1" "$2"
	form_value csrf
}
