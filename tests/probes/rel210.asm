; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.10 relocatable bzImage: kernel_alignment 4 MiB,
; min_alignment 2 MiB, pref_address 16 MiB, init_size 16 MiB, a low
; initrd_addr_max (256 MiB) and cmdline_size 511.
%define PROBE_NAME "rel210"
%define PROTO 0x020A
%define BZIMAGE 1
%define SETUP_SECTS 8
%define PM_SIZE 0x40000
%define PM_SEED 0x2100210A
%define INITRD_ADDR_MAX 0x0FFFFFFF
%define RELOCATABLE 1
%define KERNEL_ALIGNMENT 0x400000
%define MIN_ALIGNMENT 21
%define CMDLINE_SIZE 511
%define PREF_ADDRESS 0x1000000
%define INIT_SIZE 0x1000000
%include "probe.inc"
