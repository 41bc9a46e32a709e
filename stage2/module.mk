# SPDX-License-Identifier: BSD-2-Clause
# stage2/: the loader core. Two links: the entry (header, checksum,
# unpacker) at MEM_STAGE2_LOAD, and the rest (main_entry.asm, the thunk, C
# with the target build of the pure modules) at MEM_STAGE2, which
# seal-stage2 packs behind the entry. The budget is on the sealed image: 62 sectors.

STAGE2_INC := -Istage2 -Istage2/libc

STAGE2_ASM := stage2/main_entry.asm stage2/realmode.asm
STAGE2_C := stage2/main.c stage2/bios.c stage2/console.c stage2/serial.c \
	stage2/kbd.c stage2/timer.c stage2/disk.c stage2/memory.c stage2/a20.c \
	stage2/heap.c stage2/stack.c stage2/volume.c stage2/cfgfile.c stage2/ui.c \
	stage2/boot_linux.c stage2/module.c stage2/passwd_ask.c \
	stage2/libc/string.c stage2/libc/printf.c
STAGE2_C += stage2/display.c
STAGE2_C += stage2/cmds_call.c
STAGE2_C += stage2/chain_call.c
STAGE2_C += stage2/c32_call.c
STAGE2_C += stage2/native.c

STAGE2_OBJS = $(patsubst %.asm,$(B)/target/%.o,$(STAGE2_ASM)) \
	$(patsubst %.c,$(B)/target/%.o,$(STAGE2_C) $(PURE_SRCS))

# stage2/memmap.h is the one source of stage2's run-time memory: nasm
# reads it from build/gen/memmap.inc, the linker scripts through cpp.
$(B)/gen/memmap.inc: stage2/memmap_inc.c
	$(gen_inc)

# As assembler source, __ASSEMBLER__ hides the headers' C; -undef drops the
# predefined `i386` and `linux`, which would rewrite the script's words.
$(B)/gen/%.ld: stage2/%.ld.S
	$(call msg,CPP,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) -E -P -undef -x assembler-with-cpp $(TREE_INC) -MMD -MP \
		-MF $@.d -MT $@ -o $@ $<

# nasm -MD leaves %include files out of the .d file: name them here.
STAGE2_ASM_INCS := $(B)/gen/format.inc $(B)/gen/memmap.inc stage2/gdt.inc
$(B)/target/stage2/entry.o $(B)/target/stage2/main_entry.o \
	$(B)/target/stage2/realmode.o: $(STAGE2_ASM_INCS)

$(B)/target/stage2/%.o: NASMFLAGS_EXTRA = -I$(B)/gen/ -DBZ_VERSION='"$(BZBOOT_VERSION)"'

$(B)/stage2-entry.elf: $(B)/target/stage2/entry.o $(B)/gen/boot.ld
	$(call msg,LD,$@)
	$(Q)$(LD) $(TARGET_LDFLAGS) -T $(B)/gen/boot.ld --no-warn-rwx-segments \
		-o $@ $<

$(B)/stage2.elf: $$(STAGE2_OBJS) $(B)/gen/stage2.ld
	$(call msg,LD,$@)
	$(Q)$(LD) $(TARGET_LDFLAGS) -T $(B)/gen/stage2.ld -Map $(B)/stage2.map \
		--no-warn-rwx-segments -o $@ $(STAGE2_OBJS)

$(B)/%.raw: $(B)/%.elf
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary -j .text -j .rodata -j .data $< $@

$(B)/stage2.bin: $(B)/stage2-entry.raw $(B)/stage2.raw $(B)/seal-stage2
	$(call msg,SEAL,$@)
	$(Q)$(B)/seal-stage2 $(B)/stage2-entry.raw $@ $(B)/stage2.raw
