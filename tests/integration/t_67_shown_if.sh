#!/bin/bash
#
# t_67_shown_if: plugin fields that apply only to some choices (ABI 3,
# shown_if), over HTTP with the youtube job type, and the task page that
# repeats what the job page shows. The campaign form marks the watching
# seconds as depending on the action; a "subscribe" job's preview lists
# no empty "Seconds to watch", and a value typed there is neither checked
# nor stored. Its task page shows the channel link and instructions
# while it takes proof, and its proof form does not ask for "the comment
# you wrote"; proof without one is taken. A "comment" job asks for the
# comment, and refuses proof without it. A "visit" job (not a search)
# does not keep a search keyword.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
CHANNEL=https://www.youtube.com/@kaajdemo$RUN
VIDEO=https://www.youtube.com/watch?v=dQw4w9WgXcQ

PNG=$KAAJ_TMP/t67.png
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' >"$PNG"

# make_user NAME: an active user from Bangladesh; prints its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$1', '$1@t67.invalid', 'x', 'active', 'BD');
	    SELECT LAST_INSERT_ID()"
}

# job ACTION URL [FIELD=VALUE...]: the common fields of a youtube job.
job() {
	JOB=(type=youtube "title=T67 $1 job $RUN"
		"instructions=Open the link below and $1, then come back."
		"proof_instructions=Your channel name and a screenshot."
		slots=2 pay=0.25 countries_mode=all minutes=60 days=7
		min_success=0 "x_action=$1" "x_target_url=$2")
	shift 2
	JOB+=("$@")
}

# post E-TOKEN: create the job in JOB; prints the campaign id.
post() {
	spost "$1" /campaigns/create "${JOB[@]}" "create_key=$(random_hex 16)"
	http_header Location | sed -n 's|.*/campaigns/\([0-9]*\).*|\1|p'
}

# take E-NAME CAMPAIGN: a new worker claims it; sets W and TASK.
take() {
	make_user "$1" >/dev/null
	W=$(new_session "$1")
	spost "$W" /tasks/claim "campaign=$2"
	TASK=$(http_header Location | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
}

main() {
	local e camp
	make_user "t67e_$RUN" >/dev/null
	kaaj_admin credit "t67e_$RUN" 50 --reason "t_67" >/dev/null
	e=$(new_session "t67e_$RUN")

	say "the campaign form"
	http GET "/campaigns/new?type=youtube" -b "kaaj_session=$e"
	expect_body 'id="field-x_watch_seconds" data-shown-if="x_action=watch"' \
		"the seconds are marked as applying to watching only"
	expect_body '/static/fields.js' "the form loads the script that hides them"
	spost "$e" /campaigns/preview type=youtube x_action=subscribe
	expect_body 'id="field-x_watch_seconds" data-shown-if="x_action=watch" hidden' \
		"shown again for a subscription, the seconds are hidden"

	say "the preview of a subscription"
	job subscribe "$CHANNEL" x_watch_seconds=sixty
	spost "$e" /campaigns/preview "${JOB[@]}"
	expect_body 'id="escrow"' "a value in a field that does not apply is not checked"
	expect_no_body 'Seconds to watch' "the preview lists no seconds to watch"
	expect_no_body 'name="x_watch_seconds" value="sixty"' \
		"the confirm form does not carry it"

	say "the job and task pages of a subscription"
	camp=$(post "$e")
	expect_match "the subscription is posted" "${camp:-none}" '^[0-9]+$'
	expect_eq "a field that does not apply is not stored" \
		"$(db_sql "SELECT COUNT(*) FROM campaign_fields
		    WHERE campaign_id = ${camp:-0} AND name = 'watch_seconds'")" 0
	http GET "/jobs/$camp"
	expect_body "<a href=\"$CHANNEL\"" "the job page links the channel"
	expect_no_body 'Seconds to watch' "the job page lists no seconds"
	take "t67w_$RUN" "$camp"
	expect_match "a worker takes it" "${TASK:-none}" '^[0-9]+$'
	sget "$W" "/tasks/$TASK"
	expect_body "Open the link below and subscribe" "the task page has the instructions"
	expect_body "<dl class=\"facts\" id=\"job-fields\">" \
		"the task page lists the job's own fields"
	expect_body "<a href=\"$CHANNEL\" rel=\"nofollow noopener\" target=\"_blank\">" \
		"the task page links the channel the instructions send the worker to"
	expect_body "Subscribe to a channel" "... and says what to do there"
	expect_no_body 'Seconds to watch' "the task page lists no seconds"
	expect_body 'id="p-channel_name"' "the proof form asks for the channel name"
	expect_no_body 'id="p-comment_text"' "it does not ask for the comment you wrote"
	expect_no_body 'The comment you wrote' "... nor names it"
	mpost "$W" /tasks/submit "task=$TASK" "channel_name=Rahim Uddin $RUN" \
		"comment_text=not asked for" "file:screenshot=@$PNG;type=image/png"
	expect_status 303 "proof without a comment is taken"
	expect_eq "the text of a field that does not apply is not stored" \
		"$(db_sql "SELECT COUNT(*) FROM task_fields
		    WHERE task_id = ${TASK:-0} AND name = 'comment_text'")" 0
	sget "$W" "/tasks/$TASK"
	expect_no_body 'id="job-fields"' "once proof is in, the fields are not repeated"

	say "a comment job"
	job comment "$VIDEO"
	camp=$(post "$e")
	take "t67v_$RUN" "$camp"
	sget "$W" "/tasks/$TASK"
	expect_body "<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"" \
		"the task page links the video"
	expect_body 'id="p-comment_text"' "a comment job asks for the comment"
	mpost "$W" /tasks/submit "task=$TASK" "channel_name=Rahim Uddin $RUN" \
		"file:screenshot=@$PNG;type=image/png"
	expect_status 200 "proof without the comment is refused"
	expect_body 'id="err-p-comment_text"' "... at the comment field"

	say "a visit job: the keyword is for searching only"
	http GET "/campaigns/new?type=visit" -b "kaaj_session=$e"
	expect_body 'id="field-x_keyword" data-shown-if="x_mode=search"' \
		"the keyword is marked as applying to searches only"
	JOB=(type=visit "title=T67 visit job $RUN"
		"instructions=Open the page and read it to the end."
		"proof_instructions=The answer to the question."
		slots=2 pay=0.25 countries_mode=all minutes=60 days=7
		min_success=0 x_mode=visit
		"x_target_url=https://www.example.com/t67$RUN"
		"x_keyword=not asked for"
		"x_question=What is the last word of the footer?")
	camp=$(post "$e")
	expect_match "a visit job is posted" "${camp:-none}" '^[0-9]+$'
	expect_eq "... without the keyword typed by mistake" \
		"$(db_sql "SELECT COUNT(*) FROM campaign_fields
		    WHERE campaign_id = ${camp:-0} AND name = 'keyword'")" 0
	test_done
}

main "$@"
