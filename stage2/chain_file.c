// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's file= and OS loaders (ntldr=, freedos=, grldr=, bss=...)
 * as SYSLINUX 6.04's com32/chain/chain.c main() does them: the file at
 * its segment, the partition's sector where the loader wants it (its BPB
 * fixed), the hand-over entry unless an area overlaps, the registers of
 * mangle.c; and the staging and last step both file boots share. */
#include <stdio.h>
#include <string.h>
#include "chain_file.h"
#include "chain_opts.h"
#include "fs/bpb_copy.h"
#include "fs/part_handover.h"
#include "memory.h"
#include "protocol/boot_msg.h"
#include "volume.h"

#define CHAIN_JUMP_BASE 0x500u
#define CHAIN_JUMP_SIZE 0x100u

/* chain_jump.asm: the blob, its parameter block inside it, its end */
extern const uint8_t chain_jump_blob[], chain_jump_params[], chain_jump_end[];

uint32_t chain_file_load(struct volume *v, const struct memory *mem,
			 const char *path, uint32_t max, bool sector_image)
{
	const uint8_t *img = (const uint8_t *)CHAIN_STAGE_FILE;
	struct fat_file f;

	if (!mem->a20) {
		printf("bzboot: %s: memory above 1 MiB is not usable (the A20 "
		       "gate is closed), where bzboot stages the file.\n",
		       path);
		return 0;
	}
	if (volume_file_open(v, path, &f)) /* it said why */
		return 0;
	if (!f.size || f.size > max) {
		printf("bzboot: " BZ_MSG_BOOT_FILE_SIZE ".\n", path,
		       (unsigned long)f.size, (unsigned long)max,
		       (unsigned long)mem->low_top,
		       f.size ? BZ_MSG_BOOT_FILE_HINT : "");
		return 0;
	}
	if (volume_file_read(v, &f, path, (void *)CHAIN_STAGE_FILE, f.size,
			     false))
		return 0;
	if (sector_image && !chain_sector_image(img, f.size)) {
		printf("bzboot: " BZ_MSG_NOT_SECTOR "; not booting it.\n",
		       path);
		return 0;
	}
	return f.size;
}

bool chain_file_jump(const char *what, const struct chain_jump *j)
{
	static uint8_t blob[CHAIN_JUMP_SIZE];
	uint32_t n = (uint32_t)(chain_jump_end - chain_jump_blob);
	volatile uint32_t *d = (volatile uint32_t *)CHAIN_JUMP_BASE;
	const uint32_t *s = (const uint32_t *)blob;

	for (const struct chain_move *m = j->move; m->len; m++) {
		if (m->dst < CHAIN_LOW_MIN) {
			printf("bzboot: %s: it would load at 0x%lx, below "
			       "0x%x, where bzboot's last step runs; not "
			       "booting it.\n",
			       what, (unsigned long)m->dst, CHAIN_LOW_MIN);
			return false;
		}
	}
	printf("Booting %s...\n", what);
	memcpy(blob, chain_jump_blob, n);
	memcpy(blob + (chain_jump_params - chain_jump_blob), j, sizeof(*j));
	/* from here on no BIOS call: the stack canary at 0x504 is gone */
	for (uint32_t i = 0; i < (n + 3) / 4; i++)
		d[i] = s[i];
	((void (*)(void))CHAIN_JUMP_BASE)();
	return false; /* never: the blob does not return */
}

static bool overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a + alen > b && b + blen > a;
}

/* filebpb: the file's BPB fixed as setbpb fixes the sector's. */
static void file_bpb(uint8_t *file, const struct chain_target *t, uint8_t dl)
{
	const struct part_geom *g = t->g;
	struct bpb_fix f = {
	    .what = BPB_PATCH_HID | BPB_PATCH_GEO | BPB_PATCH_DRV,
	    .hidden = t->e ? t->e->start_lba : 0,
	    .heads = g->cyls ? g->heads : 0,
	    .spt = g->cyls ? g->spt : 0,
	    .hard_disk = g->hard_disk,
	    .drive = dl,
	    .drvoff = -1,
	};

	bpb_patch(file, &f);
}

/* What chain.c32 refuses or bzboot cannot place, before anything is
 * changed; false after one line. */
static bool check(const struct chain_args *a, const struct chain_load *l,
		  const struct memory *mem, const char *what)
{
	uint32_t fbase = l->fseg * 16 + l->foff, sbase = l->sseg * 16 + l->soff;
	const char *c = chain_load_conflict(l, a->bpb != 0);

	if (c) {
		printf("bzboot: %s: " BZ_MSG_CHAIN_NOSECT ".\n", what, c);
		return false;
	}
	if (l->kind == CHAIN_LDR_ISOLINUX) {
		printf("bzboot: %s: " BZ_MSG_CHAIN_ISOLINUX ".\n", what);
		return false;
	}
	if (fbase < CHAIN_LOW_MIN || (l->maps && sbase < CHAIN_LOW_MIN)) {
		printf("bzboot: %s: " BZ_MSG_CHAIN_LOW "; not booting it.\n",
		       what, fbase < CHAIN_LOW_MIN ? "file" : "sector",
		       (unsigned long)(fbase < CHAIN_LOW_MIN ? fbase : sbase),
		       CHAIN_LOW_MIN);
		return false;
	}
	if (fbase >= mem->low_top || (l->sect && sbase + 512 > mem->low_top)) {
		printf("bzboot: %s: " BZ_MSG_CHAIN_HIGH ".\n", what,
		       fbase >= mem->low_top ? "file" : "sector",
		       (unsigned long)(fbase >= mem->low_top ? fbase : sbase),
		       (unsigned long)mem->low_top);
		return false;
	}
	return true;
}

void chain_file_boot(struct volume *v, const struct memory *mem,
		     const struct chain_args *a, const struct chain_target *t)
{
	static struct chain_jump j;
	static struct chain_load l; /* maps may drop, as in chain.c32 */
	uint8_t *sec = (uint8_t *)CHAIN_STAGE_SECTOR;
	uint8_t *file = (uint8_t *)CHAIN_STAGE_FILE;
	uint32_t fbase, sbase, size, top = mem->low_top;
	bool hand = a->hand, swap = a->swap && t->drive != (t->drive & 0x80);
	struct chain_move *m = j.move;
	struct chain_regs cr;
	int dl, kind = 0;

	l = a->ld;
	fbase = l.fseg * 16 + l.foff;
	sbase = l.sseg * 16 + l.soff;
	if (!check(a, &l, mem, t->what))
		return;
	if (swap) /* its hook takes the top KiB */
		top -= 1024;
	/* a sector image (file=, bs=, bss= at 0:7C00) must be one */
	size = chain_file_load(v, mem, l.file, top > fbase ? top - fbase : 0,
			       l.kind != CHAIN_LDR_GRLDR && !l.fseg &&
				   fbase == 0x7C00 && l.fip == 0x7C00);
	if (!size)
		return;
	if (l.sect)
		memcpy(sec, t->sector, 512);
	if (l.kind == CHAIN_LDR_BSS && l.sect &&
	    (size < 512 || (kind = bpb_bss_match(file, sec)) < 0)) {
		printf("bzboot: %s: bss=: the file's BPB and the sector's %s; "
		       "not booting it.\n",
		       t->what, kind == -2 ? "differ" : "are not both known");
		return;
	}
	if (l.maps && overlap(fbase, size, sbase, 512))
		l.maps = false; /* chain.c32 warns and leaves it out */
	if (hand &&
	    (overlap(fbase, size, PART_HANDOVER_ADDR, t->hand_len) ||
	     (l.maps && overlap(sbase, 512, PART_HANDOVER_ADDR, t->hand_len))))
		hand = false;
	/* hide, setbpb on the sector, and swap's hook last: from here on
	 * nothing may fail or read a disk */
	dl = chain_apply_opts(a, t->what, t->drive, t->e, t->g, sec, t->pe);
	if (dl < 0)
		return;
	/* then the file, in mangle.c's order */
	if (l.filebpb && size >= 512)
		file_bpb(file, t, (uint8_t)dl);
	if (kind > 0)
		bpb_bss_copy(file, sec, (enum bpb_kind)kind);
	if (l.kind == CHAIN_LDR_CMLDR && l.sect) /* "cmdcons\0" at 3 */
		memcpy(sec + 3, "cmdcons", 8);

	chain_load_regs(&l, (uint8_t)dl, hand, t->e && t->e->gpt,
			t->e ? t->e->index : 0, &cr);
	memset(&j, 0, sizeof(j));
	j.r.eax = cr.eax;
	j.r.ebx = cr.bx;
	j.r.edx = cr.dx;
	j.r.esi = cr.esi;
	j.r.ebp = cr.ebp;
	j.r.ds = cr.ds;
	j.r.eflags = 0x0002; /* IF clear: chain.c32's stub runs cli */
	j.sp = (uint16_t)cr.esp;
	j.ss = cr.ss;
	j.ip = cr.ip;
	j.cs = cr.cs;
	*m++ = (struct chain_move){fbase, CHAIN_STAGE_FILE, size};
	if (l.maps)
		*m++ = (struct chain_move){sbase, CHAIN_STAGE_SECTOR, 512};
	if (hand) {
		memcpy(t->hand, t->pe, sizeof(*t->pe));
		memcpy((void *)CHAIN_STAGE_HAND, t->hand, t->hand_len);
		*m++ = (struct chain_move){PART_HANDOVER_ADDR, CHAIN_STAGE_HAND,
					   t->hand_len};
	}
	chain_file_jump(t->what, &j);
}
