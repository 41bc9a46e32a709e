# SPDX-License-Identifier: BSD-2-Clause
# libFuzzer targets over the pure modules (protocol/, fs/, cmdline/), built
# with clang. Each target links its own instrumented build of every pure
# source (build/fuzz/obj/). `make fuzz` runs each for FUZZ_SECONDS;
# `make check` runs them briefly through tests/run-all.sh.

FUZZ_NAMES := fat header config kcmdline display passwd menu_ui multiboot
FUZZ_TARGETS += $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_SECONDS ?= 600

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -MMD -MP \
	-fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_PURE_OBJS = $(patsubst %.c,$(B)/fuzz/obj/%.o,$(PURE_SRCS) $(MENU_UI_SRCS))

# fuzzer-no-link: coverage instrumentation without libFuzzer's main().
$(B)/fuzz/obj/%.o: %.c | $(INC_ROOTS)
	$(call msg,CLANG,$@)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
		$(call layer_inc,$<) \
		-c $< -o $@

$(B)/fuzz/fuzz_%: $(B)/fuzz/obj/tests/fuzz/fuzz_%.o $$(FUZZ_PURE_OBJS)
	$(call msg,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS)

fuzz: $(FUZZ_TARGETS)
	@bash tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

# fuzz_fat's disk is the unit tests' memdisk (no cmocka in it).
$(B)/fuzz/fuzz_fat: $(B)/fuzz/obj/tests/unit/support/memdisk.o

# fuzz_menu_ui draws on the unit tests' fake screen (no cmocka in it).
$(B)/fuzz/fuzz_menu_ui: $(B)/fuzz/obj/tests/unit/support/fake_screen.o
