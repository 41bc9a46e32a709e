# SPDX-License-Identifier: BSD-2-Clause
# bench/: `make bench` boots the same Debian kernel and initrds through
# bzboot, SYSLINUX, GRUB (linux16, linux) and QEMU's -kernel, and prints
# disk reads, time and size side by side, then the time to the kernel's
# setup line per disk interface (IDE, AHCI, virtio-blk, USB EHCI/xHCI)
# with the initrd's hash checked in the guest (bench/README.md). Minutes
# under TCG; `make check` runs only the quick run, as a boot check
# (bench/README.md, *make check*).
#
#   make bench                          small + big scenarios, 3 runs
#   make bench BENCH_ARGS=--quick       1 run, small, interface table (~1 min)
#   make bench BENCH_ARGS="--runs 5 --scenario all"
#   make bench BENCH_ARGS="--scenario huge --interfaces-only --runs 1"

BENCH_ARGS ?=

.PHONY: bench
bench: all
	@$(PYTHON) bench/run.py $(BENCH_ARGS)
