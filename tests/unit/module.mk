# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests (cmocka). Every tests/unit/test_*.c is one test program,
# linked with the host build of the pure modules (protocol/, fs/, cmdline/)
# and with the test-support library: every tests/unit/support/*.c (memory
# disks, the kernel-file reader, ...), declared in tests/unit/support/*.h.

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRCS))
PURE_HOST_OBJS = $(patsubst %.c,$(B)/host/%.o,$(PURE_SRCS) $(MENU_UI_SRCS))
TEST_SUPPORT_SRCS := $(sort $(wildcard tests/unit/support/*.c))
TEST_SUPPORT_OBJS := $(patsubst %.c,$(B)/host/%.o,$(TEST_SUPPORT_SRCS))

$(B)/tests/unit/%: $(B)/host/tests/unit/%.o $$(PURE_HOST_OBJS) \
		$(TEST_SUPPORT_OBJS)
	$(call msg,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) $^ -lcmocka -o $@

# --- stage2/libc on the host (test_libc*) --------------------------------
# stage2's freestanding string.c and printf.c, built for the host with every
# name they define renamed to bz_* (as test_libc*.c sees them), so they link
# next to the host libc that ASan and cmocka use (printf is stage2's console
# and keeps its name: it is the format attribute's archetype too).  No loop
# may become a call to the host's memmove: that would test the host.
LIBC_NAMES := memcpy memmove memset memcmp memchr strlen strnlen strcmp \
	strncmp strchr strrchr vsnprintf snprintf
LIBC_RENAME := $(foreach n,$(LIBC_NAMES),-D$(n)=bz_$(n))
LIBC_HOST_OBJS := $(B)/host/stage2/libc/string.o $(B)/host/stage2/libc/printf.o
LIBC_TESTS := $(filter $(B)/tests/unit/test_libc%,$(UNIT_TESTS))

$(LIBC_HOST_OBJS): HOST_CFLAGS += $(LIBC_RENAME) -Istage2/libc \
	-ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns
$(patsubst $(B)/%,$(B)/host/%.o,$(LIBC_TESTS)): HOST_CFLAGS += $(LIBC_RENAME)
$(LIBC_TESTS): $(LIBC_HOST_OBJS)

# --- passwd_check: cmdline/passwd.c for tests/tool/test_passwd.py ---------
PASSWD_CHECK := $(B)/tests/support/passwd_check
$(PASSWD_CHECK): $(B)/host/tests/support/passwd_check.o $$(PURE_HOST_OBJS)
	$(call msg,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@
unit: $(PASSWD_CHECK)
