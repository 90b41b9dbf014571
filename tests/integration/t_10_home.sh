#!/bin/bash
#
# t_10_home: the home page lists the running campaigns from MariaDB, with
# every title HTML-escaped; a job page shows its campaign; static files and
# the request log work.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# copy_campaign TITLE STATUS: insert a copy of the first running demo
# campaign (and its job-type fields) with TITLE and STATUS; print its id.
copy_campaign() {
	local title=$1 status=$2 src
	src=$(db_sql "SELECT MIN(id) FROM campaigns WHERE status = 'running'")
	[[ $src =~ ^[0-9]+$ ]] || die "no running demo campaign to copy (did load-demo run?)"
	db_sql "INSERT INTO campaigns (owner_id, job_type, category, title,
	        instructions, proof_instructions, slots_total, pay_per_task,
	        status, minutes_to_finish, days_to_rate)
	    SELECT owner_id, job_type, category, '$title', instructions,
	        proof_instructions, slots_total, pay_per_task, '$status',
	        minutes_to_finish, days_to_rate
	    FROM campaigns WHERE id = $src;
	    SET @new = LAST_INSERT_ID();
	    INSERT INTO campaign_fields (campaign_id, name, value)
	    SELECT @new, name, value FROM campaign_fields WHERE campaign_id = $src;
	    SELECT @new"
}

# html_text: stdin with & < > escaped as HTML would show them.
html_text() {
	sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'
}

# body_text: the last response body with the usual entities for ' and "
# turned back into the characters, so titles compare either way.
body_text() {
	sed -e "s/&#39;/'/g" -e "s/&#039;/'/g" -e "s/&apos;/'/g" \
		-e 's/&quot;/"/g' -e 's/&#34;/"/g' -e 's/&#034;/"/g' "$HTTP_BODY"
}

demo_titles_listed() {
	local n title absent=0 page seen=0
	n=$(db_sql "SELECT COUNT(*) FROM campaigns c JOIN users u ON u.id = c.owner_id
	    WHERE c.status = 'running' AND u.username = 'alice'")
	if ((n >= 5)); then
		ok "load-demo made $n running campaigns owned by alice"
	else
		fail "load-demo made at least 5 running campaigns owned by alice" "got $n"
	fi
	http GET /
	page=$(body_text)
	while IFS= read -r title; do
		seen=$((seen + 1))
		if ! grep -qF -- "$(html_text <<<"$title")" <<<"$page"; then
			fail "home page lists running campaign \"$title\""
			absent=1
		fi
	done < <(db_sql "SELECT title FROM campaigns WHERE status = 'running'
	    ORDER BY id DESC LIMIT 20")
	if ((!absent && seen > 0)); then
		ok "home page lists all $seen running campaign titles from the DB"
	elif ((seen == 0)); then
		fail "home page lists the running campaign titles from the DB" "the DB has none"
	fi
}

main() {
	local tok running paused xss id
	tok=$(random_hex 6)
	running="Test campaign $tok running"
	paused="Test campaign $tok paused"
	xss="<b>bold-$tok</b> & co"

	http GET /
	expect_status 200 "GET /"
	expect_header Content-Type '^text/html' "home page is HTML"

	id=$(copy_campaign "$running" running)
	copy_campaign "$paused" paused >/dev/null
	copy_campaign "$xss" running >/dev/null
	demo_titles_listed

	http GET /
	expect_body "$running" "home page shows the title the test inserted via SQL"
	expect_no_body "$paused" "home page leaves out a paused campaign"
	expect_body "&lt;b&gt;bold-$tok&lt;/b&gt; &amp; co" "a title with HTML is escaped"
	expect_no_body "<b>bold-$tok</b>" "a title with HTML is not markup"

	http GET "/jobs/$id"
	expect_status 200 "GET /jobs/$id (the inserted campaign)"
	expect_body "$running" "job page shows its title"

	if [[ -f $KAAJ_STATIC_DIR/kaaj.css ]]; then
		http GET /static/kaaj.css
		expect_status 200 "GET /static/kaaj.css (served by nginx)"
		expect_header Content-Type '^text/css' "style sheet is text/css"
	fi

	expect_match "request log line for GET /" "$(cat "$KAAJ_FCGI_LOG")" \
		"kaaj\[$(fcgi_pid)\] info \[[^]]+\] GET / 200 [0-9.]+ ?ms"
	test_done
}

main "$@"
