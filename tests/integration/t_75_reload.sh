#!/bin/bash
#
# t_75_reload: SIGHUP makes kaaj.fcgi read kaaj.conf, the language files
# and the plugins again, in the same process. A change of site.name shows
# on the next page; a syntax error, an unknown key, a bad value and a
# broken bn.hdf are each logged with file:line while the old settings keep
# serving; fixed, the change takes effect. Plugins added to and removed
# from the folder follow on /admin/jobtypes and the board, which also
# lists the refused test plugins with their reasons. A changed database key
# makes the process connect again. kaaj-admin reload
# refuses a bad file (exit 1, file:line) and tells no process; with a good
# one it makes the running kaaj.fcgi reload. The shared config is restored
# at the end. A template that does not parse (a page's or a mail's) is
# refused at the reload with file:line. An edit of a static file changes the version its link
# carries (paths.static); a static folder that is not there is refused.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

SAVED=$KAAJ_TMP/t75-kaaj.conf
TPL=$KAAJ_TMP/t75-templates
PID=
AT=

# line_of FILE TEXT: the number of the first line of FILE holding TEXT.
line_of() {
	grep -nF -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# set_site_name NAME: site.name (the first "name =" of the file) is NAME.
set_site_name() {
	sed -i -e "0,/^[[:space:]]*name[[:space:]]*=.*/s//\tname = \"$1\";/" "$KAAJ_CONF"
}

# log_lines: how many lines the kaaj.fcgi log has now.
log_lines() {
	wc -l <"$KAAJ_FCGI_LOG"
}

# hup_and_get FROM-LINE: SIGHUP kaaj.fcgi, ask for / (it reloads before
# serving it), and set LOG to what was logged after line FROM-LINE.
hup_and_get() {
	kill -HUP "$PID"
	http GET /
	LOG=$(tail -n "+$(($1 + 1))" "$KAAJ_FCGI_LOG")
}

# expect_kept WHAT NAME: the page still shows site name NAME, served by
# the same process.
expect_kept() {
	expect_status 200 "$1: GET / still served"
	expect_body "$2</title>" "$1: the old site name $2 keeps serving"
	expect_eq "$1: the same kaaj.fcgi serves" "$(fcgi_pid)" "$PID"
	expect_match "$1: the log says the old configuration keeps serving" \
		"$LOG" "SIGHUP: the configuration loaded before keeps serving"
}

# refused_edit WHAT REGEX: after the edit made to $KAAJ_CONF, SIGHUP logs
# REGEX (file:line and what) and the site keeps "Reload 75".
refused_edit() {
	local from
	from=$(log_lines)
	hup_and_get "$from"
	expect_match "$1: the log names file:line" "$LOG" "$2"
	expect_kept "$1" "Reload 75"
	cp "$SAVED.good" "$KAAJ_CONF"
}

name_takes_effect() {
	cp "$KAAJ_CONF" "$SAVED"
	PID=$(fcgi_pid)
	[[ -f $KAAJ_RUN_DIR/kaaj-fcgi.$PID.pid ]] &&
		ok "kaaj.fcgi keeps a pid file in paths.run" ||
		fail "kaaj.fcgi keeps a pid file in paths.run" "$(ls -la "$KAAJ_RUN_DIR")"
	# The language files from a copy of the templates, to break it later.
	rm -rf "$TPL"
	cp -r "$KAAJ_SRCDIR/templates" "$TPL"
	conf_set "$KAAJ_CONF" templates "\"$TPL\""
	set_site_name "Reload 75"
	hup_and_get "$(log_lines)"
	expect_status 200 "GET / after site.name changed and SIGHUP"
	expect_body "Reload 75</title>" "the page shows the new site name"
	expect_eq "the same kaaj.fcgi serves after SIGHUP" "$(fcgi_pid)" "$PID"
	cp "$KAAJ_CONF" "$SAVED.good"
}

# css_link: the style sheet's link on the board.
css_link() {
	http GET /
	grep -o '<link rel="stylesheet" href="[^"]*"' "$HTTP_BODY" |
		sed 's/.*href="//; s/"$//'
}

# static_versions_follow: an edit of a static file changes its link's
# version (paths.static) at the next SIGHUP; a static folder that cannot
# be read is refused like any bad edit.
static_versions_follow() {
	local dir=$KAAJ_TMP/t75-static before
	rm -rf "$dir"
	cp -r "$KAAJ_STATIC_DIR" "$dir"
	conf_set "$KAAJ_CONF" static "\"$dir\""
	hup_and_get "$(log_lines)"
	before=$(css_link)
	expect_eq "the style sheet's link has its version" "$before" \
		"/static/kaaj.css?v=$(b2sum -l 64 "$dir/kaaj.css" | cut -c1-16)"
	printf '\n/* an admin edit */\n' >>"$dir/kaaj.css"
	hup_and_get "$(log_lines)"
	expect_eq "after an edit of kaaj.css and SIGHUP, the link's version is new" \
		"$(css_link)" \
		"/static/kaaj.css?v=$(b2sum -l 64 "$dir/kaaj.css" | cut -c1-16)"
	check "... and differs from the one before" test "$(css_link)" != "$before"
	cp "$KAAJ_CONF" "$SAVED.good"
	conf_set "$KAAJ_CONF" static "\"$dir-missing\""
	refused_edit "a static folder that is not there" \
		"$dir-missing: cannot read the static files \(paths.static\)"
}

bad_edits() {
	local n
	n=$(($(line_of "$KAAJ_CONF" 'site = {') + 1))
	sed -i -e "${n}i\\	broken = ;" "$KAAJ_CONF"
	refused_edit "a syntax error" "$KAAJ_CONF:$n: "

	n=$(($(line_of "$KAAJ_CONF" 'limits = {') + 1))
	sed -i -e "${n}i\\	frobnicate = 1;" "$KAAJ_CONF"
	refused_edit "an unknown key" "$KAAJ_CONF:$n: .*frobnicate"

	sed -i -e 's/^\([[:space:]]*board_page_size = \).*/\11000;/' "$KAAJ_CONF"
	n=$(line_of "$KAAJ_CONF" 'board_page_size = 1000')
	refused_edit "a bad value" "$KAAJ_CONF:$n: .*board_page_size"

	cp "$TPL/lang/bn.hdf" "$KAAJ_TMP/t75-bn.hdf"
	echo 'this line is not HDF' >>"$TPL/lang/bn.hdf"
	n=$(wc -l <"$TPL/lang/bn.hdf")
	set_site_name "Not Yet 75"
	refused_edit "a broken bn.hdf" "$TPL/lang/bn.hdf:$n\\]"
	http GET / -H 'Accept-Language: bn'
	expect_status 200 "the Bengali pages still serve after the refused reload"
	cp "$KAAJ_TMP/t75-bn.hdf" "$TPL/lang/bn.hdf"

	# A template edit that does not parse: refused at the reload with
	# its file:line, not left to fail its pages later.
	cp "$TPL/job.cs" "$KAAJ_TMP/t75-job.cs"
	printf '<?cs if:Page.Title ?>never closed\n' >>"$TPL/job.cs"
	refused_edit "a broken job.cs" "template job.cs: .*job.cs"
	http GET "/jobs/$(db_sql "SELECT id FROM campaigns WHERE status = 'running' ORDER BY id LIMIT 1")"
	expect_status 200 "a job page still renders after the refused reload"
	cp "$KAAJ_TMP/t75-job.cs" "$TPL/job.cs"
	printf '<?cs var:Mail.Nothing \n' >>"$TPL/mail/activate.cs"
	refused_edit "a broken mail template" "template mail/activate.cs: "
	cp "$KAAJ_SRCDIR/templates/mail/activate.cs" "$TPL/mail/activate.cs"

	set_site_name "Fixed 75"
	hup_and_get "$(log_lines)"
	expect_body "Fixed 75</title>" "fixed: the new site name takes effect"
	expect_match "fixed: the log says it reloaded" "$LOG" "SIGHUP: reloaded $KAAJ_CONF"
	expect_eq "fixed: the same kaaj.fcgi serves" "$(fcgi_pid)" "$PID"
}

# jobtypes_page: GET /admin/jobtypes as the demo admin.
jobtypes_page() {
	http GET /admin/jobtypes -b "kaaj_session=$AT"
	expect_status 200 "GET /admin/jobtypes"
}

plugins_follow() {
	local so=$KAAJ_PLUGIN_DIR/visit.so
	AT=$(new_session admin)
	jobtypes_page
	expect_body 'id="type-visit"' "/admin/jobtypes lists visit"
	expect_body "$so" "... with its file"
	expect_body 'id="refused"' "/admin/jobtypes has a list of refused plugins"
	expect_body "$KAAJ_PLUGIN_DIR/badabi.so" "... naming badabi.so"
	expect_body "ABI version 999" "... with the reason the loader logged"
	expect_body "$KAAJ_PLUGIN_DIR/evil.so" "... and the symlink evil.so"
	http GET /admin -b "kaaj_session=$AT"
	expect_body '/admin/jobtypes"' "/admin links to /admin/jobtypes"

	mv "$so" "$KAAJ_TMP/visit.so"
	hup_and_get "$(log_lines)"
	expect_no_body 'value="visit"' "visit.so removed, SIGHUP: the board no longer offers it"
	jobtypes_page
	expect_no_body 'id="type-visit"' "... nor does /admin/jobtypes list it"
	mv "$KAAJ_TMP/visit.so" "$so"
	hup_and_get "$(log_lines)"
	expect_body 'value="visit"' "visit.so added, SIGHUP: the board offers it"
	jobtypes_page
	expect_body 'id="type-visit"' "... and /admin/jobtypes lists it"
}

# A changed database key takes effect at the reload: the process connects
# again, and pages that read the database still work.
db_settings_follow() {
	conf_set "$KAAJ_CONF" timeout 21
	hup_and_get "$(log_lines)"
	expect_match "database.timeout changed: the process connects again" \
		"$LOG" "SIGHUP: database settings changed: connecting again"
	jobtypes_page
	expect_body 'id="type-visit"' "... and serves a logged-in page"
	expect_eq "... in the same kaaj.fcgi" "$(fcgi_pid)" "$PID"
}

admin_reload() {
	local out rc n from
	n=$(($(line_of "$KAAJ_CONF" 'limits = {') + 1))
	sed -i -e "${n}i\\	frobnicate = 1;" "$KAAJ_CONF"
	from=$(log_lines)
	rc=0
	out=$(kaaj_admin reload 2>&1) || rc=$?
	expect_eq "kaaj-admin reload, unknown key: exit status" "$rc" 1
	expect_match "... names file:line" "$out" "$KAAJ_CONF:$n: .*frobnicate"
	expect_no_body_text "... tells no process" "$out" "told"
	http GET /
	expect_no_log "... kaaj.fcgi got no SIGHUP" "$from" "SIGHUP"
	cp "$SAVED.good" "$KAAJ_CONF"
	set_site_name "Fixed 75"

	echo 'this line is not HDF' >>"$TPL/lang/bn.hdf"
	n=$(wc -l <"$TPL/lang/bn.hdf")
	rc=0
	out=$(kaaj_admin reload 2>&1) || rc=$?
	expect_eq "kaaj-admin reload, broken bn.hdf: exit status" "$rc" 1
	expect_match "... names file:line" "$out" "$TPL/lang/bn.hdf:$n\\]"
	expect_no_body_text "... tells no process" "$out" "told"
	cp "$KAAJ_TMP/t75-bn.hdf" "$TPL/lang/bn.hdf"

	set_site_name "Admin Reload 75"
	rc=0
	out=$(kaaj_admin reload 2>&1) || rc=$?
	expect_eq "kaaj-admin reload, good file: exit status" "$rc" 0
	expect_match "... lists a refused plugin" "$out" "plugin $KAAJ_PLUGIN_DIR/badabi.so refused: ABI version 999"
	expect_match "... says it told one process" "$out" "^told 1 kaaj.fcgi process to reload$"
	http GET /
	expect_body "Admin Reload 75</title>" "... and the page shows the new site name"
	expect_eq "... served by the same kaaj.fcgi" "$(fcgi_pid)" "$PID"
}

# expect_no_body_text WHAT TEXT STRING: TEXT does not hold STRING.
expect_no_body_text() {
	if [[ $2 == *"$3"* ]]; then
		fail "$1" "unexpected: $3" "in: $(head -c 600 <<<"$2")"
	else
		ok "$1"
	fi
}

# expect_no_log WHAT FROM-LINE REGEX: nothing logged after FROM-LINE
# matches REGEX.
expect_no_log() {
	if tail -n "+$(($2 + 1))" "$KAAJ_FCGI_LOG" | grep -Eq -- "$3"; then
		fail "$1" "$(tail -n "+$(($2 + 1))" "$KAAJ_FCGI_LOG" | grep -E -- "$3")"
	else
		ok "$1"
	fi
}

# restore: the stack's own config and templates, in effect.
restore() {
	[[ -f $SAVED ]] || return 0
	cp "$SAVED" "$KAAJ_CONF"
	kill -HUP "$(fcgi_pid)" 2>/dev/null || true
	http GET /
	rm -rf "$TPL" "$KAAJ_TMP/t75-static"
}

main() {
	trap restore EXIT
	name_takes_effect
	static_versions_follow
	bad_edits
	plugins_follow
	db_settings_follow
	admin_reload
	restore
	expect_no_body "Admin Reload 75" "the stack's config is back in effect"
	trap - EXIT
	test_done
}

main "$@"
