#!/bin/bash
#
# t_85_shared_host: kaaj on a shared host without root, as docs/deploy.md
# says: kaaj installed in a home folder (make install), the shipped
# etc/shared-host.htaccess as public_html/.htaccess beside the shipped
# kaaj.fcgi script and a copy of the static files, the configuration and
# uploads outside public_html. A private Apache that gives public_html
# AllowOverride All, as such hosts do, runs as an ordinary user (nobody
# when the suite runs as root) twice: with mod_fcgid, then with only
# mod_cgid (plain CGI, a process per request). Each time a visitor
# registers with the captcha, activates, logs in and loads the board, a
# job page and kaaj's 404; the board comes gzipped; and the log shows
# which way kaaj.fcgi ran.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"
# shellcheck source-path=SCRIPTDIR source=served.sh
. "$KAAJ_SRCDIR/tests/integration/served.sh"
# shellcheck source-path=SCRIPTDIR source=apache.sh
. "$KAAJ_SRCDIR/tests/integration/apache.sh"

SITE=$KAAJ_WORK/apache-shared.conf

# install_home: make install into $HOME_DIR/kaaj, and public_html as the
# docs say; kaaj.conf names the installed templates and plugins.
install_home() {
	local prefix stage=$KAAJ_TMP/t85stage out rc=0
	HOME_DIR=$KAAJ_APACHE_DIR/home
	prefix=$(sed -n 's/^prefix = //p' "$KAAJ_BUILDDIR/Makefile")
	rm -rf "$stage"
	out=$(make -s -C "$KAAJ_BUILDDIR" install DESTDIR="$stage" 2>&1) || rc=$?
	expect_eq "make install for the home folder: exit status" "$rc" 0
	((rc == 0)) || die "make install failed: $out"
	mkdir -p "$HOME_DIR/public_html"
	mv "$stage$prefix" "$HOME_DIR/kaaj"
	cp "$KAAJ_SRCDIR/etc/shared-host.htaccess" "$HOME_DIR/public_html/.htaccess"
	sed -e "s|@KAAJ_CONFIG@|$KAAJ_APACHE_ETC/kaaj/kaaj.conf|" \
		-e "s|@KAAJ_FCGI@|$HOME_DIR/kaaj/libexec/kaaj/kaaj.fcgi|" \
		"$KAAJ_SRCDIR/etc/shared-host-kaaj.fcgi.in" >"$HOME_DIR/public_html/kaaj.fcgi"
	chmod 755 "$HOME_DIR/public_html/kaaj.fcgi"
	cp -r "$HOME_DIR/kaaj/share/kaaj/static" "$HOME_DIR/public_html/static"
	cp "$HOME_DIR/kaaj/share/kaaj/static/favicon.ico" "$HOME_DIR/public_html/"
	((EUID != 0)) || chown -R nobody:nogroup "$HOME_DIR"
	cat >"$SITE" <<-EOF
		DocumentRoot "$HOME_DIR/public_html"
		<Directory "$HOME_DIR/public_html">
			AllowOverride All
			Require all granted
		</Directory>
	EOF
}

# home_config: kaaj.conf (outside public_html) names the installed
# templates and plugins. Runs after apache_start wrote it.
home_config() {
	local conf=$KAAJ_APACHE_ETC/kaaj/kaaj.conf
	conf_set "$conf" templates "\"$HOME_DIR/kaaj/share/kaaj/templates\""
	conf_set "$conf" plugins "\"$HOME_DIR/kaaj/lib/kaaj/plugins\""
	conf_set "$conf" static "\"$HOME_DIR/public_html/static\""
}

# pids_of_gets: GET / twice; print the pids kaaj logged for them.
pids_of_gets() {
	local n
	n=$(wc -l <"$KAAJ_APACHE_LOG_DIR/error.log")
	http GET /
	http GET /
	tail -n "+$((n + 1))" "$KAAJ_APACHE_LOG_DIR/error.log" |
		sed -n 's/.*kaaj\[\([0-9]*\)\] info \[[^]]*\] GET \/ 200.*/\1/p'
}

# serve MODE: start Apache with MODE's program runner (fcgid or cgid) and
# go through the site as a visitor.
serve() {
	local mode=$1 jar user camp pids
	if [[ $mode == cgid ]]; then
		KAAJ_APACHE_MODS=("${KAAJ_APACHE_MODS[@]/fcgid/cgid}")
	fi
	apache_start "$SITE"
	home_config
	KAAJ_URL=$KAAJ_APACHE_URL
	wait_http_ready /
	say "# $mode: Apache on $KAAJ_URL"

	http GET /
	expect_status 200 "$mode: the board"
	expect_header Content-Security-Policy "default-src 'self'" "$mode: ... is kaaj's page"
	camp=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    ORDER BY id LIMIT 1")
	http GET "/jobs/$camp?from=board"
	expect_status 200 "$mode: a job page with a query string"
	api_key_passes
	http GET /no-such-page
	expect_error_page 404 'Page not found' "$mode: kaaj's 404"
	http GET /static/kaaj.css
	expect_status 200 "$mode: the style sheet, served by Apache"
	expect_match "$mode: ... kept an hour without a version" \
		"$(http_header Cache-Control)" 'max-age=3600$'
	http GET "/static/kaaj.css?v=$(b2sum -l 64 "$HOME_DIR/public_html/static/kaaj.css" | cut -c1-16)"
	expect_match "$mode: ... a year with the version kaaj links" \
		"$(http_header Cache-Control)" 'max-age=31536000$'
	http GET /
	expect_body "/static/kaaj.css?v=$(b2sum -l 64 "$HOME_DIR/public_html/static/kaaj.css" | cut -c1-16)" \
		"$mode: ... the version of public_html's copy (paths.static)"
	check_gzip "$mode: the board" /

	user=t85${mode:0:2}_$(random_hex 3)
	jar=$(jar_new "t85$mode")
	make_user "$user"
	ok "$mode: registered and activated $user"
	login_as "$jar" "$user" "$ACC_PASSWORD"
	expect_status 303 "$mode: login"
	bget "$jar" /
	expect_status 200 "$mode: the board, logged in"
	expect_body "$user" "$mode: ... names the user"

	pids=$(pids_of_gets | sort -u | wc -l)
	if [[ $mode == cgid ]]; then
		expect_eq "cgid: each request ran its own kaaj.fcgi (2 pids for 2 GETs)" "$pids" 2
		expect_eq "cgid: no kaaj.fcgi stays running" "$(apache_fcgi_pids | wc -l)" 0
	else
		expect_eq "fcgid: one kaaj.fcgi served both GETs" "$pids" 1
		check "fcgid: mod_fcgid runs kaaj.fcgi" test -n "$(apache_fcgi_pids)"
	fi
	apache_stop
}

main() {
	apache_init
	install_home
	serve fcgid
	serve cgid
	test_done
}

main "$@"
