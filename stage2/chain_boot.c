// SPDX-License-Identifier: BSD-2-Clause
/* The chain module's work: LOCALBOOT as SYSLINUX's disk variants do it
 * (core/localboot.c: type = BIOS drive, -1 = INT 18h) and chain.c32's
 * disk and partition forms (com32/chain): read the sector, check its
 * 0xAA55, put it at 0:7C00 with the partition entry at 0:07BE, and jump
 * with DL = the drive and DS:SI -> the entry. Runs in the module; only
 * the last jump is the core's (realmode.asm). */
#include <stdio.h>
#include <string.h>
#include "bda.h"
#include "chain_boot.h"
#include "chain_call.h"
#include "chain_opts.h"
#include "chain_file.h"
#include "cmdline/chain_args.h"
#include "disk.h"
#include "fs/part_handover.h"
#include "heap.h"
#include "protocol/le.h"
#include "volume.h"

#define BOOT_SECTOR_ADDR 0x7C00
#define EFLAGS_IF	 0x0200
#define EFLAGS_FIXED	 0x0002	     /* bit 1 always reads 1 */
#define EAX_GPT		 0x54504721u /* "!GPT": chain.c32's GPT hand-over */
#define MBR_DISK_SIG	 0x1B8
#define GPT_RECORD	 128 /* bytes of a GPT entry handed over */

/* bss, not the stack: 10 KiB are shared with the BIOS */
static struct disk disk;
static struct blockdev dev = {disk_blockdev_read, &disk};
static uint8_t sector[512], table_buf[512];
/* chain.c32's hand-over: the MBR-style entry, then for GPT the entry's
 * length (4 bytes) and the GPT entry itself */
static uint8_t handover[sizeof(struct mbr_entry) + 4 + GPT_RECORD];

/* What the boot sector gets, besides the sector itself. */
struct handoff {
	uint16_t dx;	   /* DL = the drive (DH: LOCALBOOT's type) */
	const uint8_t *pe; /* to 0:07BE and DS:SI, or NULL */
	uint32_t pe_len;   /* 16, or 148 with a GPT entry */
	uint32_t eax;
	const char *what; /* "LOCALBOOT 0x80", "chain.c32 hd1 1" */
};

/* The CHS geometry AH=08h gives, which chain.c32 builds the hand-over's
 * CHS bytes from (disk_init asks for it only without EDD); left 0 (the
 * stand-in geometry) when the BIOS has none. */
static void get_geometry(void)
{
	struct biosregs r;

	initregs(&r);
	r.ah = 0x08;
	r.dl = disk.drive;
	bios_int(0x13, &r, &r);
	if ((r.eflags & X86_EFLAGS_CF) || !(r.cl & 0x3F))
		return;
	disk.spt = r.cl & 0x3F;
	disk.heads = r.dh + 1;
	disk.cyls = ((r.cl & 0xC0) << 2 | r.ch) + 1;
}

/* Opens BIOS drive `drive` into `disk`; false after one line. */
static bool open_disk(const char *what, uint8_t drive)
{
	int err = disk_init(&disk, drive);

	if (err)
		printf("bzboot: %s: BIOS drive 0x%02x: %s. Check that the "
		       "disk exists.\n",
		       what, drive, disk_strerror(err));
	else if (!disk.cyls)
		get_geometry();
	return !err;
}

/* Reads sector lba of the open disk and checks its signature; false
 * after one line naming the disk and the sector. */
static bool read_boot_sector(const char *what, uint64_t lba)
{
	char why[80];

	if (disk_read(&disk, lba, 1, sector)) {
		disk_describe_error(&disk, why, sizeof(why));
		printf("bzboot: %s: BIOS drive 0x%02x, sector %llu: %s.\n",
		       what, disk.drive, (unsigned long long)lba, why);
		return false;
	}
	if (le16_get(sector + MBR_SIG_OFFSET) != 0xAA55) {
		printf("bzboot: %s: BIOS drive 0x%02x, sector %llu is not a "
		       "boot sector (no 0xAA55 at its end); not booting it.\n",
		       what, disk.drive, (unsigned long long)lba);
		return false;
	}
	return true;
}

/* Copies by words through volatile pointers: stage2's memcpy may itself
 * lie at 0x7C00-0x7DFF, and gcc would turn a plain loop into a call. */
static void put_low(uint32_t addr, const void *src, uint32_t len)
{
	volatile uint32_t *d = (volatile uint32_t *)addr;
	const uint32_t *s = src;

	for (uint32_t i = 0; i < len / 4; i++)
		d[i] = s[i];
}

/* The sector in `sector` to 0:7C00 and the jump: chain.c32's registers
 * (mangle.c mangler_init/handover): CS = DS = SS = 0, SP = 0x7C00, DL =
 * BL = the drive, DS:SI = DS:BP = 0:07BE when an entry is handed over. */
static void jump(const struct handoff *h)
{
	struct biosregs r;

	memset(&r, 0, sizeof(r));
	r.edx = h->dx;
	r.ebx = h->dx & 0xFF;
	r.edi = BOOT_SECTOR_ADDR;
	r.eax = h->eax;
	r.eflags = EFLAGS_IF | EFLAGS_FIXED;
	if (h->pe)
		r.esi = r.ebp = PART_HANDOVER_ADDR;
	printf("Booting %s...\n", h->what);
	/* from here on nothing of stage2's above 0x7C00 may run */
	if (h->pe)
		put_low(PART_HANDOVER_ADDR, h->pe, h->pe_len);
	put_low(BOOT_SECTOR_ADDR, sector, sizeof(sector));
	boot_sector_jump(&r);
}

/* LOCALBOOT type: "Booting from local disk..." as SYSLINUX says, then
 * INT 18h for -1, else sector 0 of BIOS drive type & 0xFF with DX = the
 * type: 0 is the first floppy, 0x80 the first hard disk. */
static void localboot(const struct cfg_boot *b)
{
	struct handoff h = {.pe = NULL};
	char what[CFG_PATH_MAX + 16];
	struct biosregs r;
	int16_t type;

	snprintf(what, sizeof(what), "LOCALBOOT %s", b->kernel);
	h.what = what;
	if (!chain_localboot_type(b->kernel, &type)) {
		printf("bzboot: %s: the type is not a number (0x80: the first "
		       "hard disk, -1: the BIOS's next boot device).\n",
		       what);
		return;
	}
	printf("Booting from local disk...\n");
	if (type == -1) {
		initregs(&r);
		bios_int(0x18, &r, NULL);
		printf("bzboot: %s: the BIOS returned from INT 18h: it has no "
		       "other device to boot.\n",
		       what);
		return;
	}
	h.dx = (uint16_t)type;
	if (open_disk(what, (uint8_t)type) && read_boot_sector(what, 0))
		jump(&h);
}

/* Appends GPT partition e's entry to the hand-over, as chain.c32 does
 * after its 0xED entry: its length, then the entry from the primary
 * GPT's array. Returns the bytes added: 0 when it cannot be read or its
 * slots are not 128, 256 or 512 bytes (the 16-byte entry still goes). */
static uint32_t gpt_record(const struct part_entry *e, uint8_t *out)
{
	const struct gpt_header *h = (const struct gpt_header *)table_buf;
	uint32_t size, off;

	if (disk_read(&disk, 1, 1, table_buf) ||
	    memcmp(h->Signature, "EFI PART", 8))
		return 0;
	size = h->SizeOfPartitionEntry;
	if (size != 128 && size != 256 && size != 512)
		return 0;
	off = (e->index - 1) * size; /* GPT numbers are slot + 1 */
	if (disk_read(&disk, h->PartitionEntryLBA + off / 512, 1, table_buf))
		return 0;
	le32_put(out, GPT_RECORD);
	memcpy(out + 4, table_buf + off % 512, GPT_RECORD);
	return 4 + GPT_RECORD;
}

/* chain.c32's words joined by blanks as SYSLINUX passes them: the
 * KERNEL line's, the APPEND, what was typed. NULL if the heap is full. */
static char *chain_words(const struct cfg_boot *b)
{
	const char *const part[] = {b->kernel_args, b->append, b->extra};
	size_t n = 1, len;
	char *s, *p;

	for (unsigned i = 0; i < 3; i++)
		n += strlen(part[i]) + 1;
	if (!(s = p = heap_alloc(n))) /* zeroed: the NUL is there */
		return NULL;
	for (unsigned i = 0; i < 3; i++) {
		if (!(len = strlen(part[i])))
			continue;
		if (p != s)
			*p++ = ' ';
		memcpy(p, part[i], len);
		p += len;
	}
	return s;
}

/* mbr:0xSIG: the first hard disk (0x80 on, as many as the BIOS counted)
 * whose MBR carries that disk signature; 0 if none. */
static uint8_t find_mbr_sig(uint32_t sig)
{
	for (unsigned d = 0x80; d < 0x80u + BDA->hd_count && d < 0x100; d++)
		if (!disk_init(&disk, (uint8_t)d) &&
		    !disk_read(&disk, 0, 1, sector) &&
		    le16_get(sector + MBR_SIG_OFFSET) == 0xAA55 &&
		    le32_get(sector + MBR_DISK_SIG) == sig)
			return (uint8_t)d;
	return 0;
}

/* The drive the words name, and for `fs` bzboot's own partition (in *e,
 * *use_e set); 0 after one line. */
static uint8_t chain_drive(struct volume *v, const struct chain_args *a,
			   const char *what, struct part_entry *e, bool *use_e)
{
	uint8_t drive = a->disk == CHAIN_DISK_DRIVE ? a->drive : v->disk.drive;
	int err;

	if (a->disk == CHAIN_DISK_MBR &&
	    (drive = find_mbr_sig(a->mbr_sig)) == 0) {
		printf("bzboot: %s: no hard disk has the MBR signature "
		       "0x%08x.\n",
		       what, a->mbr_sig);
		return 0;
	}
	if (!open_disk(what, drive))
		return 0;
	if (a->disk != CHAIN_DISK_FS)
		return drive;
	/* fs: the partition bzboot's volume is on; behind the PBR stage2
	 * did not read the table, so look for the volume's start */
	*e = v->part;
	*use_e = e->index || e->start_lba;
	if (!e->index && e->start_lba &&
	    (err = part_find_lba(&dev, disk.sectors, v->part.start_lba,
				 table_buf, e))) {
		printf("bzboot: %s: no partition of BIOS drive 0x%02x starts "
		       "at bzboot's volume (LBA %llu): %s.\n",
		       what, drive, (unsigned long long)v->part.start_lba,
		       part_strerror(err));
		return 0;
	}
	return drive;
}

static void chain_c32(struct volume *v, const struct memory *mem,
		      const struct cfg_boot *b)
{
	char *words = chain_words(b), word[CHAIN_WORD_MAX], what[80];
	struct chain_args a;
	struct part_entry e;
	struct mbr_entry pe;
	struct part_geom g;
	bool use_e = false;
	uint8_t drive;
	uint32_t len;
	int err, dl;

	if (!words) {
		printf("bzboot: chain.c32: out of loader memory.\n");
		return;
	}
	snprintf(what, sizeof(what), "chain.c32 %s", words);
	if ((err = chain_parse(words, &a, word)) != 0) {
		printf("bzboot: %s: \"%s\" %s.\n", what, word,
		       chain_strerror(err));
		return;
	}
	if (!chain_gpt_select(&a, what) ||
	    !(drive = chain_drive(v, &a, what, &e, &use_e)))
		return;
	if (a.part && a.disk != CHAIN_DISK_FS) {
		err = part_find(&dev, disk.sectors, a.part, table_buf, &e);
		if (err) {
			char list[48];

			part_list_indices(&dev, disk.sectors, table_buf, list,
					  sizeof(list));
			printf("bzboot: %s: partition %u of BIOS drive 0x%02x: "
			       "%s (it has:%s).\n",
			       what, a.part, drive, part_strerror(err),
			       *list ? list : " none");
			return;
		}
		use_e = true;
	}
	/* a file with nosect needs no sector (nor its 0xAA55) */
	if ((!a.ld.file[0] || a.ld.sect) &&
	    !read_boot_sector(what, use_e ? e.start_lba : 0))
		return;
	if (a.brk) {
		printf("bzboot: %s: break: the sector was read; not booting "
		       "it.\n",
		       what);
		return;
	}
	g = (struct part_geom){disk.cyls, disk.heads, disk.spt, disk.sectors,
			       (drive & 0x80) != 0};
	part_handover_entry(&pe, use_e ? &e : NULL, &g);
	len = sizeof(pe) +
	      (a.hand && use_e && e.gpt ? gpt_record(&e, handover + 16) : 0);
	if (a.ld.file[0]) { /* it reads the file, then applies the options */
		chain_file_boot(v, mem, &a,
				&(struct chain_target){.drive = drive,
						       .e = use_e ? &e : NULL,
						       .g = &g,
						       .pe = &pe,
						       .sector = sector,
						       .hand = handover,
						       .hand_len = len,
						       .what = what});
		return;
	}
	dl = chain_apply_opts(&a, what, drive, use_e ? &e : NULL, &g, sector,
			      &pe);
	if (dl < 0)
		return;
	memcpy(handover, &pe, sizeof(pe));
	jump(&(struct handoff){.dx = (uint16_t)dl,
			       .pe = a.hand ? handover : NULL,
			       .pe_len = len,
			       .eax = a.hand && use_e && e.gpt ? EAX_GPT : 0,
			       .what = what});
}

void chain_run(struct volume *v, const struct memory *mem,
	       const struct cfg_boot *b)
{
	if (b->type == CFG_KT_LOCALBOOT)
		localboot(b);
	else if (b->type == CFG_KT_BOOT || b->type == CFG_KT_BSS)
		chain_kernel_boot(v, mem, b);
	else
		chain_c32(v, mem, b);
}
