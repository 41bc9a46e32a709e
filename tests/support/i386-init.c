// SPDX-License-Identifier: BSD-2-Clause
// /init of the i386 test initramfs (tests/support/payloads.py): prints the
// machine, release and kernel command line on the console, then powers off.
// No libc: raw int $0x80 system calls, static, so any i386 kernel runs it.
//
// Build: gcc -m32 -static -nostdlib -fno-pie -no-pie -ffreestanding -Os

#define SYS_WRITE  4
#define SYS_OPEN   5
#define SYS_CLOSE  6
#define SYS_READ   3
#define SYS_MOUNT  21
#define SYS_REBOOT 88
#define SYS_UNAME  122 /* newuname: six 65-byte fields */

#define O_RDONLY 0
#define O_WRONLY 1

#define REBOOT_MAGIC1	 0xfee1dead
#define REBOOT_MAGIC2	 672274793
#define REBOOT_POWER_OFF 0x4321fedc

#define UTS_LEN 65

struct utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

static long sys5(long n, long a, long b, long c, long d, long e)
{
	long r;

	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return r;
}

static long sys3(long n, long a, long b, long c)
{
	return sys5(n, a, b, c, 0, 0);
}

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	sys3(SYS_WRITE, 1, (long)s, (long)len(s));
}

/* Reads a whole small file into buf as a string; "" if it cannot. */
static void slurp(const char *path, char *buf, long size)
{
	long fd = sys3(SYS_OPEN, (long)path, O_RDONLY, 0);
	long n = 0, r;

	if (fd >= 0) {
		while (n < size - 1 && (r = sys3(SYS_READ, fd, (long)(buf + n),
						 size - 1 - n)) > 0)
			n += r;
		sys3(SYS_CLOSE, fd, 0, 0);
	}
	buf[n] = '\0';
	/* /proc/cmdline ends in a newline the loader did not hand over. */
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

static struct utsname uts;
static char cmdline[4096];

__attribute__((noreturn)) void _start(void)
{
	long fd;

	sys5(SYS_MOUNT, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	/* Keep late kernel messages from splitting the lines below. */
	fd = sys3(SYS_OPEN, (long)"/proc/sys/kernel/printk", O_WRONLY, 0);
	if (fd >= 0) {
		sys3(SYS_WRITE, fd, (long)"1\n", 2);
		sys3(SYS_CLOSE, fd, 0, 0);
	}
	sys3(SYS_UNAME, (long)&uts, 0, 0);
	slurp("/proc/cmdline", cmdline, sizeof(cmdline));

	put("\nI386-INIT-START\nUNAME:");
	put(uts.machine);
	put(" ");
	put(uts.release);
	put("\nCMDLINE:");
	put(cmdline);
	put("\nI386-INIT-OK\n");

	sys5(SYS_REBOOT, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_POWER_OFF, 0, 0);
	for (;;)
		;
}
