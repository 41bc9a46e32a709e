; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.02 bzImage (the oldest bzboot loads today): 300 KiB
; protected-mode part, cmd_line_ptr, no initrd_addr_max (0x37FFFFFF).
%define PROBE_NAME "bz202"
%define PROTO 0x0202
%define BZIMAGE 1
%define SETUP_SECTS 4
%define PM_SIZE 0x4B000
%define PM_SEED 0xB2020B22
%include "probe.inc"
