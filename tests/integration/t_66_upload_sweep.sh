#!/bin/bash
#
# t_66_upload_sweep: stored uploads no row names are removed, and only
# those.
#  - kaaj-admin sweep-uploads removes screenshots and receipts older than
#    an hour that no task or deposit names; it keeps files a row names
#    (however old), files younger than an hour (a request may still be
#    about to name them) and files not of upload_store's name shape.
#  - When the database fails under a proof submission (a trigger makes
#    the task's update fail), the page keeps the file it stored, since it
#    cannot know whether its COMMIT landed; the sweep removes it later.
#  - kaaj-admin cron sweeps at most once an hour, whichever machine runs
#    it (the guarded row cron_runs.upload_sweep).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t66e_$RUN
WORKER=t66w_$RUN
PNG=$KAAJ_TMP/t66.png
write_png "$PNG"
SHOTS=$KAAJ_UPLOAD_DIR/screenshots
RECEIPTS=$KAAJ_UPLOAD_DIR/receipts

# stray FOLDER: make a PNG file of upload_store's shape that no row
# names in the upload folder FOLDER; prints its path.
stray() {
	local f
	mkdir -p "$KAAJ_UPLOAD_DIR/$1"
	f=$KAAJ_UPLOAD_DIR/$1/$(random_hex 16).png
	cp "$PNG" "$f"
	echo "$f"
}

# age FILE...: make the files two hours old.
age() {
	touch -d '2 hours ago' "$@"
}

# sweep_says TEXT: the removed count kaaj-admin printed in TEXT.
sweep_says() {
	sed -n 's/^removed \([0-9]*\) of [0-9]* uploads.*/\1/p' <<<"$1"
}

make_user "$EMP" >/dev/null
make_user "$WORKER" >/dev/null
ES=$(new_session "$EMP")
WS=$(new_session "$WORKER")
with_fcgi 1

say "files a row names: a task's screenshot and a deposit's receipt"
C=$(new_campaign 3 1)
[[ $C =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"
claim "$WS" "$C"
mpost "$WS" /tasks/submit "task=$TASK" "username=t66_name" \
	"file:screenshot=@$PNG;type=image/png"
expect_status 303 "proof with a screenshot"
shot=$SHOTS/$(db_sql "SELECT screenshot FROM tasks WHERE id = $TASK")
check "... its file is stored" test -f "$shot"
mpost "$ES" /wallet/deposit method=bkash amount=5 "txn_ref=T66$RUN" \
	"file:receipt=@$PNG;type=image/png"
expect_status 303 "a deposit with a receipt"
receipt=$RECEIPTS/$(db_sql "SELECT receipt FROM deposits
    WHERE txn_ref = 'T66$RUN'")
check "... its file is stored" test -f "$receipt"

say "files no row names"
old_shot=$(stray screenshots)
old_receipt=$(stray receipts)
young_shot=$(stray screenshots)
odd=$SHOTS/t66-notes-$RUN.txt
echo "not an upload" >"$odd"
age "$shot" "$receipt" "$old_shot" "$old_receipt" "$odd"

out=$(kaaj_admin sweep-uploads 2>&1) || fail "kaaj-admin sweep-uploads" "$out"
expect_eq "sweep-uploads removed the two old files no row names" \
	"$(sweep_says "$out")" 2
check "... the old stray screenshot is gone" test ! -e "$old_shot"
check "... the old stray receipt is gone" test ! -e "$old_receipt"
check "... the task's old screenshot stays" test -f "$shot"
check "... the deposit's old receipt stays" test -f "$receipt"
check "... a stray screenshot younger than an hour stays" test -f "$young_shot"
check "... a file of another name shape stays" test -f "$odd"
sget "$WS" "/tasks/$TASK"
expect_status 200 "the task page still opens"
rm -f "$odd" "$young_shot"

say "a database error under a proof submission keeps the file"
make_user "${WORKER}b" >/dev/null
WS2=$(new_session "${WORKER}b")
claim "$WS2" "$C"
T2=$TASK
# One statement (the client would split a compound one): a negative
# count in an unsigned column is an error in strict mode.
db_sql "CREATE TRIGGER t66_refuse_$RUN BEFORE UPDATE ON tasks FOR EACH ROW
    SET NEW.revisions = IF(NEW.id = $T2, -1, NEW.revisions)" >/dev/null
before=$(find "$SHOTS" -type f | wc -l)
mpost "$WS2" /tasks/submit "task=$T2" "username=t66_other" \
	"file:screenshot=@$PNG;type=image/png"
db_sql "DROP TRIGGER t66_refuse_$RUN" >/dev/null
if [[ $HTTP_STATUS == 5* ]]; then
	ok "the submission fails with $HTTP_STATUS"
else
	fail "the submission fails with a 5xx page" "got $HTTP_STATUS"
fi
expect_eq "... the task took no proof" \
	"$(db_sql "SELECT CONCAT(status, '|', screenshot IS NULL)
	    FROM tasks WHERE id = $T2")" "claimed|1"
expect_eq "... the stored file stays (the COMMIT might have landed)" \
	"$(find "$SHOTS" -type f | wc -l)" $((before + 1))
kept=$(find "$SHOTS" -type f -newer "$PNG" -name '*.png' -printf '%T@ %p\n' |
	sort -n | tail -n 1 | cut -d' ' -f2)
check "... a file of upload_store's shape" test -f "$kept"
age "$kept"
out=$(kaaj_admin sweep-uploads 2>&1) || fail "kaaj-admin sweep-uploads" "$out"
check "... the sweep removes it once it is old" test ! -e "$kept"
mpost "$WS2" /tasks/submit "task=$T2" "username=t66_other" \
	"file:screenshot=@$PNG;type=image/png"
expect_status 303 "... and the same proof sent again is taken"

say "cron sweeps once an hour"
db_sql "UPDATE cron_runs SET last_run = UTC_TIMESTAMP() - INTERVAL 2 HOUR
    WHERE name = 'upload_sweep'" >/dev/null
s1=$(stray screenshots)
age "$s1"
out=$(kaaj_admin cron 2>&1) || fail "kaaj-admin cron" "$out"
check "cron, due, removes an old stray file" test ! -e "$s1"
expect_eq "... and says so" "$(sweep_says "$out")" 1
s2=$(stray screenshots)
age "$s2"
out=$(kaaj_admin cron 2>&1) || fail "kaaj-admin cron" "$out"
check "cron again within the hour leaves it" test -f "$s2"
expect_eq "... and says nothing of uploads" "$(sweep_says "$out")" ""
out=$(kaaj_admin sweep-uploads 2>&1) || fail "kaaj-admin sweep-uploads" "$out"
check "sweep-uploads by hand removes it at any time" test ! -e "$s2"
check "the task's screenshot is still there" test -f "$shot"
# The sweep's look-up is one index read per name, whatever the table's
# size (the statement of cgi-bin/admin/uploads.c).
plan=$(db_sql "EXPLAIN SELECT t.screenshot FROM JSON_TABLE('[\"a.png\"]',
    '\$[*]' COLUMNS (n VARCHAR(64) CHARACTER SET utf8mb4
    COLLATE utf8mb4_unicode_ci PATH '\$')) j
    STRAIGHT_JOIN tasks t ON t.screenshot = j.n" | awk -F'\t' '$3 == "t" {print $4 "/" $6}')
expect_eq "the sweep reads tasks by the key on screenshot" "$plan" "ref/screenshot"
expect_ledger_ok "after the sweeps"
test_done
