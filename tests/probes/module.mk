# SPDX-License-Identifier: BSD-2-Clause
# tests/probes/: probe kernels, one per Linux boot-protocol family, and the
# boot sector of the memdisk test floppy (nasm -f bin). The boot tests
# (tests/boot/test_probes.py, test_payloads.py) boot them; docs/probes.md.

PROBE_NAMES := old z200 bz200 bz201 z202 bz202 rel210 bz215 lkrn207
PROBE_BINS := $(patsubst %,$(B)/probes/%.bin,$(PROBE_NAMES) floppyboot chainboot \
	fileboot)

# nasm 2.16's -MD leaves %include files out: list them here.
PROBE_INCS := tests/probes/probe.inc tests/probes/serial.inc

$(B)/probes/%.bin: tests/probes/%.asm $(PROBE_INCS)
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin -Itests/probes/ -o $@ $<

.PHONY: probes
probes: $(PROBE_BINS)
