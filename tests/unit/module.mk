# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests (cmocka). Every tests/unit/test_*.c is one test program,
# linked with the host build of the pure modules (protocol/, fs/, cmdline/)
# and with the test-support library: every tests/unit/support/*.c (memory
# disks, the kernel-file reader, ...), declared in tests/unit/support/*.h.

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRCS))
PURE_HOST_OBJS = $(patsubst %.c,$(B)/host/%.o,$(PURE_SRCS))
TEST_SUPPORT_SRCS := $(sort $(wildcard tests/unit/support/*.c))
TEST_SUPPORT_OBJS := $(patsubst %.c,$(B)/host/%.o,$(TEST_SUPPORT_SRCS))

$(B)/tests/unit/%: $(B)/host/tests/unit/%.o $$(PURE_HOST_OBJS) \
		$(TEST_SUPPORT_OBJS)
	$(call msg,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) $^ -lcmocka -o $@
