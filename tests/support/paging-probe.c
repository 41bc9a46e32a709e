// SPDX-License-Identifier: BSD-2-Clause
// The paging probe of tests/boot/test_paging.py: run as root by that test's
// /init, it prints what user space can see of the kernel's page tables.
//
//   PAGING-MMAP:<hint> <address mmap returned>
//     An mmap hint above 2^47 is honoured only when the kernel runs with
//     5-level paging (x86/mm.rst: user space gets 56 bits only when it
//     asks for them); under 4-level paging it is ignored.
//   PAGING-LOAD:<vaddr> <paddr> <memsz>   for each PT_LOAD of /proc/kcore
//     The kernel's own map: the text mapping (vaddr 0xffffffff8...) and
//     the direct map (vaddr = page_offset_base + paddr) of each RAM range.
//   PAGING-BP:<ramdisk_image> <ramdisk_size>
//     From /sys/kernel/boot_params/data: where the loader put the initrd.
//   PAGING-ERROR:<what failed>
//
// No libc: raw x86-64 system calls, static, no runtime to set up.
// Build: gcc -static -nostdlib -fno-pie -no-pie -ffreestanding -Os
//        -mgeneral-regs-only

#define SYS_READ  0
#define SYS_WRITE 1
#define SYS_OPEN  2
#define SYS_CLOSE 3
#define SYS_MMAP  9
#define SYS_PREAD 17
#define SYS_EXIT  60

#define PROT_RW	      3	   /* PROT_READ | PROT_WRITE */
#define MAP_PRIV_ANON 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */
#define PT_LOAD	      1
#define MAX_PHDRS     64

/* Far above 2^47, inside the 56-bit user half of 5-level paging. */
#define HINT (1UL << 52)

struct ehdr64 {
	unsigned char ident[16];
	unsigned short type, machine;
	unsigned int version;
	unsigned long entry, phoff, shoff;
	unsigned int flags;
	unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr64 {
	unsigned int type, flags;
	unsigned long offset, vaddr, paddr, filesz, memsz, align;
};

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

static long sys3(long n, long a, long b, long c)
{
	return sys6(n, a, b, c, 0, 0, 0);
}

static void put(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	sys3(SYS_WRITE, 1, (long)s, (long)n);
}

static void put_hex(unsigned long v)
{
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = 0;
	put(buf);
}

static void probe_mmap(void)
{
	long got =
	    sys6(SYS_MMAP, (long)HINT, 4096, PROT_RW, MAP_PRIV_ANON, -1, 0);

	put("PAGING-MMAP:");
	put_hex(HINT);
	put(" ");
	put_hex((unsigned long)got);
	put("\n");
}

static void probe_kcore(void)
{
	static struct phdr64 ph[MAX_PHDRS];
	struct ehdr64 eh;
	long fd = sys3(SYS_OPEN, (long)"/proc/kcore", 0, 0);
	int i;

	if (fd < 0) {
		put("PAGING-ERROR:cannot open /proc/kcore (not root? no "
		    "CONFIG_PROC_KCORE?)\n");
		return;
	}
	if (sys6(SYS_PREAD, fd, (long)&eh, sizeof(eh), 0, 0, 0) !=
		(long)sizeof(eh) ||
	    eh.phentsize != sizeof(struct phdr64) || eh.phnum > MAX_PHDRS ||
	    sys6(SYS_PREAD, fd, (long)ph, eh.phnum * sizeof(struct phdr64),
		 (long)eh.phoff, 0,
		 0) != (long)(eh.phnum * sizeof(struct phdr64))) {
		put("PAGING-ERROR:/proc/kcore's ELF program headers are "
		    "unreadable or over 64\n");
		sys3(SYS_CLOSE, fd, 0, 0);
		return;
	}
	for (i = 0; i < eh.phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		put("PAGING-LOAD:");
		put_hex(ph[i].vaddr);
		put(" ");
		put_hex(ph[i].paddr);
		put(" ");
		put_hex(ph[i].memsz);
		put("\n");
	}
	sys3(SYS_CLOSE, fd, 0, 0);
}

static unsigned int le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned int)p[3] << 24;
}

static void probe_boot_params(void)
{
	static unsigned char bp[4096];
	long fd = sys3(SYS_OPEN, (long)"/sys/kernel/boot_params/data", 0, 0);
	long n = fd < 0 ? -1 : sys3(SYS_READ, fd, (long)bp, sizeof(bp));

	if (fd >= 0)
		sys3(SYS_CLOSE, fd, 0, 0);
	if (n < 0x220) {
		put("PAGING-ERROR:cannot read /sys/kernel/boot_params/data\n");
		return;
	}
	/* boot.rst: ramdisk_image 0x218, ramdisk_size 0x21c; zero-page.rst:
	 * their high halves ext_ramdisk_image 0xc0, ext_ramdisk_size 0xc4. */
	put("PAGING-BP:");
	put_hex(le32(bp + 0x218) | (unsigned long)le32(bp + 0xc0) << 32);
	put(" ");
	put_hex(le32(bp + 0x21c) | (unsigned long)le32(bp + 0xc4) << 32);
	put("\n");
}

void probe_main(void);

void probe_main(void)
{
	probe_mmap();
	probe_kcore();
	probe_boot_params();
	sys3(SYS_EXIT, 0, 0, 0);
}

/* The kernel enters with RSP 16-byte aligned and no return address. */
__asm__(".globl _start\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	and $-16, %rsp\n"
	"	call probe_main\n"
	"	hlt\n");
