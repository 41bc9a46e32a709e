; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.00 zImage (protected-mode part at 0x10000, of an odd
; size); no heap_end_ptr, command line through the 0xA33F magic.
%define PROBE_NAME "z200"
%define PROTO 0x0200
%define BZIMAGE 0
%define SETUP_SECTS 4
%define PM_SIZE 0x4A5C3
%define PM_SEED 0x20020000
%include "probe.inc"
