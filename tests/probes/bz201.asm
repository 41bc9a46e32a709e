; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.01 bzImage: heap_end_ptr and CAN_USE_HEAP, command
; line still through the 0xA33F magic and setup_move_size.
%define PROBE_NAME "bz201"
%define PROTO 0x0201
%define BZIMAGE 1
%define SETUP_SECTS 6
%define PM_SIZE 0x18000
%define PM_SEED 0xB2010B21
%include "probe.inc"
