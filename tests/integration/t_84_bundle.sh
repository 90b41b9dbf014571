#!/bin/bash
#
# t_84_bundle: `make bundle` makes a tarball that runs where kaaj's
# libraries are not installed. Unpacked in a new folder, every program,
# plugin and bundled library resolves each library but the C library's
# own inside the bundle (ldd, with no LD_LIBRARY_PATH), and nothing is
# missing; the bundle's kaaj.fcgi, with a configuration that names the
# bundle's templates and plugins, serves the board as CGI, and its
# kaaj-admin reads the stack's database. BUNDLE names the oldest C
# library it runs on; the size and that version are printed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

main() {
	local tarball out rc=0 top f line bad=() conf glibc
	out=$(make -s -C "$KAAJ_BUILDDIR" bundle 2>&1) || rc=$?
	expect_eq "make bundle: exit status" "$rc" 0
	((rc == 0)) || { printf '        %s\n' "$out"; test_done; }
	tarball=$(ls "$KAAJ_BUILDDIR"/kaaj-*-*.tar.gz)
	say "# $(printf '%s\n' "$out" | tail -n 1)"
	rm -rf "$KAAJ_TMP/elsewhere"
	mkdir -p "$KAAJ_TMP/elsewhere"
	tar -C "$KAAJ_TMP/elsewhere" -xzf "$tarball"
	rm -f "$tarball"
	top=$(ls -d "$KAAJ_TMP"/elsewhere/kaaj-*)
	for f in bin/kaaj-admin libexec/kaaj/kaaj.fcgi lib/kaaj/plugins/signup.so \
		lib/libmariadb.so.3 share/kaaj/templates/home.cs \
		share/kaaj/templates/lang/bn.hdf share/kaaj/static/kaaj.css \
		share/kaaj/sql/0001_core.sql etc/kaaj/kaaj.conf BUNDLE; do
		check "the bundle has $f" test -s "$top/$f"
	done

	# Every library each ELF file loads is the bundle's, or the C library's.
	while IFS= read -r f; do
		while IFS= read -r line; do
			case $line in
			*'not found'*) bad+=("${f#"$top"/}: $line") ;;
			*' => '/*)
				local path=${line#* => }
				path=${path%% (*}
				[[ $path == "$top"/* ]] && continue
				case ${path##*/} in
				# libresolv: glibc's too (libcurl's, for kaaj-admin).
				libc.so.* | libm.so.* | libresolv.so.* | ld-linux*) continue ;;
				esac
				bad+=("${f#"$top"/}: $line (outside the bundle)")
				;;
			esac
		done < <(env -u LD_LIBRARY_PATH ldd "$f" 2>&1)
	done < <(find "$top" -type f \( -name '*.so*' -o -path '*/bin/*' -o -path '*/libexec/*' \))
	expect_eq "every library resolves inside the bundle (or is the C library)" \
		"$(printf '%s\n' "${bad[@]}")" ""

	out=$(env -u LD_LIBRARY_PATH "$top/libexec/kaaj/kaaj.fcgi" --version 2>&1) || rc=$?
	expect_match "the bundle's kaaj.fcgi runs" "$out" '^kaaj.fcgi [0-9]'

	# The stack's configuration, with the bundle's templates and plugins.
	conf=$KAAJ_TMP/bundle.conf
	sed -e "s|^\([[:space:]]*templates[[:space:]]*=\).*|\1 \"$top/share/kaaj/templates\";|" \
		-e "s|^\([[:space:]]*plugins[[:space:]]*=\).*|\1 \"$top/lib/kaaj/plugins\";|" \
		"$KAAJ_CONF" >"$conf"
	out=$(env -i PATH=/usr/bin:/bin KAAJ_CONFIG="$conf" GATEWAY_INTERFACE=CGI/1.1 \
		REQUEST_METHOD=GET SCRIPT_NAME=/kaaj.fcgi PATH_INFO=/ REQUEST_URI=/ \
		SERVER_NAME=localhost SERVER_PORT=80 SERVER_PROTOCOL=HTTP/1.1 \
		REMOTE_ADDR=127.0.0.1 QUERY_STRING= \
		"$top/libexec/kaaj/kaaj.fcgi" </dev/null 2>&1) || rc=$?
	expect_match "the bundle's kaaj.fcgi serves the board as CGI" \
		"$(printf '%s\n' "$out" | head -c 20000 | tr '\r\n' '  ')" \
		'Content-Type: text/html.*<html'
	out=$(env -u LD_LIBRARY_PATH "$top/bin/kaaj-admin" -c "$conf" plugins 2>&1) || rc=$?
	expect_match "the bundle's kaaj-admin lists the bundle's plugins" "$out" 'signup'

	glibc=$(sed -n 's/^C library: GNU libc \([0-9.]*\) or newer.*/\1/p' "$top/BUNDLE")
	expect_match "BUNDLE names the oldest C library" "$glibc" '^2\.[0-9]+$'
	say "# bundle: $(du -sk "$top" | cut -f1) KiB unpacked, GNU libc $glibc or newer"
	test_done
}

main "$@"
