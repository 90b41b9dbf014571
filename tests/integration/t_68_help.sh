#!/bin/bash
#
# t_68_help: the help pages answer for anyone, and every number on the
# fees page is the configuration's: with fees.task_percent "7.5" and
# withdrawal_percent "3" the page says so, and its examples are worked
# out with the site's own rounding (money/fees.c). An unknown topic is a
# 404; every page links to the help.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

say "the help pages"
http GET /help
expect_status 200 "GET /help without logging in"
for t in work post rules fees; do
	expect_body "/help/$t\"" "... links to /help/$t"
done
for t in work post rules fees; do
	http GET "/help/$t"
	expect_status 200 "GET /help/$t"
	expect_body 'All help topics' "... links back to the index"
done
http GET /help/work
expect_body "How to work here" "the workers' page has its title"
http GET /help/post
expect_body '<p id="moderation">' "the employers' page says whether jobs are checked first"
http GET /help/nope
expect_error_page 404 "Page not found" "GET /help/nope"
http GET /
expect_body '/help">Help and fees</a>' "every page links to the help"

say "the fees page is the configuration's"
http GET /help/fees
fee=$(grep -o '<strong id="task-percent">[^<]*' "$HTTP_BODY" | sed 's/.*>//')
conf=$(sed -n 's/^[[:space:]]*task_percent = "\([^"]*\)";/\1/p' "$KAAJ_CONF")
expect_eq "the task fee is fees.task_percent" "$fee" "$conf%"
expect_match "each payout method with its smallest and largest amount (bKash)" \
	"$(tr -d '\n' <"$HTTP_BODY")" '>bKash</td><td data-label="Smallest" class="num">2\.00 USD</td><td data-label="Largest" class="num">500\.00 USD</td>'
min=$(kaaj_admin plugins | sed -n 's/^youtube: .*min pay \([0-9.]*\) .*/\1/p')
expect_match "each job type's lowest pay (youtube: $min)" \
	"$(tr -d '\n' <"$HTTP_BODY")" "YouTube[^<]*</td><td data-label=\"Lowest pay\" class=\"num\">${min//./\\.} USD"

cp "$KAAJ_CONF" "$KAAJ_TMP/t68.conf.saved"
conf_set "$KAAJ_CONF" task_percent '"7.5"'
conf_set "$KAAJ_CONF" withdrawal_percent '"3"'
conf_set "$KAAJ_CONF" withdrawal_fixed '"0.25"'
with_fcgi 1
http GET /help/fees
expect_body '<strong id="task-percent">7.5%</strong>' "a changed task fee shows at once: 7.5%"
expect_body 'For example, a task paying 10.00 USD: the fee is 0.75 USD, and the employer pays 10.75 USD.' \
	"... with its example worked out"
expect_body '<strong id="withdrawal-fee">3% + 0.25 USD</strong>' "the withdrawal fee: 3% + 0.25"
expect_body 'For example, a withdrawal of 10.00 USD: the fee is 0.55 USD, and you receive 9.45 USD.' \
	"... with its example worked out"
cp "$KAAJ_TMP/t68.conf.saved" "$KAAJ_CONF"
with_fcgi 1
test_done
