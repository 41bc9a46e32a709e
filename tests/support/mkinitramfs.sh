#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Build the boot-test initramfs (gzip'd newc cpio) without root: busybox
# plus an /init that reports what the loader handed the kernel, then powers off.
#
# Usage: tests/support/mkinitramfs.sh OUT   (BUSYBOX=/path overrides /bin/busybox)
#
# The serial protocol /init speaks (tests/support/qemu.py parses it):
#   BZBOOT-TEST-START
#   CMDLINE:<contents of /proc/cmdline>
#   BPVERSION:<contents of /sys/kernel/boot_params/version>
#   EXTRA:<contents of /etc/bz-extra>   only when a second initrd brought it
#   BOOTPARAMS-BEGIN
#   BP:<offset, 4 hex digits>:<32 bytes as 64 hex digits>   x 128
#   BOOTPARAMS-END
#   BZBOOT-TEST-OK
# If the command line holds bz.shell=1, a shell runs on the console instead
# of powering off (the demo's second label).
set -euo pipefail

out=${1:?usage: mkinitramfs.sh OUT}
busybox=${BUSYBOX:-/bin/busybox}

[ -x "$busybox" ] || { echo "mkinitramfs: no $busybox (apt-get install busybox-static)" >&2; exit 1; }
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
	# file(1) may be missing; only refuse when it positively says dynamic.
	if file -L "$busybox" 2>/dev/null | grep -q 'dynamically linked'; then
		echo "mkinitramfs: $busybox is dynamic; install busybox-static" >&2
		exit 1
	fi
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root}
cp "$busybox" "$stage/bin/busybox"
chmod 0755 "$stage/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	case "$applet" in
	bin/busybox|linuxrc) continue ;;
	esac
	ln -sf /bin/busybox "$stage/$applet"
done

# No device nodes here: mknod needs root. The kernel's built-in initramfs
# already holds /dev/console, and /init mounts devtmpfs over /dev.
cat >"$stage/init" <<'EOF'
#!/bin/sh
# bzboot boot-test /init: print what the boot loader handed the kernel.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Keep late kernel messages from interleaving with the report below.
echo 1 >/proc/sys/kernel/printk
[ -t 1 ] || exec </dev/console >/dev/console 2>&1
echo
echo "BZBOOT-TEST-START"
printf 'CMDLINE:%s\n' "$(cat /proc/cmdline)"
printf 'BPVERSION:%s\n' "$(cat /sys/kernel/boot_params/version 2>/dev/null)"
# Not in this archive: proof that the kernel unpacked a second one too.
if [ -f /etc/bz-extra ]; then
	printf 'EXTRA:%s\n' "$(cat /etc/bz-extra)"
fi
echo "BOOTPARAMS-BEGIN"
hexdump -v -e '"BP:" 1/0 "%04_ax" ":" 32/1 "%02x" "\n"' /sys/kernel/boot_params/data
echo "BOOTPARAMS-END"
echo "BZBOOT-TEST-OK"
case " $(cat /proc/cmdline) " in
*" bz.shell=1 "*)
	echo "bz.shell=1: a shell on the console; 'poweroff -f' ends the demo."
	setsid cttyhack sh -l
	;;
esac
poweroff -f
EOF
chmod 0755 "$stage/init"

# Deterministic archive: fixed times, owners and inode numbers, sorted names.
find "$stage" -exec touch -h -d @0 {} +
mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible) | gzip -n -9 >"$out.tmp"
mv -f "$out.tmp" "$out"
echo "mkinitramfs: wrote $out ($(stat -c %s "$out") bytes)"
