// SPDX-License-Identifier: BSD-2-Clause
/* The boot flow, top to bottom. main_entry.asm calls stage2_main() in 32-bit
 * flat protected mode with the BIOS boot drive from stage1, the boot
 * partition `bzboot install --partition` recorded (0: bzboot chooses;
 * BZ_S2_PART_VOLUME: stage1 was the PBR) and the PBR's volume LBA. */
#include <stdio.h>
#include "a20.h"
#include "bios.h"
#include "cfgfile.h"
#include "console.h"
#include "display.h"
#include "heap.h"
#include "memory.h"
#include "serial.h"
#include "ui.h"
#include "native.h"
#include "volume.h"

void ASMLINKAGE stage2_main(uint8_t drive, uint32_t partition,
			    uint32_t volume_lba) __attribute__((noreturn));

void ASMLINKAGE stage2_main(uint8_t drive, uint32_t partition,
			    uint32_t volume_lba)
{
	struct volume *vol = heap_alloc(sizeof(*vol));
	struct memory *mem = heap_alloc(sizeof(*mem));
	struct cfg *cfg = heap_alloc(sizeof(*cfg));
	bool have_cfg;
	const char *a20;

	/* The serial console first, so every later message is seen. */
	serial_init(0, 115200);
	printf("bzboot " BZ_VERSION "\n");

	/* The kernel goes to 1 MiB: A20 must be open. */
	a20 = a20_enable();
	if (!a20)
		printf("bzboot: cannot enable the A20 gate; kernels above "
		       "1 MiB cannot load.\n");

	/* Where RAM is, for placing the kernel and initrd. */
	if (memory_detect(mem, a20 != NULL))
		printf("bzboot: the BIOS reports no memory map.\n");

	/* The boot drive, its partition table and the FAT volume. */
	volume_open(vol, drive, partition, volume_lba);

	/* bzboot.cfg, else syslinux.cfg/extlinux.conf. */
	have_cfg = cfgfile_load(vol, cfg);
	native_allowed &= !cfg->no_native;

	/* Its SAY lines and DISPLAY files, before any prompt. */
	display_messages(vol, cfg);

	/* Boot the default or what the user types; never returns. */
	ui_run(vol, mem, cfg, have_cfg);
}
