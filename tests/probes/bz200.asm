; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.00 bzImage (LOADED_HIGH); no heap_end_ptr, command
; line through the 0xA33F magic and setup_move_size.
%define PROBE_NAME "bz200"
%define PROTO 0x0200
%define BZIMAGE 1
%define SETUP_SECTS 5
%define PM_SIZE 0x20000
%define PM_SEED 0xB2000B20
%include "probe.inc"
