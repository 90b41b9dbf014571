#!/bin/bash
#
# t_11_board: the job board filters by category and job type, sorts by
# newest or by pay with keyset pages that neither skip nor repeat a job,
# and hides from a worker what they cannot take: their own campaigns, ones
# they already took, ones closed to their country, above their success
# rate, or of an employer who blocked them. Bad filters get a 400.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

TAG=b$(random_hex 3)

# campaign TITLE PAY [SQL-SET]: a running signup campaign by alice; prints
# its id. SQL-SET is extra "col = value, ..." for the new row.
campaign() {
	local set=${3:+, $3}
	db_sql "INSERT INTO campaigns (owner_id, job_type, category, title,
	        instructions, proof_instructions, slots_total, pay_per_task,
	        status)
	    SELECT id, 'signup', 'signup', '$TAG $1', 'do it', 'proof', 5, $2,
	        'running' FROM users WHERE username = 'alice';
	    SET @c = LAST_INSERT_ID();
	    UPDATE campaigns SET id = id $set WHERE id = @c;
	    SELECT @c"
}

# titles: the campaign titles of this test on the last page, in order.
titles() {
	grep -o "$TAG [A-Za-z0-9_ ]*" "$HTTP_BODY" || true
}

sorting() {
	local a b c d out pages=() next url
	a=$(campaign low 20000)
	b=$(campaign high 90000)
	c=$(campaign mid 50000)
	d=$(campaign mid2 50000)
	: "$a $b $c $d"
	http GET "/?sort=pay&category=signup"
	expect_status 200 "board sorted by pay"
	out=$(titles | tr '\n' ',')
	expect_eq "best paid first, equal pay newest first" "$out" \
		"$TAG high,$TAG mid2,$TAG mid,$TAG low,"
	http GET "/?sort=new"
	out=$(titles | tr '\n' ',')
	expect_eq "newest first" "$out" "$TAG mid2,$TAG mid,$TAG high,$TAG low,"
	# Walk every page by pay: each running campaign once, in order.
	url="/?sort=pay&category=signup&type=signup"
	while :; do
		http GET "$url"
		mapfile -t -O "${#pages[@]}" pages < <(grep -o 'href="/jobs/[0-9]*"' "$HTTP_BODY")
		next=$(grep -o 'href="/?[^"]*before=[0-9]*&amp;pay=[0-9]*"' "$HTTP_BODY" |
			sed -e 's/^href="//' -e 's/"$//' -e 's/&amp;/\&/g' || true)
		[[ -n $next ]] || break
		url=$next
	done
	expect_eq "keyset pages by pay show each open campaign once" \
		"$(printf '%s\n' "${pages[@]}" | sort | uniq -d | wc -l)" 0
	expect_eq "keyset pages by pay show every open campaign" "${#pages[@]}" \
		"$(db_sql "SELECT COUNT(*) FROM campaigns WHERE status = 'running'
		    AND slots_taken < slots_total")"
}

hidden_from_worker() {
	local tok own taken india blocked picky ok_id
	db_sql "UPDATE users SET country = 'BD', tasks_satisfied = 1,
	    tasks_rejected = 1 WHERE username = 'bob'"
	own=$(db_sql "INSERT INTO campaigns (owner_id, job_type, category, title,
	        instructions, proof_instructions, slots_total, pay_per_task,
	        status) SELECT id, 'signup', 'signup', '$TAG bobs own', 'x', 'y',
	        5, 30000, 'running' FROM users WHERE username = 'bob';
	    SELECT LAST_INSERT_ID()")
	taken=$(campaign taken 30000)
	db_sql "INSERT INTO tasks (campaign_id, worker_id, deadline)
	    SELECT $taken, id, UTC_TIMESTAMP() + INTERVAL 1 HOUR FROM users
	    WHERE username = 'bob'"
	india=$(campaign indiaonly 30000 "countries_mode = 'include', countries = 'IN,PK'")
	blocked=$(campaign excludesbd 30000 "countries_mode = 'exclude', countries = 'BD'")
	picky=$(campaign picky 30000 "min_success = 90")
	ok_id=$(campaign forbob 30000 "countries_mode = 'include', countries = 'IN,BD'")
	: "$own $india $blocked $picky"
	tok=$(new_session bob)
	http GET "/?sort=new" -b "kaaj_session=$tok"
	expect_status 200 "bob's board"
	for t in "bobs own" taken indiaonly excludesbd picky; do
		expect_no_body "$TAG $t" "bob is not offered: $t"
	done
	expect_body "$TAG forbob" "bob is offered a campaign open to BD"
	http GET "/?sort=new"
	expect_body "$TAG indiaonly" "a visitor sees every open campaign"
	db_sql "INSERT INTO worker_blocks (employer_id, worker_id)
	    SELECT a.id, b.id FROM users a, users b
	    WHERE a.username = 'alice' AND b.username = 'bob'"
	http GET "/?sort=new" -b "kaaj_session=$tok"
	expect_no_body "$TAG forbob" "a blocked worker is offered nothing of that employer"
	db_sql "DELETE FROM worker_blocks; UPDATE campaigns SET status = 'stopped'
	    WHERE id IN ($taken, $ok_id)"
}

bad_filters() {
	local q
	for q in 'sort=cheap' 'category=nosuch' 'type=nosuch' 'before=abc' \
		'before=0' 'sort=pay&before=5' 'pay=-1'; do
		http GET "/?$q"
		expect_error_page 400 "Bad request" "GET /?$q"
	done
	http GET "/?category=signup&type=signup&sort=new"
	expect_status 200 "GET / with every filter set"
}

main() {
	sorting
	hidden_from_worker
	bad_filters
	db_sql "UPDATE campaigns SET status = 'stopped' WHERE title LIKE '$TAG %'"
	test_done
}

main "$@"
