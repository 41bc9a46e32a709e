# SPDX-License-Identifier: BSD-2-Clause
# stage1/: 512-byte boot sectors, nasm -f bin, one file = one sector.
# Each prints its code size against the budget: the bytes before the
# installer's fields (the PBR's count includes the BPB it keeps).

# Bytes before the installer's fields: mbr 0x1A6, pbr 0x1EC.
STAGE1_BUDGET_mbr := 422
STAGE1_BUDGET_pbr := 492

STAGE1_BINS := $(B)/stage1/mbr.bin $(B)/stage1/pbr.bin

# stage1/format.h is the one source of the numbers stage1, stage2 and the
# installer share; nasm reads them from build/gen/format.inc.
$(B)/gen/format.inc: stage1/format_inc.c
	$(gen_inc)

$(B)/stage1/%.bin: stage1/%.asm $(B)/gen/format.inc stage1/load.inc \
		stage1/bios.inc stage1/fields.inc
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin -I$(B)/gen/ -Istage1/ -l $(@:.bin=.lst) -o $@ $<
	@used=$$(head -c $(STAGE1_BUDGET_$*) $@ | od -An -tx1 -v | tr -s ' ' '\n' | \
		awk 'NF && $$1 != "00" { n = NR } END { print n }'); \
	 printf '  %-7s %s: %s of %s code bytes\n' SIZE $@ "$$used" $(STAGE1_BUDGET_$*)
