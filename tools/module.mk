# SPDX-License-Identifier: BSD-2-Clause
# tools/: the host tool build/bzboot (the installer, with stage1 and stage2
# built in) and build/seal-stage2, which stage2/module.mk runs to turn
# stage2.raw into stage2.bin.

BZBOOT_SRCS := tools/bzboot.c tools/args.c \
	tools/install.c tools/install_help.c tools/image.c tools/preflight.c tools/disk.c \
	tools/plan.c tools/active.c tools/backup.c tools/restore.c \
	tools/mounted.c tools/fault.c \
	tools/fatw.c tools/fatw_dir.c tools/fatw_name.c tools/fatw_plan.c tools/fatw_put.c \
	tools/copy.c tools/modules.c tools/s2file.c \
	tools/mbr.c tools/gpt.c tools/pbr.c tools/s2img.c tools/file.c \
	tools/inspect.c tools/inspect_header.c tools/inspect_layout.c \
	tools/inspect_paging.c \
	tools/pcmap.c tools/check.c tools/check_walk.c tools/check_entry.c \
	tools/check_linux.c tools/check_src.c tools/check_module.c tools/check_boot.c \
	$(PROTOCOL_SRCS) $(CMDLINE_SRCS) $(FS_SRCS)
SEAL_SRCS := tools/seal-stage2.c tools/s2img.c tools/file.c tools/pack.c

BZBOOT_OBJS := $(patsubst %.c,$(B)/tool/%.o,$(BZBOOT_SRCS)) \
	$(B)/tool/tools/embed.o
SEAL_OBJS := $(patsubst %.c,$(B)/tool/%.o,$(SEAL_SRCS))

# The images are .incbin'd; -MMD cannot see that, so the rule names them.
# The built-in stage2's module identity (protocol/bzmod.h) goes with it, so
# install checks the modules it writes against the stage2 it writes.
$(B)/tool/tools/embed.o: tools/embed.S $(STAGE1_BINS) $(B)/stage2.bin \
		$(B)/stage2.raw $(B)/stage2.elf $(B)/seal-module
	$(call msg,AS,$@)
	@mkdir -p $(@D)
	$(Q)eval $$($(NM) $(B)/stage2.elf | \
	  sed -n 's/^\([0-9a-f]*\) . \(_start32\|_ident_start\|_ident_end\)$$/\2=0x\1/p') && \
	ident=$$($(B)/seal-module $(B)/stage2.raw \
		$$((_ident_start - _start32)) $$((_ident_end - _start32))) && \
	$(HOSTCC) -c -DBZ_STAGE1_BIN='"$(B)/stage1/mbr.bin"' \
		-DBZ_PBR_BIN='"$(B)/stage1/pbr.bin"' \
		-DBZ_STAGE2_BIN='"$(B)/stage2.bin"' \
		-DBZ_STAGE2_IDENT=$$ident $< -o $@

$(B)/bzboot: $(BZBOOT_OBJS) $(STAGE1_BINS) $(B)/stage2.bin
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(TOOL_LDFLAGS) $(filter %.o,$^) -o $@

$(B)/seal-stage2: $(SEAL_OBJS)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $^ -o $@

# The installer's tests: images made without root, see tests/tool/.
.PHONY: tool-tests
tool-tests: $(B)/bzboot
	$(Q)$(PYTHON) -m pytest -q tests/tool
