# SPDX-License-Identifier: BSD-2-Clause
# tools/: the host tool build/bzboot (the installer, with stage1 and stage2
# built in) and build/seal-stage2, which stage2/module.mk runs to turn
# stage2.raw into stage2.bin.

BZBOOT_SRCS := tools/bzboot.c tools/args.c \
	tools/install.c tools/image.c tools/preflight.c tools/disk.c \
	tools/plan.c tools/active.c tools/backup.c tools/restore.c \
	tools/mounted.c tools/fault.c \
	tools/mbr.c tools/gpt.c tools/pbr.c tools/s2img.c tools/file.c \
	tools/inspect.c tools/inspect_header.c tools/inspect_layout.c \
	$(PROTOCOL_SRCS) $(CMDLINE_SRCS) $(FS_SRCS)
SEAL_SRCS := tools/seal-stage2.c tools/s2img.c tools/file.c tools/pack.c

BZBOOT_OBJS := $(patsubst %.c,$(B)/tool/%.o,$(BZBOOT_SRCS)) \
	$(B)/tool/tools/embed.o
SEAL_OBJS := $(patsubst %.c,$(B)/tool/%.o,$(SEAL_SRCS))

# The images are .incbin'd; -MMD cannot see that, so the rule names them.
$(B)/tool/tools/embed.o: tools/embed.S $(STAGE1_BINS) $(B)/stage2.bin
	$(call msg,AS,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -c -DBZ_STAGE1_BIN='"$(B)/stage1/mbr.bin"' \
		-DBZ_PBR_BIN='"$(B)/stage1/pbr.bin"' \
		-DBZ_STAGE2_BIN='"$(B)/stage2.bin"' $< -o $@

$(B)/bzboot: $(BZBOOT_OBJS) $(STAGE1_BINS) $(B)/stage2.bin
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(filter %.o,$^) -o $@

$(B)/seal-stage2: $(SEAL_OBJS)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $^ -o $@

# The installer's tests: images made without root, see tests/tool/.
.PHONY: tool-tests
tool-tests: $(B)/bzboot
	$(Q)$(PYTHON) -m pytest -q tests/tool
