#!/bin/bash
#
# t_95_install: `make install DESTDIR=...` puts every part where the README
# says; the installed kaaj.pc and <kaaj/jobtype.h> build a plugin outside
# the tree; the installed sample config is refused until it has a secret.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# units DEST PREFIX: systemd-analyze verify finds nothing wrong in the
# installed units but programs it looks for at their installed path
# (present under DEST), and they name this build's paths.
units() {
	local dest=$1 prefix=$2 dir=$1$2/share/kaaj/systemd line problems=()
	while IFS= read -r line; do
		[[ -n $line ]] || continue
		if [[ $line =~ Command\ (/[^ ]+)\ is\ not\ executable && -x $dest${BASH_REMATCH[1]} ]]; then
			continue
		fi
		problems+=("$line")
	done < <(systemd-analyze verify --man=no "$dir/kaaj.socket" \
		"$dir/kaaj.service" "$dir/kaaj-cron.service" "$dir/kaaj-cron.timer" 2>&1)
	expect_eq "systemd-analyze verify: the units are sound" \
		"$(printf '%s\n' "${problems[@]}")" ""
	expect_match "kaaj.service runs the installed kaaj.fcgi under multiwatch" \
		"$(grep '^ExecStart=' "$dir/kaaj.service")" \
		"^ExecStart=/usr/bin/multiwatch .* -- $prefix/libexec/kaaj/kaaj.fcgi\$"
	expect_match "kaaj-cron.service runs the installed kaaj-admin cron" \
		"$(grep '^ExecStart=' "$dir/kaaj-cron.service")" \
		"^ExecStart=$prefix/bin/kaaj-admin cron\$"
}

main() {
	local dest=$KAAJ_TMP/destdir prefix rc=0 out f pcdir cflags rel missing page
	# The prefix configure was given (default /usr/local).
	prefix=$(sed -n 's/^prefix = //p' "$KAAJ_BUILDDIR/Makefile")
	out=$(make -s -C "$KAAJ_BUILDDIR" install DESTDIR="$dest" 2>&1) || rc=$?
	expect_eq "make install DESTDIR=...: exit status" "$rc" 0
	((rc == 0)) || printf '        %s\n' "$out"
	for f in libexec/kaaj/kaaj.fcgi bin/kaaj-admin lib/kaaj/plugins/signup.so \
		include/kaaj/jobtype.h lib/pkgconfig/kaaj.pc etc/kaaj/kaaj.conf \
		share/kaaj/templates/home.cs share/kaaj/templates/lang/en.hdf \
		share/kaaj/templates/lang/bn.hdf \
		share/kaaj/static/kaaj.css share/kaaj/sql/0001_core.sql \
		share/kaaj/etc/nginx.conf.in share/kaaj/etc/kaaj.conf.in \
		share/kaaj/systemd/kaaj.socket share/kaaj/systemd/kaaj.service \
		share/kaaj/systemd/kaaj-cron.service share/kaaj/systemd/kaaj-cron.timer; do
		check "installed $prefix/$f" test -s "$dest$prefix/$f"
	done
	# kaaj-admin(1), made by help2man from its --help (bootstrap installs
	# help2man), names every command.
	page=$(MANWIDTH=200 man -l "$dest$prefix/share/man/man1/kaaj-admin.1" 2>&1)
	expect_match "installed kaaj-admin(1) names the setup command" \
		"$page" '^ +setup \[OPTIONS\]'
	expect_match "... and the setup options" "$page" '^ +--admin-user NAME'
	# Every template, language file, static file and migration of the
	# source tree is installed (a file left out of Makefile.am's lists
	# would break only the installed site).
	missing=()
	for f in "$KAAJ_SRCDIR"/templates/*.cs "$KAAJ_SRCDIR"/templates/mail/*.cs \
		"$KAAJ_SRCDIR"/templates/lang/*.hdf "$KAAJ_SRCDIR"/templates/static/* \
		"$KAAJ_SRCDIR"/sql/*.sql; do
		rel=${f#"$KAAJ_SRCDIR"/}
		# templates/static/ is installed as static/.
		[[ $rel != templates/static/* ]] || rel=static/${rel#templates/static/}
		[[ -f $dest$prefix/share/kaaj/$rel ]] || missing+=("$rel")
	done
	expect_eq "every template, language, static and SQL file is installed" \
		"${missing[*]}" ""
	missing=()
	for f in "$KAAJ_SRCDIR"/plugins/*.c; do
		f=$(basename "$f" .c)
		[[ -f $dest$prefix/lib/kaaj/plugins/$f.so ]] || missing+=("$f")
	done
	expect_eq "every job type of plugins/ is installed" "${missing[*]}" ""
	check "no test plugin is installed" \
		test ! -e "$dest$prefix/lib/kaaj/plugins/badabi.so"
	out=$(nm -D --defined-only "$dest$prefix/lib/kaaj/plugins/signup.so" |
		awk '{print $3}' | grep -v '^_' | tr '\n' ' ')
	expect_eq "signup.so exports only kaaj_jobtype" "$out" "kaaj_jobtype "

	# A plugin built against the installed header only.
	pcdir=$dest$prefix/lib/pkgconfig
	cflags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$dest \
		pkg-config --cflags kaaj)
	expect_match "kaaj.pc gives the include folder" "$cflags" "include"
	cat >"$KAAJ_TMP/outside.c" <<-'SRC'
		#include <kaaj/jobtype.h>
		static const struct kaaj_choice kinds[] = {
			{ "code", "A code" }, { "none", "Nothing" }, { NULL, NULL }
		};
		static const struct kaaj_field campaign[] = {
			{ .name = "kind", .type = KAAJ_FIELD_CHOICE,
			    .label = "Kind", .required = 1, .choices = kinds },
		};
		static const struct kaaj_field proof[] = {
			{ .name = "code", .type = KAAJ_FIELD_TEXT, .label = "Code",
			    .required = 1, .max_len = 20, .shown_if = "kind=code" },
		};
		const struct kaaj_jobtype kaaj_jobtype = {
			.abi_version = KAAJ_JOBTYPE_ABI, .name = "outside",
			.category = "test", .label = "Outside", .description = "",
			.min_pay = 1000, .campaign_fields = campaign,
			.n_campaign_fields = 1, .proof_fields = proof,
			.n_proof_fields = 1,
		};
	SRC
	rc=0
	# shellcheck disable=SC2086 # cflags is a word list
	gcc -std=c99 -Wall -Werror -fPIC -shared $cflags -o "$KAAJ_TMP/outside.so" \
		"$KAAJ_TMP/outside.c" || rc=$?
	expect_eq "a plugin builds against the installed header alone" "$rc" 0
	expect_match "the installed header is ABI 3, with shown_if" \
		"$(grep -E 'define KAAJ_JOBTYPE_ABI|shown_if;' \
		"$dest$prefix/include/kaaj/jobtype.h" | tr -s ' \t\n' ' ')" \
		'KAAJ_JOBTYPE_ABI 3.*shown_if;'

	units "$dest" "$prefix"

	rc=0
	out=$("$dest$prefix/libexec/kaaj/kaaj.fcgi" --check-config \
		"$dest$prefix/etc/kaaj/kaaj.conf" 2>&1) || rc=$?
	expect_eq "installed sample config: exit status 1" "$rc" 1
	expect_match "installed sample config asks for a secret key" "$out" \
		"kaaj.conf:[0-9]+: site.secret_key is still the sample value"
	test_done
}

main "$@"
