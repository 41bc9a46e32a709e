; SPDX-License-Identifier: BSD-2-Clause
; Probe: a protocol 2.02 zImage with a protected-mode part of 508 KiB, just
; under the 512 KiB that fits 0x10000-0x8FFFF; cmd_line_ptr.
%define PROBE_NAME "z202"
%define PROTO 0x0202
%define BZIMAGE 0
%define SETUP_SECTS 4
%define PM_SIZE 0x7F000
%define PM_SEED 0x20220222
%include "probe.inc"
