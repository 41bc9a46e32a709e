# SPDX-License-Identifier: BSD-2-Clause
# stage1/: 512-byte boot sectors, nasm -f bin, one file = one sector.
# Each prints its code size against the budget (bytes 0..0x1A5 are code).

STAGE1_BUDGET := 422	# 0x1A6: the installer's fields follow

$(B)/stage1/%.bin: stage1/%.asm stage1/format.inc
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin -Istage1/ -l $(@:.bin=.lst) -o $@ $<
	@used=$$(head -c $(STAGE1_BUDGET) $@ | od -An -tx1 -v | tr -s ' ' '\n' | \
		awk 'NF && $$1 != "00" { n = NR } END { print n }'); \
	 printf '  %-7s %s: %s of %s code bytes\n' SIZE $@ "$$used" $(STAGE1_BUDGET)
