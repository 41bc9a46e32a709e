; SPDX-License-Identifier: BSD-2-Clause
; Probe: a payload that is not Linux but speaks its protocol, a 2.07 bzImage
; with the header of iPXE's .lkrn (src/arch/x86/prefix/lkrnprefix.S):
; code32_start 0, not relocatable, kernel_alignment 0, initrd_addr_max
; 4 GiB - 1, cmdline_size 2047. SYSLINUX and GRUB load it at 1 MiB and
; leave code32_start as it is; the probe reads its PM part at 1 MiB.
%define PROBE_NAME "lkrn207"
%define PROTO 0x0207
%define BZIMAGE 1
%define SETUP_SECTS 4
%define PM_SIZE 0x2F3A1
%define PM_SEED 0x1C0207A5
%define CODE32_START 0
%define KERNEL_ALIGNMENT 0
%define INITRD_ADDR_MAX 0xFFFFFFFF
%define CMDLINE_SIZE 0x7FF
%include "probe.inc"
