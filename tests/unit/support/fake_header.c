// SPDX-License-Identifier: BSD-2-Clause
// Synthetic kernel headers for the protocol/ unit tests: the real-mode
// header of any boot protocol version, as a kernel of that version has it.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "protocol/bootparam.h"
#include "protocol/le.h"
#include "protocol/linux.h"
#include "tests/unit/support/fake_header.h"

// See fake_header.h.
uint16_t fake_header_end(uint16_t v)
{
	if (v < 0x0203)
		return 0x22C;
	if (v < 0x0205)
		return 0x230;
	if (v < 0x0206)
		return 0x235;
	if (v < 0x0207)
		return 0x23C;
	if (v < 0x0208)
		return 0x248;
	if (v < 0x0209)
		return 0x250;
	if (v < 0x020A)
		return 0x258;
	if (v < 0x020B)
		return 0x264;
	if (v < 0x020F)
		return 0x268;
	return 0x26C;
}

// See fake_header.h.
void fake_header_build(uint8_t *b, size_t len, uint16_t v, uint8_t sects,
		       uint8_t loadflags, uint32_t pm_size)
{
	memset(b, FAKE_FILL, len);
	b[0x1F1] = sects;
	le16_put(b + 0x1F2, 1);	     // root_flags
	le16_put(b + 0x1FA, 0xFFFE); // vid_mode built in: "ext"
	le16_put(b + 0x1FC, 0);	     // root_dev
	le16_put(b + 0x1FE, 0xAA55);
	if (v < 0x0204)
		le16_put(b + 0x1F4, (uint16_t)((pm_size + 15) / 16));
	else
		le32_put(b + 0x1F4, (pm_size + 15) / 16);
	if (!v)
		return;
	b[0x200] = 0xEB;
	b[0x201] = (uint8_t)(fake_header_end(v) - 0x202);
	memcpy(b + 0x202, "HdrS", 4);
	le16_put(b + 0x206, v);
	le32_put(b + 0x208, 0);	     // realmode_swtch
	le16_put(b + 0x20C, 0x1000); // start_sys_seg
	le16_put(b + 0x20E, 0);	     // kernel_version: none
	b[0x210] = 0;		     // type_of_loader
	b[0x211] = loadflags;
	le16_put(b + 0x212, 0x8000);   // setup_move_size
	le32_put(b + 0x214, 0x100000); // code32_start
	le32_put(b + 0x218, 0);
	le32_put(b + 0x21C, 0);
	le32_put(b + 0x220, 0);
	le16_put(b + 0x224, 0); // heap_end_ptr (2.01+)
	if (v >= 0x0202) {
		b[0x226] = 0;
		b[0x227] = 0;
		le32_put(b + 0x228, 0);
	}
	if (v >= 0x0203)
		le32_put(b + 0x22C, 0x7FFFFFFF); // initrd_addr_max
	if (v >= 0x0205) {
		le32_put(b + 0x230, 0x200000); // kernel_alignment
		b[0x234] = 1;		       // relocatable_kernel
	}
	if (v >= 0x0206)
		le32_put(b + 0x238, 2047); // cmdline_size
	if (v >= 0x0207) {
		le32_put(b + 0x23C, 0);
		le64_put(b + 0x240, 0);
	}
	if (v >= 0x0208) {
		le32_put(b + 0x248, 0x3A0);	      // payload_offset
		le32_put(b + 0x24C, pm_size - 0x400); // payload_length
	}
	if (v >= 0x0209)
		le64_put(b + 0x250, 0); // setup_data
	if (v >= 0x020A) {
		b[0x235] = 21;			// min_alignment
		le64_put(b + 0x258, 0x1000000); // pref_address
		le32_put(b + 0x260, 0x2800000); // init_size
	}
	if (v >= 0x020B)
		le32_put(b + 0x264, 0x190); // handover_offset
	if (v >= 0x020C)
		le16_put(b + 0x236, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G);
	if (v >= 0x020F)
		le32_put(b + 0x268, 0x12345); // kernel_info_offset
}

int fake_header_parse(uint8_t *b, uint16_t v, uint8_t sects, uint8_t lf,
		      uint32_t pm_size, struct linux_kernel *k)
{
	uint32_t setup = ((sects ? sects : 4) + 1) * 512u;

	fake_header_build(b, 1024, v, sects, lf, pm_size);
	return linux_parse_header(b, 1024, (uint64_t)setup + pm_size, k);
}
