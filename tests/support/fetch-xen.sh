#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Fetch Debian's Xen hypervisor (xen-hypervisor-4.17-amd64) once and leave
# its gzip-compressed Multiboot image as CACHE_DIR/xen.gz, with
# CACHE_DIR/xen-version beside it; tests/boot/test_mboot.py boots it
# through mboot.c32. A second run finds both and touches nothing.
#
# Usage: tests/support/fetch-xen.sh [CACHE_DIR]   (default build/cache)
set -euo pipefail

cache=${1:-build/cache}
pkg=xen-hypervisor-4.17-amd64
die() { echo "fetch-xen: $*" >&2; exit 1; }

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
out=$cache/xen.gz
ver=$cache/xen-version
if [ -s "$out" ] && [ -s "$ver" ]; then
	echo "fetch-xen: cached $(head -n1 "$ver") in $out"
	exit 0
fi

tmp=$(mktemp -d "$cache/.fetch-xen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# apt-get download needs no root; it writes into the current directory.
(cd "$tmp" && apt-get download -q "$pkg" >/dev/null 2>"$tmp/apt.err") ||
	{ cat "$tmp/apt.err" >&2; die "apt-get download $pkg failed (apt-get update?)"; }
deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || die "apt-get download $pkg left no .deb"

mkdir -p "$tmp/root"
dpkg-deb --fsys-tarfile "$deb" |
	tar -x -C "$tmp/root" --wildcards './boot/xen-*.gz'
img=$(ls "$tmp"/root/boot/xen-*.gz 2>/dev/null | head -n1)
[ -n "$img" ] || die "$pkg has no /boot/xen-*.gz"
# gzip magic: a wrong file fails here, not as a refusal at boot time
[ "$(od -An -tx1 -N2 "$img" | tr -d ' ')" = 1f8b ] || die "$img is not gzip"

mv -f "$img" "$out.tmp" && mv -f "$out.tmp" "$out"
printf '%s %s\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" >"$ver.tmp"
mv -f "$ver.tmp" "$ver"
echo "fetch-xen: downloaded $pkg -> $out"
