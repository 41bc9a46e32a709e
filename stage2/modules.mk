# SPDX-License-Identifier: BSD-2-Clause
# stage2 modules (docs/architecture.md, "Modules"): build/modules/NAME.bzm,
# each linked at MEM_MODULE with --just-symbols=stage2.elf, so it calls
# stage2's own memcpy, printf... and carries only what stage2 lacks, then
# sealed by build/seal-module with the identity of that stage2.
#
# A module: MODULES += name; MOD_name_OBJS := its target objects (its
# stage2/mod_NAME.c first: the header and entry table).

MODULES := passwd cmds chain c32 menu mboot native
MOD_passwd_OBJS := $(B)/target/stage2/mod_passwd.o \
	$(patsubst %.c,$(B)/target/%.o,cmdline/passwd.c cmdline/crypt.c \
	cmdline/hash.c cmdline/md5.c cmdline/sha1.c cmdline/sha2.c)
MOD_chain_OBJS := $(patsubst %.c,$(B)/target/%.o,stage2/mod_chain.c \
	stage2/chain_boot.c cmdline/chain_args.c fs/part_handover.c)
# chain.c32's disk-side options: guid:/label:, hide, the BPB, swap's hook
MOD_chain_OBJS += $(patsubst %.c,$(B)/target/%.o,stage2/chain_opts.c \
	stage2/chain_swap.c fs/bpb_patch.c fs/part_hide.c fs/gpt_find.c) \
	$(B)/target/stage2/chain_swap_stub.o
# booting files: boot-sector files, file= and the OS loaders
MOD_chain_OBJS += $(patsubst %.c,$(B)/target/%.o,stage2/chain_file.c \
	stage2/chain_kernel.c cmdline/chain_loader.c fs/bpb_copy.c) \
	$(B)/target/stage2/chain_jump.o

# mboot.c32: Multiboot kernels (Xen's xen.gz is gzip: inflate.c)
MOD_mboot_OBJS := $(patsubst %.c,$(B)/target/%.o,stage2/mod_mboot.c \
	stage2/mboot_boot.c protocol/multiboot.c protocol/inflate.c)

# reboot.c32 and poweroff.c32 are the cmds module's reboot and poweroff:
# stage2/cmds_power.c is linked into both modules.
MOD_c32_OBJS := $(patsubst %.c,$(B)/target/%.o,stage2/mod_c32.c \
	cmdline/c32_branch.c stage2/cmds_power.c protocol/acpi.c)

MOD_cmds_OBJS := $(patsubst %.c,$(B)/target/%.o,stage2/mod_cmds.c \
	stage2/cmds_files.c stage2/cmds_info.c stage2/cmds_power.c \
	stage2/cmds_layout.c cmdline/cmds.c fs/fat_dir.c protocol/acpi.c \
	protocol/e820.c protocol/linux_draw.c)

# The menu: the model's parser (the core parser calls its hooks), the UI
# and its screen; the core (stage2/ui.c) keeps the model and the state.
MOD_menu_OBJS := $(B)/target/stage2/mod_menu.o \
	$(B)/target/stage2/menu_screen.o \
	$(patsubst %.c,$(B)/target/%.o,cmdline/config_menu.c \
	cmdline/config_menu_model.c cmdline/config_text.c $(MENU_UI_SRCS))

MODULE_BINS := $(patsubst %,$(B)/modules/%.bzm,$(MODULES))

SEAL_MODULE_OBJS := $(patsubst %.c,$(B)/tool/%.o,tools/seal-module.c \
	protocol/bzmod.c tools/file.c)

$(B)/seal-module: $(SEAL_MODULE_OBJS)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $^ -o $@

# An undefined symbol means the module calls something stage2 does not
# link (--gc-sections dropped it, or it never existed): say so plainly.
$(B)/modules/%.elf: $$(MOD_$$*_OBJS) $(B)/stage2.elf $(B)/gen/module.ld
	$(call msg,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(LD) $(TARGET_LDFLAGS) -T $(B)/gen/module.ld \
		--just-symbols=$(B)/stage2.elf -Map $(@:.elf=.map) \
		--no-warn-rwx-segments -o $@ $(MOD_$*_OBJS) || { \
	  echo "module $*: the link failed; an undefined reference above is a" \
	    "function stage2 does not have (or dropped as unused): call" \
	    "another one, or link its source into the module" >&2; exit 1; }

$(B)/modules/%.bzm: $(B)/modules/%.raw $(B)/stage2.raw $(B)/stage2.elf \
		$(B)/seal-module
	$(call msg,SEAL,$@)
	$(Q)eval $$($(NM) $(B)/stage2.elf | \
	  sed -n 's/^\([0-9a-f]*\) . \(_start32\|_ident_start\|_ident_end\)$$/\2=0x\1/p') && \
	$(B)/seal-module $(B)/stage2.raw $$((_ident_start - _start32)) \
		$$((_ident_end - _start32)) $< $@

all: $(MODULE_BINS)

# native reads: the virtio-blk driver and its proof (stage2/native.c is
# the core's hook); resident while the files of a boot load.
MOD_native_OBJS := $(patsubst %.c,$(B)/target/%.o,stage2/mod_native.c \
	stage2/vblk.c drivers/virtq.c)
