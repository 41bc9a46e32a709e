#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Install the Debian 12 packages that building and testing bzboot needs.
# Idempotent: asks apt only for what dpkg says is missing.
set -euo pipefail

PKGS=(
	make gcc gcc-multilib libc6-dev clang clang-format libclang-rt-14-dev nasm
	binutils git
	libcmocka-dev
	qemu-system-x86 mtools dosfstools fdisk cpio gzip
	busybox-static syslinux syslinux-common grub-pc-bin
	python3 python3-pytest
	# two pytest workers: tests/run-all.sh runs the boot tests two at a time
	python3-pytest-xdist
	# mkpasswd, openssl passwd, sha1pass: tests/tool/test_passwd.py
	whois openssl syslinux-utils
	# the manuals' check (mandoc -Tlint) and make deb
	mandoc debhelper lintian fakeroot dpkg-dev
	dpkg apt ca-certificates
)

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
