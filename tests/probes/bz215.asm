; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.15 bzImage shaped like a current kernel: relocatable,
; 2 MiB alignment, pref_address 16 MiB, init_size 32 MiB, cmdline_size
; 2047, kernel_info ("LToP") at the start of its protected-mode part.
%define PROBE_NAME "bz215"
%define PROTO 0x020F
%define BZIMAGE 1
%define SETUP_SECTS 12
%define PM_SIZE 0x10003
%define PM_SEED 0x2150215F
%define INITRD_ADDR_MAX 0x7FFFFFFF
%define RELOCATABLE 1
%define KERNEL_ALIGNMENT 0x200000
%define MIN_ALIGNMENT 21
%define CMDLINE_SIZE 2047
%define PREF_ADDRESS 0x1000000
%define INIT_SIZE 0x2000000
%include "probe.inc"
