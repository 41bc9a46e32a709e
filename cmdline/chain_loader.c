// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's file and OS-loader words (cmdline/chain_loader.h). */
#include <string.h>

#include "cmdline/chain_loader.h"
#include "cmdline/text.h"
#include "fs/part_handover.h"

#define GPT_EAX 0x54504721u /* "!GPT" in EAX: a GPT hand-over */

/* What each OS loader word sets (options.c, doc/chain.txt): the file's
 * segment and entry offset (loaded at offset 0), the sector's segment
 * where it moves, and the flags. */
enum {
	F_SETBPB = 1,  /* the sector's BPB fixed */
	F_NOHAND = 2,  /* no hand-over entry */
	F_NOSECT = 4,  /* no sector (nor its mapping) */
	F_ADDR = 8,    /* fseg:0:fip set (others keep seg=) */
	F_SSEG = 16,   /* sseg set, soff kept */
	F_SECT0 = 32,  /* sseg:0:0 */
	F_NOMAPS = 64, /* sector read, not put in memory */
	F_FILEBPB = 128,
};

static const struct loader {
	const char *kw;
	uint16_t fseg, fip, sseg;
	uint8_t flags;
	uint8_t kind;
} loaders[] = {
    {"file=", 0, 0, 0, 0, CHAIN_LDR_FILE},
    {"ntldr=", 0x2000, 0, 0, F_ADDR | F_SETBPB | F_NOHAND, CHAIN_LDR_FILE},
    /* not a 6.04 word: its ntldr= loads NTLDR, SETUPLDR.BIN or BOOTMGR */
    {"bootmgr=", 0x2000, 0, 0, F_ADDR | F_SETBPB | F_NOHAND, CHAIN_LDR_FILE},
    {"cmldr=", 0x2000, 0, 0, F_ADDR | F_SETBPB | F_NOHAND, CHAIN_LDR_CMLDR},
    {"reactos=", 0x0F80, 0, 0, F_ADDR | F_SETBPB | F_NOHAND, CHAIN_LDR_FILE},
    {"freedos=", 0x60, 0, 0x1FE0, F_ADDR | F_SSEG | F_SETBPB | F_NOHAND,
     CHAIN_LDR_FILE},
    {"msdos=", 0x70, 0, 0x8000, F_ADDR | F_SSEG | F_SETBPB | F_NOHAND,
     CHAIN_LDR_FILE},
    {"pcdos=", 0x70, 0, 0x8000, F_ADDR | F_SSEG | F_SETBPB | F_NOHAND,
     CHAIN_LDR_FILE},
    {"msdos7=", 0x70, 0x200, 0x8000, F_ADDR | F_SSEG | F_SETBPB | F_NOHAND,
     CHAIN_LDR_FILE},
    {"drmk=", 0x70, 0, 0x2000, F_ADDR | F_SECT0 | F_SETBPB | F_NOHAND,
     CHAIN_LDR_FILE},
    {"grldr=", 0, 0, 0, F_NOHAND | F_NOSECT, CHAIN_LDR_GRLDR},
    {"isolinux=", 0, 0, 0, F_NOHAND | F_NOSECT, CHAIN_LDR_ISOLINUX},
    {"bss=", 0, 0, 0, F_NOMAPS | F_SETBPB, CHAIN_LDR_BSS},
    {"bs=", 0, 0, 0, F_NOSECT | F_FILEBPB, CHAIN_LDR_FILE},
};

/* The flag words: name, the field (chain_load_word's field_of), value.
 * setbpb and nosetbpb are chain_args.c's (with sethid, setgeo...). */
static const struct flag {
	const char *kw;
	uint8_t field;
	bool value;
} flags[] = {
    {"maps", 0, true},	     {"nomaps", 0, false}, {"filebpb", 1, true},
    {"nofilebpb", 1, false}, {"hptr", 2, true},	   {"nohptr", 2, false},
    {"nosect", 3, false},
};

void chain_load_init(struct chain_load *l)
{
	memset(l, 0, sizeof(*l));
	l->foff = l->fip = l->soff = l->sip = CHAIN_SECTOR_ADDR;
	l->sect = l->maps = true;
}

static bool word_is(const char *p, const char *we, const char *kw)
{
	size_t n = strlen(kw);

	if (kw[n - 1] == '=')
		return (size_t)(we - p) >= n && !memcmp(p, kw, n);
	return (size_t)(we - p) == n && !memcmp(p, kw, n);
}

/* One field of seg:off:ip; empty is 0 (doc/chain.txt: "0x2000::"). */
static bool field(const char **pp, const char *end, uint32_t *out)
{
	const char *p = *pp, *colon = memchr(p, ':', (size_t)(end - p));
	const char *fe = colon ? colon : end;
	uint64_t v = 0;

	if (p < fe &&
	    (text_parse_uint(&p, fe, 0, 0xFFFFF, &v) != TEXT_NUM_OK || p != fe))
		return false;
	*out = (uint32_t)v;
	*pp = colon ? colon + 1 : end;
	return true;
}

/* seg=/sect='s <segment>[:<offset>[:<ip>]]: omitted fields are 0; the
 * load address must be at least 0x500 and the entry offset a 16-bit one
 * below 0xFFFF (options.c soi_s2n). */
static bool triplet(const char *p, const char *end, uint32_t out[3])
{
	uint32_t v[3] = {0, 0, 0};

	for (int i = 0; i < 3 && p < end; i++)
		if (!field(&p, end, &v[i]))
			return false;
	if (p < end || v[0] > 0xFFFF || v[1] > 0xFFFF || v[2] > 0xFFFE ||
	    v[0] * 16 + v[1] < CHAIN_DOS_MIN ||
	    v[0] * 16 + v[2] < CHAIN_DOS_MIN)
		return false;
	memcpy(out, v, sizeof(v));
	return true;
}

static int loader_word(const struct loader *t, const char *p, const char *we,
		       struct chain_load *l, unsigned *sets)
{
	size_t n = strlen(t->kw);

	if (!text_copy_span(l->file, sizeof(l->file), p + n, we))
		return -1;
	if (t->flags & F_ADDR) {
		l->fseg = t->fseg;
		l->foff = 0;
		l->fip = t->fip;
	}
	if (t->flags & (F_SSEG | F_SECT0))
		l->sseg = t->sseg;
	if (t->flags & F_SECT0)
		l->soff = l->sip = 0;
	if (t->flags & F_SETBPB)
		*sets |= CHAIN_LOAD_SETBPB;
	if (t->flags & F_FILEBPB)
		l->filebpb = true;
	if (t->flags & F_NOHAND)
		*sets |= CHAIN_LOAD_NOHAND;
	if (t->flags & (F_NOSECT | F_NOMAPS))
		l->maps = false;
	if (t->flags & F_NOSECT)
		l->sect = false;
	if (t != &loaders[0])
		l->kind = t->kind;
	return 0;
}

int chain_load_word(const char *p, const char *we, struct chain_load *l,
		    unsigned *sets)
{
	bool *field_of[] = {&l->maps, &l->filebpb, &l->hptr, &l->sect};
	uint32_t v[3];

	*sets = 0;
	for (size_t i = 0; i < sizeof(loaders) / sizeof(loaders[0]); i++)
		if (word_is(p, we, loaders[i].kw))
			return loader_word(&loaders[i], p, we, l, sets);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (!word_is(p, we, flags[i].kw))
			continue;
		*field_of[flags[i].field] = flags[i].value;
		if (!strcmp(flags[i].kw, "nosect")) /* nosect sets nomaps */
			l->maps = false;
		return 0;
	}
	if (word_is(p, we, "nofile")) {
		l->file[0] = '\0';
	} else if (word_is(p, we, "seg=")) {
		if (!triplet(p + 4, we, v))
			return -1;
		l->fseg = v[0], l->foff = v[1], l->fip = v[2];
	} else if (word_is(p, we, "sect=") || word_is(p, we, "sect")) {
		if (we - p > 5 && !triplet(p + 5, we, v))
			return -1;
		if (we - p > 5)
			l->sseg = v[0], l->soff = v[1], l->sip = v[2];
		l->sect = true;
	} else {
		return 1;
	}
	return 0;
}

const char *chain_load_conflict(const struct chain_load *l, bool setbpb)
{
	if (l->filebpb && !l->file[0])
		return "filebpb";
	if (setbpb && !l->sect)
		return "setbpb";
	if (l->maps && !l->sect)
		return "maps";
	return NULL;
}

void chain_load_regs(const struct chain_load *l, uint8_t drive, bool hand,
		     bool gpt, unsigned index, struct chain_regs *r)
{
	bool file = l->file[0] != '\0';

	memset(r, 0, sizeof(*r));
	r->cs = r->ds = r->ss = (uint16_t)(file ? l->fseg : l->sseg);
	r->ip = (uint16_t)(file ? l->fip : l->sip);
	if (r->ip == CHAIN_SECTOR_ADDR && !r->cs)
		r->esp = CHAIN_SECTOR_ADDR;
	/* DOS kernels take the drive from BL (mangle.c) */
	r->dx = r->bx = drive;
	if (file && l->maps && !l->hptr) { /* DS:SI -> the sector */
		r->esi = r->ebp = l->soff;
		r->ds = (uint16_t)l->sseg;
	} else if (hand) {
		r->esi = r->ebp = PART_HANDOVER_ADDR;
		r->ds = 0;
		r->eax = index && gpt ? GPT_EAX : 0;
	}
	if (l->kind == CHAIN_LDR_GRLDR) /* GRUB4DOS: DH = partition - 1 */
		r->dx = (uint16_t)(drive | ((index - 1) & 0xFF) << 8);
}
