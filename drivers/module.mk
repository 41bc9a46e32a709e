# SPDX-License-Identifier: BSD-2-Clause
# drivers/: the pure half of stage2's native disk drivers (request and
# ring building), built for stage2 and for the host tests.
DRIVERS_SRCS += drivers/virtq.c
