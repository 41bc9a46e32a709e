#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Fetch the Debian amd64 kernel that linux-image-amd64 points at, once, and
# leave its bzImage as CACHE_DIR/vmlinuz with CACHE_DIR/kernel-version beside.
#
# Usage: tests/support/fetch-kernel.sh [CACHE_DIR]   (default: build/cache)
# A second run finds both files and touches nothing (no apt, no network).
set -euo pipefail

cache=${1:-build/cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
out=$cache/vmlinuz
ver=$cache/kernel-version

if [ -s "$out" ] && [ -s "$ver" ]; then
	echo "fetch-kernel: cached $(head -n1 "$ver") in $out"
	exit 0
fi

die() { echo "fetch-kernel: $*" >&2; exit 1; }

# The metapackage depends on exactly one versioned image package (the
# signed one on bookworm). Take the first plain Depends: line.
find_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-image-[^ ]*\)$/\1/p' | head -n1
}

apt_update() {
	# Only root may refresh the lists; a user gets the error below instead.
	[ "$(id -u)" -eq 0 ] || return 1
	echo "fetch-kernel: refreshing the apt lists" >&2
	apt-get update -qq >/dev/null
}

pkg=$(find_pkg)
if [ -z "$pkg" ]; then
	apt_update || true
	pkg=$(find_pkg)
fi
[ -n "$pkg" ] || die "apt-cache knows no linux-image-amd64; run 'apt-get update'"

tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# apt-get download writes into the current directory and needs no root.
# As root it warns that the _apt user cannot write there; that is harmless.
download() {
	(cd "$tmp" && apt-get download -q "$pkg" >/dev/null 2>"$tmp/apt.err")
}
if ! download; then
	apt_update || true
	download || { cat "$tmp/apt.err" >&2; die "apt-get download $pkg failed"; }
fi

deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || die "apt-get download $pkg left no .deb"
debver=$(dpkg-deb -f "$deb" Version)

# Only the bzImage is needed: extract ./boot/vmlinuz-* rather than all
# of the modules a full dpkg -x would unpack.
mkdir -p "$tmp/root"
dpkg-deb --fsys-tarfile "$deb" |
	tar -x -C "$tmp/root" --wildcards './boot/vmlinuz-*'
img=$(ls "$tmp"/root/boot/vmlinuz-* 2>/dev/null | head -n1)
[ -n "$img" ] || die "$pkg has no /boot/vmlinuz-*"
release=${img##*/vmlinuz-}

# Check the Linux boot-protocol magic "HdrS" at 0x202 so a wrong file
# fails here, not as a silent hang in QEMU.
magic=$(dd if="$img" bs=1 skip=514 count=4 status=none)
[ "$magic" = "HdrS" ] || die "$img is not a bzImage (no HdrS at 0x202)"

mv -f "$img" "$out.tmp" && mv -f "$out.tmp" "$out"
printf '%s %s %s\n' "$release" "$pkg" "$debver" >"$ver.tmp"
mv -f "$ver.tmp" "$ver"
echo "fetch-kernel: downloaded $pkg $debver, kernel $release -> $out"
