# SPDX-License-Identifier: BSD-2-Clause
# tests/probes/: probe kernels, one per Linux boot-protocol family, and the
# boot sector of the memdisk test floppy (nasm -f bin). The boot tests
# (tests/boot/test_probes.py, test_payloads.py) boot them; docs/probes.md.

PROBE_NAMES := old z200 bz200 bz201 z202 bz202 rel210 bz215 lkrn207
PROBE_BINS := $(patsubst %,$(B)/probes/%.bin,$(PROBE_NAMES) floppyboot chainboot \
	fileboot mboot)

# nasm 2.16's -MD leaves %include files out: list them here.
PROBE_INCS := tests/probes/probe.inc tests/probes/serial.inc

$(B)/probes/%.bin: tests/probes/%.asm $(PROBE_INCS)
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin -Itests/probes/ -o $@ $<

.PHONY: probes
probes: $(PROBE_BINS)

# The same probe as an ELF64 file (32-bit code, one PT_LOAD at 1 MiB, no
# a.out kludge in its header): mboot.c32's ELF64 path.
$(B)/probes/mboot64.elf: tests/probes/mboot.asm
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf64 -DELF -o $(@:.elf=.o) $<
	$(Q)$(LD) -m elf_x86_64 -N -Ttext=0x100000 -nostdlib --build-id=none \
		--no-warn-rwx-segments -e entry -o $@ $(@:.elf=.o)

PROBE_BINS += $(B)/probes/mboot64.elf
