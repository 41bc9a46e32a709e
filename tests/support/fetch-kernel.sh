#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Fetch the Debian kernel that linux-image-<flavour> points at, once, and
# leave its bzImage as vmlinuz with kernel-version beside it.
#
# Usage: tests/support/fetch-kernel.sh [CACHE_DIR] [FLAVOUR]
#   CACHE_DIR  default build/cache
#   FLAVOUR    amd64 (the default: CACHE_DIR/vmlinuz) or another flavour,
#              e.g. 686 (CACHE_DIR/686/vmlinuz). A flavour of another
#              architecture (686 is i386) is looked up in a private apt
#              state, CACHE_DIR/apt-<arch>, so the system gains no
#              architecture and its own package lists stay as they are.
# A second run finds both files and touches nothing (no apt, no network).
set -euo pipefail

cache=${1:-build/cache}
flavour=${2:-amd64}
die() { echo "fetch-kernel: $*" >&2; exit 1; }

case $flavour in
amd64 | cloud-amd64 | rt-amd64) arch=amd64 ;;
686 | 686-pae | rt-686-pae) arch=i386 ;;
*) die "unknown kernel flavour '$flavour' (try amd64 or 686)" ;;
esac
[ "$flavour" = amd64 ] || cache=$cache/$flavour
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
out=$cache/vmlinuz
ver=$cache/kernel-version

if [ -s "$out" ] && [ -s "$ver" ]; then
	echo "fetch-kernel: cached $(head -n1 "$ver") in $out"
	exit 0
fi

# apt-get/apt-cache options: none for the system's own architecture; for
# another one, a private source list (the system's Debian archives, that
# architecture only), lists, cache and an empty dpkg status.
APT=()
private=
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	private=$(dirname "$cache")/apt-$arch
	mkdir -p "$private"/lists/partial "$private"/cache/archives/partial \
		"$private"/parts
	touch "$private"/status
	apt-get indextargets --no-release-info \
		--format '$(REPO_URI) $(RELEASE) $(COMPONENT)' \
		'Identifier: Packages' | sort -u |
		grep -E '/debian(-security)?/? ' |
		sed "s|^|deb [arch=$arch] |" >"$private"/sources.list || true
	[ -s "$private"/sources.list ] || die "no Debian archive in the apt sources"
	APT=(-o Dir::Etc::SourceList="$private"/sources.list
		-o Dir::Etc::SourceParts="$private"/parts
		-o Dir::State::Lists="$private"/lists
		-o Dir::Cache="$private"/cache
		-o Dir::State::status="$private"/status
		-o APT::Architecture="$arch" -o APT::Architectures::="$arch")
	# As root apt would hand downloads to _apt, who cannot write here.
	[ "$(id -u)" -ne 0 ] || APT+=(-o APT::Sandbox::User=root)
fi

# The metapackage depends on exactly one versioned image package (the
# signed one on bookworm). Take the first plain Depends: line. Without
# lists apt-cache fails: print nothing then, so the update below runs.
find_pkg() {
	{ apt-cache "${APT[@]}" depends "linux-image-$flavour" 2>/dev/null ||
		true; } |
		sed -n 's/^ *Depends: *\(linux-image-[^ ]*\)$/\1/p' | head -n1
}

apt_update() {
	if [ -n "$private" ]; then
		# Anyone may fill the private lists. An archive caught
		# mid-sync fails alone; the others still count.
		echo "fetch-kernel: fetching the $arch package lists" >&2
		apt-get "${APT[@]}" update -qq >/dev/null 2>&1 || true
		return 0
	fi
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
[ -n "$pkg" ] || die "apt-cache knows no linux-image-$flavour; run 'apt-get update'"

tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# apt-get download writes into the current directory and needs no root.
# As root it warns that the _apt user cannot write there; that is harmless.
download() {
	(cd "$tmp" && apt-get "${APT[@]}" download -q "$pkg" >/dev/null \
		2>"$tmp/apt.err")
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
