#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Regenerates the checked-in seed corpora under tests/fuzz/corpus/: tiny
# FAT12/16/32 images (mkfs.fat + mtools, cut after the last used sector),
# kernel-header heads and config/command-line texts. Run by hand; the
# fuzz targets only read the result.
#   tests/fuzz/make-seeds.sh [path/to/bzImage]
set -eu
cd "$(dirname "$0")"
export MTOOLS_SKIP_CHECK=1 LC_ALL=C.UTF-8 TZ=UTC
PATH=$PATH:/usr/sbin:/sbin
kernel=${1:-../../build/cache/vmlinuz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- fuzz_fat: small volumes holding every path the target opens --------
# Deterministic file contents: numbered lines.
lines() { seq -f "line %04g of a test file" 1 "$1"; }

fill() { # fill IMG@@OFFSET
	local fs=$1 d=$tmp/files
	rm -rf "$d" && mkdir -p "$d"
	lines 60 >"$d/kernel.bin"	# ~1.6 KiB: several clusters
	lines 3 >"$d/long"
	lines 2 >"$d/deep"
	lines 20 >"$d/a" && lines 18 >"$d/hole" && lines 9 >"$d/c"
	lines 80 >"$d/frag"
	: >"$d/empty"
	touch -d @0 "$d"/*
	mcopy -i "$fs" "$d/kernel.bin" ::KERNEL.BIN
	mcopy -i "$fs" "$d/long" "::Linux-Kernel With A Long Name.img"
	mmd -i "$fs" ::boot ::boot/syslinux ::boot/syslinux/a \
		::boot/syslinux/a/b
	mcopy -i "$fs" "$d/deep" ::boot/syslinux/a/b/deep.cfg
	mcopy -i "$fs" "$d/long" ::initrd.gz	# lowercase 8.3
	mcopy -i "$fs" "$d/long" "::café.txt"	# UTF-8 long name
	mcopy -i "$fs" "$d/deep" "::😀 smile.txt"	# see fix_smile
	mcopy -i "$fs" "$d/empty" ::empty.txt
	# A hole in the middle makes frag.dat non-contiguous.
	mcopy -i "$fs" "$d/a" ::a.dat
	mcopy -i "$fs" "$d/hole" ::hole.dat
	mcopy -i "$fs" "$d/c" ::c.dat
	mdel -i "$fs" ::hole.dat
	mcopy -i "$fs" "$d/frag" ::frag.dat
}

# mtools 4.0.32 stores U+1F600 as the one unit 0xF600: put the surrogate
# pair VFAT uses in its long-name entry (13 units, the checksum is the 8.3
# name's and stays).
fix_smile() { # fix_smile IMG
	python3 - "$1" <<'EOF'
import sys, struct
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
units = [0xD83D, 0xDE00] + [ord(c) for c in " smile.txt"] + [0]
raw = struct.pack("<13H", *units)
at = d.find(struct.pack("<3H", 0xF600, 0x20, ord("s")))
if at > 0:
    e = at - 1
    d[e + 1:e + 11] = raw[0:10]
    d[e + 14:e + 26] = raw[10:22]
    d[e + 28:e + 32] = raw[22:26]
    open(p, "wb").write(d)
EOF
}

# Cuts the image after its last sector that is not all zeros.
cut_image() { # cut_image IMG OUT
	fix_smile "$1"
	python3 - "$1" "$2" <<'EOF'
import sys
d = open(sys.argv[1], "rb").read()
end = len(d.rstrip(b"\0"))
end = (end + 511) // 512 * 512
open(sys.argv[2], "wb").write(d[:end])
EOF
}

out=corpus/fat
mkdir -p $out
new_volume() { # new_volume NAME KIB MKFS-OPTIONS...: $tmp/NAME, filled
	local name=$1 kib=$2
	shift 2
	rm -f "$tmp/$name"
	mkfs.fat --invariant -i 0B2B007 -C "$@" "$tmp/$name" "$kib" \
		>/dev/null 2>&1
	fill "$tmp/$name"
}
mk() { # mk NAME KIB MKFS-OPTIONS...
	new_volume "$@"
	cut_image "$tmp/$1" "$out/$1"
}
mk fat12-spc1.img 64 -F 12 -f 1 -r 16 -s 1 -R 1
mk fat12-spc2-2fats.img 128 -F 12 -f 2 -r 32 -s 2 -R 2
# FAT16 needs 4085 clusters; with one sector each the used part is small.
mk fat16-spc1.img 2100 -F 16 -f 1 -r 16 -s 1 -R 1
# FAT32: mtools writes only a real one (>= 65525 clusters, 33 MiB at one
# sector per cluster); the shrink then cuts its FAT to 4 sectors and the
# volume to 500 clusters: a FAT32-shaped volume fs/ reads as Linux does.
shrink_fat32() { # shrink_fat32 IN OUT
	python3 - "$1" "$2" <<'EOF'
import sys, struct
d = open(sys.argv[1], "rb").read()
rsvd, nfats = struct.unpack_from("<HB", d, 0x0E)
fatsz = struct.unpack_from("<I", d, 0x24)[0]
spc = d[0x0D]
new_fatsz, clusters = 4, 500
head = bytearray(d[:rsvd * 512])
struct.pack_into("<I", head, 0x24, new_fatsz)
struct.pack_into("<I", head, 0x20, rsvd + nfats * new_fatsz + clusters * spc)
fat = d[rsvd * 512:(rsvd + new_fatsz) * 512]
data_at = (rsvd + nfats * fatsz) * 512
data = d[data_at:data_at + clusters * spc * 512]
open(sys.argv[2], "wb").write(bytes(head) + fat * nfats + data)
EOF
}
mk_fat32() { # mk_fat32 NAME KIB MKFS-OPTIONS...
	new_volume "$@"
	shrink_fat32 "$tmp/$1" "$tmp/$1.small"
	cut_image "$tmp/$1.small" "$out/$1"
}
mk_fat32 fat32-small.img 33792 -F 32 -f 1 -s 1 -R 8
mk_fat32 fat32-spc2-2fats.img 67584 -F 32 -f 2 -s 2 -R 8

# part_disk NAME SIZE LBA KIB TABLE: a disk image of SIZE whose sfdisk
# TABLE (a printf format) has a FAT12 volume of KIB KiB at LBA, filled.
part_disk() {
	local disk=$tmp/$1
	truncate -s "$2" "$disk"
	# shellcheck disable=SC2059 # the table is the format
	printf "$5" | sfdisk --no-reread --no-tell-kernel -q "$disk" \
		>/dev/null 2>&1
	mkfs.fat --invariant -i 0B2B007 --offset="$3" -F 12 -f 1 -r 16 -s 1 \
		-R 1 "$disk" "$4" >/dev/null 2>&1
	fill "$disk@@$(($3 * 512))"
}

# An MBR disk: partition 1 (FAT12, active) at LBA 1.
part_disk mbr.img 80K 1 79 'start=1, size=159, type=1, bootable\n'
cut_image "$tmp/mbr.img" "$out/mbr-fat12.img"

# A logical partition (5) behind an EBR in an extended partition.
part_disk ebr.img 96K 3 50 'label: dos\nlabel-id: 0x0b2b0070
start=1, size=191, type=5\nstart=3, size=100, type=1, bootable\n'
cut_image "$tmp/ebr.img" "$out/ebr-fat12.img"

# GPT with a 4-entry array (one sector) and its backup at the end: an EFI
# System partition marked Legacy BIOS Bootable.
part_disk gpt.img 40K 3 35 'label: gpt
label-id: 0B2B0070-0000-4000-8000-000000000001\ntable-length: 4
first-lba: 3\nstart=3, size=70, uuid=0B2B0070-0000-4000-8000-000000000002, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, attrs="LegacyBIOSBootable"\n'
fix_smile "$tmp/gpt.img"
cp "$tmp/gpt.img" "$out/gpt-fat12.img"

# --- fuzz_header: the head of a real bzImage, and small variants --------
# (regress-* files are reproducers of fixed bugs, kept as they are.)
out=corpus/header
mkdir -p $out
if [ -f "$kernel" ]; then
	python3 - "$kernel" "$out" <<'EOF'
import sys, struct
k = open(sys.argv[1], "rb").read()
out = sys.argv[2]
sects = k[0x1F1] or 4
setup = (sects + 1) * 512
# The whole setup plus one sector of the protected-mode part.
open(out + "/bzimage-head", "wb").write(k[:setup + 512])

# Two setup sectors, version and field variants: kernel_version inside.
def variant(name, version, sects=1, loadflags=1, reloc=1, align=0x200000):
    h = bytearray(k[:3072])
    h[0x1F1] = sects
    struct.pack_into("<H", h, 0x206, version)
    struct.pack_into("<H", h, 0x20E, 0x100)   # string at 0x300
    h[0x300:0x320] = b"6.1.0-fuzz (seed) #1 SMP\0".ljust(32, b"\0")
    h[0x211] = loadflags
    h[0x234] = reloc
    struct.pack_into("<I", h, 0x230, align)
    struct.pack_into("<I", h, 0x1F4, 0x20)     # syssize: 512 bytes
    size = ((sects or 4) + 1) * 512
    h = bytes(h[:size]).ljust(size, b"\0") + bytes(512)
    open(out + "/" + name, "wb").write(h)

variant("v202", 0x0202, reloc=0)
variant("v204", 0x0204, reloc=0)
variant("v205-reloc", 0x0205)
variant("v206", 0x0206)
variant("v20a", 0x020A)
variant("v20f-zimage", 0x020F, loadflags=0)
variant("v20f-sects0", 0x020F, sects=0)
EOF
fi

# --- fuzz_config / fuzz_kcmdline: texts --------------------------------
out=corpus/config
mkdir -p $out
cat >$out/simple.cfg <<'EOF'
DEFAULT linux
PROMPT 1
TIMEOUT 50
APPEND console=ttyS0 quiet
SERIAL 0 115200
LABEL linux
  KERNEL /vmlinuz
  INITRD /initrd.img,/extra.img
  APPEND root=/dev/sda1 vga=0x317 mem=512M
LABEL rescue
  LINUX /vmlinuz
  APPEND -
LABEL old
  KERNEL memtest.bin
EOF
cat >$out/menu.cfg <<'EOF'
UI menu.c32
MENU TITLE Boot menu
TOTALTIMEOUT 600
ONTIMEOUT safe
ONERROR rescue
IMPLICIT 0
ALLOWOPTIONS 0
INCLUDE other.cfg
MENU BEGIN sub
  LABEL inner
    KERNEL vmlinuz-inner
    MENU DEFAULT
MENU END
LABEL safe
  MENU LABEL Safe mode
  KERNEL vmlinuz initrd=/a.img nomodeset
  MENU HIDE
  IPAPPEND 2
LABEL second
  MENU DEFAULT
  COM32 vesamenu.c32
TEXT HELP
  LABEL notalabel
ENDTEXT
F1 help.txt
LOCALBOOT 0
EOF
printf 'default linux\r\nlabel linux\r\n\tkernel vmlinuz\r\n\tappend a=b "c d"=e\rlabel x\n' \
	>$out/crlf.cfg
# Values just past their limits and one label past CFG_MAX_LABELS: lines
# longer than the fuzzer's first inputs, so it need not grow them itself.
python3 - >$out/limits.cfg <<'EOF'
print("NOESCAPE 1\nNOCOMPLETE 1\nNOHALT 1\nCONSOLE 0\nSERIAL 0x3f8 9600 0xab")
print("APPEND " + "a" * 2048)
print("LABEL " + "n" * 64)
print("LABEL big\n KERNEL /" + "k" * 256 + " x=1\n INITRD " + "i" * 256)
print(" APPEND " + "b" * 2048 + "\nINCLUDE " + "p" * 256)
for i in range(64):
    print("LABEL l%d" % i)
print("DEFAULT l63 " + "w" * 2040)
EOF

# Names with blanks, quoted (bzboot's extension, docs/config.md).
cat >$out/quoted.cfg <<'EOF'
DEFAULT "/boot/Debian Kernels/vmlinuz-6.1.0-amd64" root=/dev/sda1 initrd="/boot/Debian Kernels/initrd.img",/x.img
ONTIMEOUT deb
ONERROR "/boot/Old Kernels/vmlinuz
LABEL deb
  LINUX "/boot/Debian Kernels/vmlinuz-6.1.0-amd64" quiet
  INITRD "/boot/Debian Kernels/initrd.img-6.1.0-amd64",/extra.img
  APPEND root=/dev/sda1 vga=ask mem=1G
LABEL mixed
  KERNEL /boot/"Debian Kernels"/memtest.bin
  INITRD /a.img,"/b c.img"  rd.debug
LABEL open
  KERNEL "/boot/Debian Kernels/vmlinuz
  INITRD "/x y.img
LABEL empty
  KERNEL ""
EOF

out=corpus/kcmdline
mkdir -p $out
# Pieces separated by NUL: command line, option name, value, initrd list.
printf 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 vga=0x317 mem=512M "initrd=a b" -- vga=1\0vga\0ext\0/a.img,,/b.img,\0512M' \
	>$out/basic
printf 'quiet "mem=0x20000000k" mem=nopentium vga=ask initrd=x\0mem\0current\0,,\0' \
	>$out/quoted
printf '"/boot/Debian Kernels/vmlinuz" initrd="/a b/x.img",/y.img "vga=ask"\0initrd\0ask\0"/a b/x.img",,"",/y.img)2M' \
	>$out/blank_names
