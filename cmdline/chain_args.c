// SPDX-License-Identifier: BSD-2-Clause
/* chain.c32's words and LOCALBOOT's type (cmdline/chain_args.h). */
#include <string.h>

#include "cmdline/chain_args.h"
#include "cmdline/text.h"

/* chain.c32 options that change nothing bzboot does: PXE stacks it has
 * not got, checks it always makes, defaults it already has. */
static const char *const ignored[] = {
    "nofile",	 "keeppxe",   "nokeeppxe", "maps",    "nohide",	   "nosetbpb",
    "nofilebpb", "nosave",    "nofixchs",  "relax",   "nostrict",  "norelax",
    "strict",	 "gpthcrc",   "nogpthcrc", "gptlcrc", "nogptlcrc", "nowarn",
    "prefmbr",	 "noprefmbr", "nobreak",   "noswap",  "hptr",	   "nohptr",
};

/* Whether [p, end) is `kw`, or starts with it when kw ends in '=' or ':'. */
static bool word_has(const char *p, const char *end, const char *kw)
{
	size_t n = strlen(kw);

	if (kw[n - 1] == '=' || kw[n - 1] == ':')
		return (size_t)(end - p) >= n && !memcmp(p, kw, n);
	return (size_t)(end - p) == n && !memcmp(p, kw, n);
}

/* A number as strtoul(p, NULL, 0) reads it, but the whole of [p, end):
 * "" is 0 (chain.c32's "hd" is hd0). */
static bool number(const char *p, const char *end, uint32_t *out)
{
	uint64_t v = 0;

	if (p < end &&
	    text_parse_uint(&p, end, 0, UINT32_MAX, &v) != TEXT_NUM_OK)
		return false;
	*out = (uint32_t)v;
	return p == end;
}

/* The partition after a disk word: ",P" in the word itself (not after
 * a label), else the next word if it starts with a digit. */
static int take_part(const char **pp, const char *end, const char *comma,
		     const char *we, struct chain_args *a, char *word)
{
	const char *p = text_skip_space(we, end);
	uint32_t n;

	*pp = we;
	if (comma)
		return number(comma + 1, we, &a->part) ? CHAIN_OK
						       : CHAIN_ENUMBER;
	if (p < end && *p >= '0' && *p <= '9') {
		we = text_word_end(p, end);
		*pp = we;
		if (!number(p, we, &n)) {
			text_copy_span(word, CHAIN_WORD_MAX, p,
				       we - p < CHAIN_WORD_MAX ? we : p);
			return CHAIN_ENUMBER;
		}
		a->part = n;
	}
	return CHAIN_OK;
}

/* A GUID as chain.c32's str_to_guid reads it: 32 hex digits, '{', '}'
 * and '-' skipped anywhere; the first three groups are stored
 * little-endian on disk (UEFI's layout), the last two as written. */
static bool guid(const char *p, const char *end, uint8_t out[16])
{
	static const uint8_t at[16] = {3, 2, 1,	 0,  5,	 4,  7,	 6,
				       8, 9, 10, 11, 12, 13, 14, 15};
	unsigned n = 0, v;

	for (; p < end; p++) {
		if (*p == '{' || *p == '}' || *p == '-')
			continue;
		if (*p >= '0' && *p <= '9')
			v = (unsigned)(*p - '0');
		else if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			v = (unsigned)((*p | 0x20) - 'a' + 10);
		else
			return false;
		if (n == 32)
			return false;
		if (n % 2 == 0)
			out[at[n / 2]] = (uint8_t)(v << 4);
		else
			out[at[n / 2]] |= (uint8_t)v;
		n++;
	}
	return n == 32;
}

/* label:NAME / label=NAME: the rest of the word, commas and all. */
static int label_word(const char **pp, const char *end, const char *we,
		      struct chain_args *a, char *word)
{
	const char *p = *pp + 6;
	int err;

	if (p == we || we - p >= CHAIN_LABEL_MAX)
		return CHAIN_ELABEL;
	a->disk = CHAIN_DISK_LABEL;
	text_copy_span(a->label, CHAIN_LABEL_MAX, p, we);
	/* chain.c32 takes a number after it but finds the partition by
	 * its name alone */
	err = take_part(pp, end, NULL, we, a, word);

	a->part = 0;
	return err;
}

/* One disk word at [p, we): hdN fdN mbr:SIG guid:G label:L boot fs, each
 * with its partition. 1 when the word is none of them. */
static int disk_word(const char **pp, const char *end, const char *we,
		     struct chain_args *a, char *word)
{
	const char *p = *pp, *comma = memchr(p, ',', (size_t)(we - p));
	const char *name_end = comma ? comma : we;
	uint32_t n;

	if (we - p >= 2 && (p[0] == 'h' || p[0] == 'f') && p[1] == 'd') {
		if (!number(p + 2, name_end, &n))
			return CHAIN_ENUMBER;
		a->disk = CHAIN_DISK_DRIVE;
		a->drive = (uint8_t)((p[0] == 'h' ? 0x80 : 0) | n);
	} else if (word_has(p, name_end, "mbr:") ||
		   word_has(p, name_end, "mbr=")) {
		if (!number(p + 4, name_end, &a->mbr_sig))
			return CHAIN_ENUMBER;
		a->disk = CHAIN_DISK_MBR;
	} else if (word_has(p, name_end, "guid:") ||
		   word_has(p, name_end, "guid=")) {
		if (!guid(p + 5, name_end, a->guid))
			return CHAIN_EGUID;
		a->disk = CHAIN_DISK_GUID;
	} else if (word_has(p, we, "label:") || word_has(p, we, "label=")) {
		return label_word(pp, end, we, a, word);
	} else if (word_has(p, name_end, "boot")) {
		a->disk = CHAIN_DISK_BOOT;
	} else if (word_has(p, we, "fs")) {
		a->disk = CHAIN_DISK_FS;
	} else {
		return 1;
	}
	a->part = 0;
	return take_part(pp, end, comma, we, a, word);
}

/* hide hideall unhide unhideall nohide; 1 when the word is none. */
static int hide_word(const char *p, const char *we, struct chain_args *a)
{
	/* indexed by the CHAIN_HIDE_* bits each one sets */
	static const char *const names[] = {
	    [0] = "nohide",
	    [CHAIN_HIDE_ON] = "hide",
	    [CHAIN_HIDE_ON | CHAIN_HIDE_ALL] = "hideall",
	    [CHAIN_HIDE_ON | CHAIN_HIDE_REV] = "unhide",
	    [CHAIN_HIDE_ON | CHAIN_HIDE_ALL | CHAIN_HIDE_REV] = "unhideall",
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i] && word_has(p, we, names[i])) {
			a->hide = (uint8_t)i;
			return CHAIN_OK;
		}
	return 1;
}

/* setbpb nosetbpb, and the older sethid sethidden setgeo setdrv setdrv=N
 * (one BPB field each); 1 when the word is none of them. */
static int bpb_word(const char *p, const char *we, struct chain_args *a)
{
	uint32_t off;

	if (word_has(p, we, "setbpb"))
		a->bpb = CHAIN_BPB_ALL, a->drvoff = -1;
	else if (word_has(p, we, "nosetbpb"))
		a->bpb = 0;
	else if (word_has(p, we, "sethid") || word_has(p, we, "sethidden"))
		a->bpb |= CHAIN_BPB_HID;
	else if (word_has(p, we, "setgeo"))
		a->bpb |= CHAIN_BPB_GEO;
	else if (word_has(p, we, "setdrv"))
		a->bpb |= CHAIN_BPB_DRV, a->drvoff = -1;
	else if (word_has(p, we, "setdrv=") && number(p + 7, we, &off) &&
		 off < 512)
		a->bpb |= CHAIN_BPB_DRV, a->drvoff = (int16_t)off;
	else
		return 1;
	return CHAIN_OK;
}

/* The option words bzboot acts on; 1 when the word is none of them. */
static int option_word(const char *p, const char *we, struct chain_args *a)
{
	if (word_has(p, we, "hand"))
		a->hand = true;
	else if (word_has(p, we, "nohand"))
		a->hand = false;
	else if (word_has(p, we, "swap"))
		a->swap = true;
	else if (word_has(p, we, "break"))
		a->brk = true, a->hand = false;
	else if (word_has(p, we, "noswap"))
		a->swap = false;
	else if (word_has(p, we, "nobreak"))
		a->brk = false;
	else
		return hide_word(p, we, a) && bpb_word(p, we, a);
	return CHAIN_OK;
}

static bool is_ignored(const char *p, const char *we)
{
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (word_has(p, we, ignored[i]))
			return true;
	/* strict=0, 1 or 2 */
	return we - p == 8 && word_has(p, we, "strict=") && p[7] >= '0' &&
	       p[7] <= '2';
}

/* What chain.c32 documents that bzboot does not do: GRUB Legacy's
 * stage2, and the options that write to a disk or wait for a key. */
static bool is_unsupported(const char *p, const char *we)
{
	static const char *const later[] = {
	    "grub=", "grubcfg=", "save", "fixchs", "warn",
	};

	for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++)
		if (word_has(p, we, later[i]))
			return true;
	return false;
}

int chain_parse(const char *args, struct chain_args *a, char *word)
{
	const char *p = args, *end = args + strlen(args), *we;
	int err = CHAIN_OK;
	unsigned sets;

	memset(a, 0, sizeof(*a));
	a->hand = true;
	a->drvoff = -1;
	chain_load_init(&a->ld);
	*word = '\0';
	while ((p = text_skip_space(p, end)) < end) {
		we = text_word_end(p, end);
		text_copy_span(
		    word, CHAIN_WORD_MAX, p,
		    we - p < CHAIN_WORD_MAX ? we : p + CHAIN_WORD_MAX - 1);
		if (word_has(p, we, "exit")) /* chain.c32 stops reading */
			break;
		err = disk_word(&p, end, we, a, word);
		if (err <= 0) {
			if (err)
				return err;
			continue;
		}
		err = chain_load_word(p, we, &a->ld, &sets);
		if (err < 0)
			return CHAIN_EADDRESS;
		if (sets & CHAIN_LOAD_NOHAND)
			a->hand = false;
		if (sets & CHAIN_LOAD_SETBPB)
			a->bpb = CHAIN_BPB_ALL, a->drvoff = -1;
		if (err > 0 && option_word(p, we, a) && !is_ignored(p, we))
			return is_unsupported(p, we) ? CHAIN_EUNSUPPORTED
						     : CHAIN_EUNKNOWN;
		p = we;
	}
	*word = '\0';
	return CHAIN_OK;
}

const char *chain_strerror(int err)
{
	switch (err) {
	case CHAIN_EUNKNOWN:
		return "is not a chain.c32 option";
	case CHAIN_EUNSUPPORTED:
		return "is a chain.c32 option bzboot does not support yet";
	case CHAIN_ENUMBER:
		return "does not give a disk or partition number bzboot can "
		       "read";
	case CHAIN_EGUID:
		return "is not a GUID (32 hex digits, as in "
		       "guid:01234567-89ab-cdef-0123-456789abcdef)";
	case CHAIN_ELABEL:
		return "does not give a GPT partition name of 1 to 36 "
		       "characters";
	case CHAIN_EADDRESS:
		return "is not an address chain.c32 loads at "
		       "(segment:offset:ip "
		       "from 0x500 up) or names too long a file";
	default:
		return "is not understood";
	}
}

bool chain_localboot_type(const char *type, int16_t *out)
{
	const char *p = type, *end = type + strlen(type);
	bool neg = p < end && *p == '-';
	uint64_t v;

	p += neg;
	if (text_parse_uint(&p, end, 0, UINT64_MAX, &v) == TEXT_NUM_NONE ||
	    text_skip_space(p, end) != end)
		return false;
	*out = (int16_t)(uint16_t)(neg ? 0 - v : v);
	return true;
}
