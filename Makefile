# SPDX-License-Identifier: BSD-2-Clause
# bzboot: one non-recursive Makefile. Each directory lists its sources in
# its own module.mk; this file holds the toolchains and the top targets.
#
#   make          build stage1, stage2 and the host tool into build/
#   make demo     install what is missing, build, boot build/demo.img in QEMU
#   make check    install what is missing, build, run every test
#   make fuzz     run each libFuzzer target for FUZZ_SECONDS (default 600)
#   make install  the tool, its modules and manuals into PREFIX (install.mk)
#   make deb      the Debian package, build/deb/bzboot_*.deb (install.mk)
#   V=1           show the commands

.DELETE_ON_ERROR:
.SECONDEXPANSION:
.SECONDARY:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

B := build

# The version: VERSION is the last release's; the build carries
# BZBOOT_VERSION, from git describe (scripts/version.sh: 0.1.0-N-gHASH,
# -dirty with uncommitted changes), else VERSION in a tree without git.
# Given on the command line or in the environment, it is taken as is
# (make deb passes it to the build of its copy of the tree).
VERSION := 0.1.0
ifeq ($(origin BZBOOT_VERSION),undefined)
BZBOOT_VERSION := $(shell sh scripts/version.sh $(VERSION))
endif

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-7s %s\n' $(1) $(2)
endif

# --- toolchains ---------------------------------------------------------
NASM    ?= nasm
CC      ?= gcc
LD      ?= ld
OBJCOPY ?= objcopy
NM      ?= nm
HOSTCC  ?= gcc
CLANG   ?= clang
PYTHON  ?= /usr/bin/python3

# Target C: 32-bit flat protected mode, one CPU mode only (docs/architecture.md).
# The pure modules are built with these flags too, so the rules hold there.
#
# TARGET_STACK_FRAME bounds each function's frame (-Wstack-usage). stage2's
# stack is MEM_STACK_CANARY..MEM_STACK_TOP (stage2/memmap.h), about
# 10.5 KiB, and BIOS services run on it too. Its deepest chain today,
# stage2_main > ui_run > try_boot > boot_linux > volume_file_open > fat_open
# > ... > printf > vsnprintf, is about 2.4 KiB (gcc -fcallgraph-info=su),
# its largest frames printf's 512-byte line and volume_file_open's path. At
# 1 KiB a frame, ten frames at the bound still leave a third of the stack to
# the BIOS; anything bigger belongs in static memory or on the heap. The
# canary at the stack's end catches what a bound per frame cannot.
TARGET_STACK_FRAME := 1024
TARGET_CFLAGS := -m32 -march=i386 -mgeneral-regs-only -ffreestanding \
	-fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-builtin -fno-strict-aliasing -fcf-protection=none \
	--param=min-pagesize=0 -mregparm=3 -mpreferred-stack-boundary=2 \
	-ffunction-sections -fdata-sections \
	-Os -std=gnu11 -Wall -Wextra -Werror=implicit-function-declaration \
	-Wshadow -Wvla -Wstrict-prototypes \
	-Wstack-usage=$(TARGET_STACK_FRAME) -Werror \
	-MMD -MP -DBZ_VERSION='"$(BZBOOT_VERSION)"'
TARGET_LDFLAGS := -m elf_i386 -nostdlib --no-dynamic-linker -z noexecstack \
	--build-id=none --gc-sections

# Host C: the pure modules (protocol/, fs/, cmdline/) and tools, sanitized.
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -MMD -MP \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-DBZ_VERSION='"$(BZBOOT_VERSION)"'
HOST_LDFLAGS := -fsanitize=address,undefined
TOOL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -MMD -MP \
	-DBZ_VERSION='"$(BZBOOT_VERSION)"'
# The installed tool takes the distribution's flags (dpkg-buildflags'
# hardening, in make deb's build) from the usual variables.
TOOL_CFLAGS += $(CPPFLAGS) $(CFLAGS)
TOOL_LDFLAGS := $(LDFLAGS)

# Include roots: the build enforces which layer may include which. A root
# is a directory of symlinks to the source directories a layer may include
# from, so an #include "stage2/..." in a pure module or in tools/ is a
# compile error, not a convention:
#   protocol/, fs/, cmdline/ (pure): each other only
#   tools/: the pure modules, stage1/format.h (the on-disk contract), tools/
#   stage2/, tests/, the generators: the whole tree (-I.)
PURE_DIRS := protocol fs cmdline drivers
INC_DIRS_pure := $(PURE_DIRS)
INC_DIRS_tool := $(PURE_DIRS) stage1 tools
INC_ROOTS := $(B)/inc/pure/.stamp $(B)/inc/tool/.stamp
TREE_INC := -I.
is_pure = $(filter $(addsuffix /%,$(PURE_DIRS)),$(1))
# -I for source $(1): its layer's root, else the whole tree
layer_inc = $(if $(call is_pure,$(1)),-I$(B)/inc/pure,$(if \
	$(filter tools/%,$(1)),-I$(B)/inc/tool,-I.))

# Remade when the Makefile changes: a new pure directory gets its link.
$(B)/inc/%/.stamp: Makefile
	@rm -rf $(@D) && mkdir -p $(@D)
	$(Q)for d in $(INC_DIRS_$*); do ln -s ../../../$$d $(@D)/$$d; done
	@touch $@

all:

# Pure-module sources, filled by the module.mk files below.
PROTOCOL_SRCS :=
FS_SRCS :=
CMDLINE_SRCS :=
DRIVERS_SRCS :=
UNIT_TESTS :=
FUZZ_TARGETS :=

include protocol/module.mk
include fs/module.mk
include cmdline/module.mk
include drivers/module.mk
include stage1/module.mk
include stage2/module.mk
include stage2/modules.mk
include tools/module.mk
include tests/unit/module.mk
include tests/probes/module.mk
include tests/fuzz/module.mk
include bench/module.mk
include install.mk

PURE_SRCS := $(PROTOCOL_SRCS) $(FS_SRCS) $(CMDLINE_SRCS) $(DRIVERS_SRCS)

# --- generic rules ------------------------------------------------------
$(B)/target/%.o: %.c | $(INC_ROOTS)
	$(call msg,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TARGET_CFLAGS) $(call layer_inc,$<) -Istage2/libc \
		$(if $(filter stage2/%,$<),$(STAGE2_INC)) -c $< -o $@

$(B)/target/%.o: %.asm
	$(call msg,NASM,$@)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf32 -Istage2/ $(NASMFLAGS_EXTRA) -MD $(@:.o=.d) -MP $< -o $@

# build/gen/NAME.inc, a nasm include, from a generator C file compiled with
# -S only (stage1/asmdefs.h explains): its "->NAME value" lines become
# "NAME equ value". The generators use the host compiler: 64-bit, so every
# 32-bit value prints as itself.
define gen_inc
	$(call msg,GEN,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -S -std=gnu11 -Wall -Wextra -Werror $(TREE_INC) \
		-MMD -MP -MF $@.d -MT $@ -o $@.s $<
	$(Q){ printf '; Generated from %s by the Makefile: do not edit.\n' $<; \
	  sed -n 's/^[[:space:]]*\.ascii "->\([A-Za-z0-9_]*\) [$$]*\(.*\)"$$/\1\tequ \2/p' \
		$@.s; } > $@
endef

$(B)/host/%.o: %.c | $(INC_ROOTS)
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(call layer_inc,$<) -c $< -o $@

$(B)/tool/%.o: %.c | $(INC_ROOTS)
	$(call msg,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(TOOL_CFLAGS) $(call layer_inc,$<) -c $< -o $@

all: $(STAGE1_BINS) $(B)/stage2.bin $(B)/bzboot $(PROBE_BINS)

# build/version changes only when the version does, and the objects that
# carry it (every stage2/ and tools/ source naming BZ_VERSION, found
# here so a new one is not forgotten) depend on it: a commit rebuilds
# them, nothing else. make version prints it.
VERSION_SRCS := $(shell grep -rl --include='*.c' --include='*.asm' \
	BZ_VERSION stage2 tools)
VERSION_OBJS := $(patsubst %,$(B)/target/%.o,$(basename \
	$(filter stage2/%,$(VERSION_SRCS)))) \
	$(patsubst %,$(B)/tool/%.o,$(basename $(filter tools/%,$(VERSION_SRCS))))
$(VERSION_OBJS): $(B)/version
$(B)/version: FORCE
	@mkdir -p $(@D)
	@echo '$(BZBOOT_VERSION)' | cmp -s - $@ 2>/dev/null || \
		echo '$(BZBOOT_VERSION)' > $@

.PHONY: FORCE version
FORCE:
version:
	@echo '$(BZBOOT_VERSION)'

# --- top targets --------------------------------------------------------
.PHONY: all setup demo check unit clean format

setup:
	@bash scripts/setup.sh

demo: setup
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tests/support/demo.py

unit: $(UNIT_TESTS)

check: setup
	@$(MAKE) --no-print-directory all unit fuzz-build
	@bash tests/run-all.sh

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(B)/gen $(B)/inc $(B)/target $(B)/host $(B)/tool $(B)/stage1 $(B)/tests \
		$(B)/*.bin $(B)/*.raw $(B)/*.elf $(B)/*.map $(B)/bzboot \
		$(B)/seal-stage2 $(B)/version $(B)/*.img $(B)/test-results $(B)/test-logs \
		$(B)/probes $(B)/payloads $(B)/fuzz $(B)/modules $(B)/seal-module \
		$(B)/deb

-include $(shell find $(B) -name '*.d' 2>/dev/null)
