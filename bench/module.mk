# SPDX-License-Identifier: BSD-2-Clause
# bench/: `make bench` boots the same Debian kernel and initrds through
# bzboot, SYSLINUX, GRUB (linux16, linux) and QEMU's -kernel, and prints
# disk reads, time and size side by side (bench/README.md). Minutes under
# TCG; not part of `make check`.
#
#   make bench                          small + big scenarios, 3 runs
#   make bench BENCH_ARGS=--quick       1 run, small scenario only
#   make bench BENCH_ARGS="--runs 5 --scenario all"

BENCH_ARGS ?=

.PHONY: bench
bench: all
	@$(PYTHON) bench/run.py $(BENCH_ARGS)
