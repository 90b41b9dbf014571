#!/bin/bash
#
# t_96_outoftree: the example job type of docs/plugins.md builds outside
# the source tree against the installed header alone (make install
# DESTDIR=..., pkg-config), and dropped into the running site's plugin
# folder it appears on the "Post a job" page after SIGHUP, with no core
# rebuilt and the same kaaj.fcgi process. The same plugin built for an
# older ABI is refused with a clear log line. Both are removed again.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

main() {
	local dest=$KAAJ_TMP/t96dest src=$KAAJ_TMP/t96src prefix cflags rc=0 \
		pid tok out
	prefix=$(sed -n 's/^prefix = //p' "$KAAJ_BUILDDIR/Makefile")
	out=$(make -s -C "$KAAJ_BUILDDIR" install DESTDIR="$dest" 2>&1) || rc=$?
	expect_eq "make install DESTDIR=...: exit status" "$rc" 0
	((rc == 0)) || printf '        %s\n' "$out"
	mkdir -p "$src"
	# The example, exactly as the document shows it.
	# shellcheck disable=SC2016 # the backquotes are literal
	sed -n '/^```c$/,/^```$/p' "$KAAJ_SRCDIR/docs/plugins.md" |
		sed '1d;$d' >"$src/poll.c"
	expect_match "docs/plugins.md has the example" "$(head -3 "$src/poll.c")" 'poll'
	cflags=$(PKG_CONFIG_PATH=$dest$prefix/lib/pkgconfig \
		PKG_CONFIG_SYSROOT_DIR=$dest pkg-config --cflags kaaj)
	rc=0
	# shellcheck disable=SC2086 # cflags is a word list
	(cd "$src" && cc -std=c99 -Wall -Wextra -Werror -fPIC -shared \
		$cflags -o poll.so poll.c) || rc=$?
	expect_eq "the example builds against the installed header only" "$rc" 0
	rc=0
	# shellcheck disable=SC2086
	(cd "$src" && sed 's/\.abi_version = KAAJ_JOBTYPE_ABI/.abi_version = KAAJ_JOBTYPE_ABI - 1/' \
		poll.c >oldabi.c && sed -i 's/"poll"/"oldabi"/' oldabi.c &&
		cc -std=c99 -Wall -Wextra -fPIC -shared $cflags -o oldabi.so \
		oldabi.c) || rc=$?
	expect_eq "the same plugin for an older ABI builds" "$rc" 0

	pid=$(fcgi_pid)
	install -m 644 "$src/poll.so" "$src/oldabi.so" "$KAAJ_PLUGIN_DIR/"
	kill -HUP "$pid"
	tok=$(new_session bob)
	http GET /campaigns/new -b "kaaj_session=$tok"
	expect_status 200 "the post-a-job page after SIGHUP"
	expect_body 'type=poll"' "it offers the new job type"
	expect_body "Answer a poll" "... with its label"
	http GET "/campaigns/new?type=poll" -b "kaaj_session=$tok"
	expect_body "Number of options" "its form shows the plugin's own fields"
	expect_no_body 'type=oldabi"' "the older-ABI plugin is not offered"
	expect_match "log: the older ABI is refused, clearly" \
		"$(cat "$KAAJ_FCGI_LOG")" \
		"plugin $KAAJ_PLUGIN_DIR/oldabi.so skipped: ABI version [0-9]+, this kaaj needs [0-9]+"
	expect_eq "the same kaaj.fcgi process did it" "$(fcgi_pid)" "$pid"

	rm -f "$KAAJ_PLUGIN_DIR/poll.so" "$KAAJ_PLUGIN_DIR/oldabi.so"
	kill -HUP "$pid"
	http GET /campaigns/new -b "kaaj_session=$tok"
	expect_no_body 'type=poll"' "removed and SIGHUP: the type is gone again"
	test_done
}

main "$@"
