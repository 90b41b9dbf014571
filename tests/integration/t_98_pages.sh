#!/bin/bash
#
# t_98_pages: every page a person sees, in a real browser, in English and
# then in Bengali (the users' profile language and the visitor's kaaj_lang
# cookie set to bn), at 360 and 1280 px wide.
# Makes through the pages (as people would) an employer with a campaign that has submissions waiting, a rejected one under
# dispute, a worker with a task to do, a paid one, a pending deposit and a
# withdrawal to a long address; then runs tests/browser/pages.mjs, which
# visits each page as the worker, the employer and the admin and checks
# that nothing is wider than the screen, that every control is at least
# 44 x 44 px, and that axe-core finds no serious or critical violation.
# Full-page screenshots go to $KAAJ_SHOTS (default $KAAJ_LOG_DIR/shots/),
# named LANG-PAGE-WIDTH.png (not committed).
#
# Needs node, /usr/bin/chromium and tests/browser/node_modules (./bootstrap
# check installs them).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

BROWSER_DIR=$KAAJ_SRCDIR/tests/browser
RUN=$(random_hex 3)
PNG=$KAAJ_TMP/t98.png
SHOTS=${KAAJ_SHOTS:-$KAAJ_LOG_DIR/shots}
# Long unbroken strings that must wrap on a phone.
LONG_MAIL=a.very.long.name.for.testing.payouts.$RUN@a-rather-long-domain-name.example.org
SHARED_IP=198.51.100.98	# the worker and the employer were both seen there

# make_user NAME: an active user from Bangladesh.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$1', '$1@t98.invalid', 'x', 'active', 'BD')"
}

# location_id PATTERN: the number after PATTERN in the last Location.
location_id() {
	http_header Location | sed -n "s|.*$1\\([0-9]*\\).*|\\1|p"
}

# must STATUS WHAT: die unless the last answer had STATUS.
must() {
	[[ $HTTP_STATUS == "$1" ]] ||
		{ show_response; die "$2: got $HTTP_STATUS, not $1"; }
}

# deposit TOKEN AMOUNT: a deposit of AMOUNT, confirmed by the admin.
deposit() {
	local ref id
	ref=T98$RUN$(random_hex 3)
	spost "$1" /wallet/deposit method=bkash "amount=$2" "txn_ref=$ref"
	must 303 "deposit $2"
	id=$(db_sql "SELECT id FROM deposits WHERE txn_ref = '$ref'")
	spost "$ADMIN" /admin/deposits/confirm "id=$id"
	must 303 "confirm deposit $id"
}

# campaign TITLE SLOTS: a running sign-up campaign of the employer; prints
# its id.
campaign() {
	spost "$EMP" /campaigns/create type=signup "title=$1" \
		"instructions=Open the page, sign up with your own e-mail address and confirm it." \
		"proof_instructions=The username you chose." "slots=$2" pay=0.50 \
		countries_mode=all minutes=60 days=7 min_success=0 \
		screenshot_required=1 \
		"x_signup_url=https://example.com/join/a-very-long-path/that-goes-on-and-on?ref=$RUN" \
		x_action=register "create_key=$(random_hex 16)"
	must 303 "create campaign $1"
	location_id /campaigns/
}

# items_campaign TITLE: a running campaign of the employer with one item
# per slot (three rows, long cells); prints its id.
items_campaign() {
	spost "$EMP" /campaigns/create type=signup "title=$1" \
		"instructions=Open {{url}} and check that the shop called {{shop}} sells what it says. Note: {{note}}" \
		"proof_instructions=The price you found." slots=3 pay=0.50 \
		countries_mode=all minutes=60 days=7 min_success=0 \
		"x_signup_url=https://example.com/join?ref=$RUN" x_action=register \
		"items_csv=$(printf 'url,shop,note\nhttps://example.com/shops/a-very-long-path/that-goes-on-and-on?item=1,Rahim Traders,"Look at the prices, the photos, and the address"\nhttps://example.com/2,Karim Store,short\nhttps://example.com/3,Third,x\n')" \
		"create_key=$(random_hex 16)"
	must 303 "create campaign $1"
	location_id /campaigns/
}

# claim_and_send TOKEN CAMPAIGN NAME: claim a slot and send proof with a
# screenshot; prints the task id.
claim_and_send() {
	local task
	spost "$1" /tasks/claim "campaign=$2"
	must 303 "claim on $2"
	task=$(location_id /tasks/)
	mpost "$1" /tasks/submit "task=$task" "username=$3" \
		"file:screenshot=@$PNG;type=image/png"
	must 303 "send proof on task $task"
	echo "$task"
}

# make_story: the users and what they did; writes $KAAJ_TMP/pages.json
# for pages.mjs.
make_story() {
	local main_c paid_c open_job task_w task_paid task_rej worker_id
	local items_c task_item
	printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' >"$PNG"
	for u in e w v x; do make_user "t98${u}_$RUN"; done
	EMP=$(new_session "t98e_$RUN")
	WRK=$(new_session "t98w_$RUN")
	ADMIN=$(new_session admin)
	local v x
	v=$(new_session "t98v_$RUN")
	x=$(new_session "t98x_$RUN")

	deposit "$EMP" 50.00
	# A webhook, so that the API page lists its deliveries.
	spost "$EMP" /settings/api/hooks/create \
		"hook_url=https://hooks.example.com/kaaj/$RUN" hook_submission=1 \
		hook_out_of_slots=1 hook_dispute=1
	must 200 "a webhook"
	main_c=$(campaign "Sign up on our shop and confirm your e-mail $RUN" 6)
	paid_c=$(campaign "Create an account on the forum $RUN" 2)
	# Submissions waiting on the main campaign, one rejected and disputed.
	claim_and_send "$v" "$main_c" "vee_$RUN" >/dev/null
	task_rej=$(claim_and_send "$x" "$main_c" "ex_$RUN")
	spost "$EMP" /campaigns/rate "id=$main_c" "task=$task_rej" \
		rating=not_satisfied "reason=The account was never confirmed."
	must 303 "reject task $task_rej"
	spost "$x" /tasks/dispute "task=$task_rej" \
		"message=I confirmed it, please look at the screenshot again."
	must 303 "dispute task $task_rej"
	# The worker: a paid task, one to do, money in and a withdrawal out.
	task_paid=$(claim_and_send "$WRK" "$paid_c" "worker_$RUN")
	spost "$EMP" /campaigns/rate "id=$paid_c" "task=$task_paid" rating=satisfied
	must 303 "approve task $task_paid"
	spost "$WRK" /tasks/claim "campaign=$main_c"
	must 303 "the worker claims on the main campaign"
	task_w=$(location_id /tasks/)
	deposit "$WRK" 30.00
	spost "$WRK" /wallet/deposit method=paypal amount=12.00 \
		"txn_ref=PAYPAL-$RUN-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	must 303 "a deposit left pending"
	spost "$WRK" /wallet/withdraw method=paypal "account=$LONG_MAIL" \
		amount=10.00 "request_key=$(random_hex 16)"
	must 303 "a withdrawal to a long address"
	spost "$WRK" /settings/profile country=BD language=en \
		payout_method=paypal "payout_account=$LONG_MAIL"
	must 303 "the worker's payout account"
	# A template of the employer's, on the new-campaign page.
	spost "$EMP" /campaigns/template "id=$paid_c" "name=Forum sign-ups, every month"
	must 303 "save a campaign as a template"
	template=$(db_sql "SELECT t.id FROM campaign_templates t JOIN users u
	    ON u.id = t.owner_id WHERE u.username = 't98e_$RUN'")
	# A task with an item of its own filled into the instructions.
	items_c=$(items_campaign "Check a shop's page against its listing $RUN")
	spost "$WRK" /tasks/claim "campaign=$items_c"
	must 303 "the worker claims on the items campaign"
	task_item=$(location_id /tasks/)
	# A campaign the worker can still take (its claim form).
	open_job=$(campaign "Fill in a short survey about mobile data prices $RUN" 3)
	# Its deliveries as if sent (no test sends to example.com): one
	# answered, one failing, one failed after a timeout.
	db_sql "UPDATE webhook_deliveries d JOIN webhooks h ON h.id = d.hook_id
	    SET d.status = ELT(1 + d.id % 3, 'done', 'queued', 'failed'),
	    d.attempts = ELT(1 + d.id % 3, 1, 3, 6),
	    d.last_status = ELT(1 + d.id % 3, 200, 503, NULL),
	    d.last_error = ELT(1 + d.id % 3, NULL, 'status', 'timeout'),
	    d.next_try_at = UTC_TIMESTAMP() + INTERVAL 1 YEAR
	    WHERE h.url = 'https://hooks.example.com/kaaj/$RUN'" >/dev/null
	# The admin's page of the worker: addresses shared with the employer.
	worker_id=$(db_sql "SELECT id FROM users WHERE username = 't98w_$RUN'")
	db_sql "INSERT INTO user_addresses (user_id, ip, logins)
	    SELECT id, '$SHARED_IP', 2 FROM users
	    WHERE username IN ('t98w_$RUN', 't98e_$RUN')" >/dev/null

	cat >"$KAAJ_TMP/pages.json" <<-EOF
		{
		  "worker": "$WRK", "employer": "$EMP", "admin": "$ADMIN",
		  "disputer": "$x", "disputedTask": $task_rej,
		  "mainCampaign": $main_c, "openJob": $open_job,
		  "workerTask": $task_w, "paidTask": $task_paid,
		  "itemTask": $task_item, "itemsCampaign": $items_c,
		  "longText": "$LONG_MAIL",
		  "workerId": $worker_id, "template": $template
		}
	EOF
}

# run_pages LANG WIDTHS: run pages.mjs with every page in LANG (the
# visitor's cookie; the users' profiles must say LANG already) at WIDTHS
# (comma-separated); its output indented, its exit status checked.
run_pages() {
	local out=$KAAJ_LOG_DIR/browser-pages-$1.out rc=0
	KAAJ_URL=$KAAJ_URL KAAJ_PAGES=$KAAJ_TMP/pages.json KAAJ_SHOTS=$SHOTS \
		KAAJ_LANG=$1 KAAJ_LANG_HDF=$KAAJ_SRCDIR/templates/lang/$1.hdf \
		KAAJ_WIDTHS=$2 timeout -k 5 480 node "$BROWSER_DIR/pages.mjs" \
		</dev/null >"$out" 2>&1 || rc=$?
	sed 's/^/    | /' "$out"
	expect_eq "node tests/browser/pages.mjs in $1 at $2 px: exit status" "$rc" 0
}

main() {
	local users
	if [[ ! -x ${KAAJ_CHROMIUM:-/usr/bin/chromium} ||
		! -f $BROWSER_DIR/node_modules/axe-core/axe.min.js ]]; then
		fail "Chromium and tests/browser/node_modules (with axe-core) are there" \
			"run ./bootstrap check (or: apt-get install chromium; cd tests/browser && npm ci)"
		test_done
	fi
	make_story
	ok "made the employer, the workers and their tasks"
	users="username LIKE 't98%\\_$RUN' OR username = 'admin'"
	# KAAJ_BROWSER_ONE_PASS (the sanitizer build's run, docs/testing.md):
	# every page once, in Bengali on a phone.
	local bn_widths=360
	if [[ -z ${KAAJ_BROWSER_ONE_PASS:-} ]]; then
		db_sql "UPDATE users SET language = 'en' WHERE $users"
		run_pages en 360,1280
		bn_widths=360,1280
	fi
	db_sql "UPDATE users SET language = 'bn' WHERE $users"
	run_pages bn "$bn_widths"
	db_sql "UPDATE users SET language = 'en' WHERE $users"
	say "# screenshots: $SHOTS (LANG-PAGE-WIDTH.png)"
	test_done
}

main "$@"
