; SPDX-License-Identifier: BSD-2-Clause
; Probe: a kernel from before boot protocol 2.00 (no "HdrS"): zImage only,
; setup_sects 0 (= 4), no initrd, command line through the 0xA33F magic.
%define PROBE_NAME "old"
%define PROTO 0
%define BZIMAGE 0
%define SETUP_SECTS 0
%define PM_SIZE 0x30000
%define PM_SEED 0x01D0001D
%include "probe.inc"
