#!/bin/bash
#
# t_81_apache: the shipped Apache setup (etc/apache-kaaj.conf.in, mod_fcgid)
# serves the site. A private Apache 2.4 on loopback, in front of the
# stack's database, runs kaaj.fcgi through mod_fcgid with the sample
# rendered for the build tree. Through it: the sample passes apache2 -t;
# pages, query strings and kaaj's own 404 come through the rewrite; pages
# and the style sheet are gzipped (the same checks t_22 makes of nginx);
# the icon and static files are Apache's, with their cache times; a
# visitor registers, activates, logs in and claims a task; a form body
# above mod_fcgid's default limit of 128 KiB reaches kaaj; and a kaaj.fcgi
# process killed with SIGKILL is replaced, the site answering throughout.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"
# shellcheck source-path=SCRIPTDIR source=served.sh
. "$KAAJ_SRCDIR/tests/integration/served.sh"
# shellcheck source-path=SCRIPTDIR source=apache.sh
. "$KAAJ_SRCDIR/tests/integration/apache.sh"

SITE=$KAAJ_WORK/apache-site.conf

# routes: the rewrite hands every path but /static/ to kaaj, with its query.
routes() {
	local camp cat
	http GET /
	expect_status 200 "the board through Apache"
	expect_body 'kaaj' "the board is kaaj's page"
	camp=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    ORDER BY id LIMIT 1")
	cat=$(db_sql "SELECT category FROM campaigns WHERE id = $camp")
	http GET "/jobs/$camp"
	expect_status 200 "a job page (/jobs/$camp) through Apache"
	http GET "/?category=$cat"
	expect_status 200 "the board with ?category=$cat"
	expect_body "value=\"$cat\" selected" "... the query string reached kaaj"
	http GET /no-such-page
	expect_error_page 404 'Page not found' "an unknown path: kaaj's 404"
	http POST /help
	expect_status 405 "POST /help (a GET page) -> 405"
}

# visitor: register with the captcha, activate from the mail, log in,
# claim a task: every form and cookie through Apache.
visitor() {
	local jar user camp
	user=t81_$(random_hex 3)
	jar=$(jar_new t81)
	make_user "$user"
	ok "registered and activated $user through Apache"
	login_as "$jar" "$user" "$ACC_PASSWORD"
	expect_status 303 "login through Apache"
	expect_true "... sets the session cookie" "none in the jar" \
		test -n "$(jar_cookie "$jar" kaaj_session)"
	bget "$jar" /settings
	expect_status 200 "the settings page with that session"
	camp=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    AND countries_mode = 'all' AND min_success = 0
	    AND slots_taken < slots_total ORDER BY id LIMIT 1")
	bpost "$jar" /tasks/claim "csrf=$(csrf_token "$(jar_cookie "$jar" kaaj_session)")" \
		"campaign=$camp"
	expect_status 303 "claim a task of campaign $camp"
	expect_header Location '^/tasks/[0-9]+([?]|$)' "... goes to the task page"
	bget "$jar" "$(http_header Location)"
	expect_status 200 "the task page"
}

# big_body: a form of 300 KiB (above mod_fcgid's default 128 KiB, below
# kaaj's limits.max_body) reaches kaaj.
big_body() {
	local f=$KAAJ_TMP/t81-big
	{
		printf 'login=someone&password='
		head -c 307200 /dev/zero | tr '\0' 'a'
	} >"$f"
	http POST /login --data-binary "@$f" \
		-H 'Content-Type: application/x-www-form-urlencoded'
	# kaaj refuses the 300 KiB password field itself (413, with the
	# headers of its own pages); mod_fcgid would have answered 500.
	expect_eq "a 300 KiB form -> kaaj's 413 for the long field, not Apache's 500" \
		"$HTTP_STATUS" 413
	expect_header Content-Security-Policy "default-src 'self'" \
		"... the answer is kaaj's page"
	if grep -qs 'MaxRequestLen' "$KAAJ_APACHE_LOG_DIR/error.log"; then
		fail "... mod_fcgid took the whole body" \
			"$(grep 'MaxRequestLen' "$KAAJ_APACHE_LOG_DIR/error.log" | tail -n 1)"
	else
		ok "... mod_fcgid took the whole body"
	fi
}

# survives_kill: kill -9 every kaaj.fcgi process Apache runs while
# requests go on; mod_fcgid starts new ones and every request is answered.
survives_kill() {
	local before after pid i bad=0 t0 ms first=0 slowest=0
	mapfile -t before < <(apache_fcgi_pids)
	((${#before[@]} > 0)) || die "found no kaaj.fcgi under Apache"
	kill -KILL "${before[@]}"
	for ((i = 0; i < 20; i++)); do
		t0=$(date +%s%N)
		http GET /
		ms=$((($(date +%s%N) - t0) / 1000000))
		((i > 0)) || first=$ms
		((ms < slowest)) || slowest=$ms
		[[ $HTTP_STATUS == 200 ]] || bad=$((bad + 1))
	done
	expect_eq "20 requests after kill -9 of ${#before[@]} kaaj.fcgi: all 200" "$bad" 0
	# mod_fcgid 2.3.9 starts the new process when a request finds none;
	# that request waits about a second.
	say "# after the kill: the first request took $first ms, the slowest $slowest ms"
	mapfile -t after < <(apache_fcgi_pids)
	for pid in "${before[@]}"; do
		if printf '%s\n' "${after[@]}" | grep -qx "$pid"; then
			fail "the killed process $pid is gone"
		fi
	done
	expect_true "mod_fcgid runs a new kaaj.fcgi (${after[*]:-none})" \
		"none found" test "${#after[@]}" -gt 0
}

main() {
	local out pid pids=() left=()
	apache_init
	apache_render_site "$SITE"
	# The syntax check needs the port and files apache_start writes.
	KAAJ_APACHE_PORT=$(pick_free_port)
	apache_site_config
	apache_render "$KAAJ_APACHE_PORT" "$SITE"
	if out=$(apache_as_server "$KAAJ_APACHE_BIN" -d "$KAAJ_APACHE_DIR" \
		-f "$KAAJ_APACHE_DIR/httpd.conf" -t 2>&1); then
		ok "apache2 -t accepts the sample"
	else
		fail "apache2 -t accepts the sample" "$out"
	fi
	apache_start "$SITE"
	say "# Apache on $KAAJ_APACHE_URL, logs in $KAAJ_APACHE_LOG_DIR"
	KAAJ_URL=$KAAJ_APACHE_URL
	wait_http_ready /

	routes
	check_gzip "the board (GET /) through Apache" /
	check_gzip "the style sheet through Apache" /static/kaaj.css
	favicon
	static_cache
	api_key_passes
	visitor
	big_body
	survives_kill

	mapfile -t pids < <(apache_fcgi_pids)
	apache_stop
	for pid in "${pids[@]}"; do
		! proc_alive "$pid" || left+=("$pid")
	done
	expect_eq "no kaaj.fcgi of Apache's is left after it stops" "${left[*]}" ""
	test_done
}

main "$@"
