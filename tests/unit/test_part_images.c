// SPDX-License-Identifier: BSD-2-Clause
/* fs/part.c over disks partitioned by sfdisk: every partition's number,
 * start, size, type and attributes as `sfdisk -J` lists them; the boot
 * choice; a FAT filesystem mounted in a logical and in a GPT partition. */
#include <fcntl.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs/fat.h"
#include "fs/part.h"
#include "tests/unit/support/fat_image.h"
#include "tests/unit/support/memdisk.h"
#include "tests/unit/support/part_disk.h"

#define MiB (1024u * 1024u)

/* --- sfdisk ----------------------------------------------------------------
 */

/* sfdisk -q IMAGE < script. */
static void sfdisk_write(struct img *im, const char *script)
{
	char *argv[] = {"sfdisk", "-q", im->path, NULL};
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/script", im->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(script, fp);
	fclose(fp);
	assert_int_equal(run_argv_input(argv, path), 0);
	unlink(path);
}

/* sfdisk -J IMAGE into buf (NUL-terminated). */
static void sfdisk_json(struct img *im, char *buf, size_t size)
{
	char *argv[] = {"/usr/sbin/sfdisk", "-J", im->path, NULL};
	posix_spawn_file_actions_t fa;
	char path[160];
	int status;
	pid_t pid;
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/json", im->dir);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, path,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ),
			 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_true(waitpid(pid, &status, 0) == pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(buf, 1, size - 1, fp);
	fclose(fp);
	unlink(path);
	assert_true(n < size - 1);
	buf[n] = '\0';
}

/* One partition as sfdisk -J lists it. */
struct sf_part {
	unsigned number; /* the digits ending "node" */
	uint64_t start, size;
	char type[40];
	char attrs[80];
	bool bootable;
};

/* The string value of "key" in obj, or "" if absent. */
static void json_str(const char *obj, const char *key, char *out, size_t n)
{
	const char *p = strstr(obj, key), *q;

	out[0] = '\0';
	if (!p)
		return;
	p = strchr(p + strlen(key), '"');
	assert_non_null(p);
	q = strchr(++p, '"');
	assert_non_null(q);
	assert_true((size_t)(q - p) < n);
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
}

static uint64_t json_num(const char *obj, const char *key)
{
	const char *p = strstr(obj, key);

	assert_non_null(p);
	return strtoull(p + strlen(key), NULL, 10);
}

/* Splits the "partitions" array into out[]; returns the count. */
static unsigned sf_parse(char *json, struct sf_part *out, unsigned max)
{
	char *p = strstr(json, "\"partitions\""), *next, node[160];
	unsigned n = 0;
	size_t len;

	assert_non_null(p);
	for (p = strstr(p, "\"node\":"); p; p = next) {
		next = strstr(p + 1, "\"node\":");
		if (next)
			next[-1] = '\0'; /* one object per string */
		assert_true(n < max);
		memset(&out[n], 0, sizeof(out[n]));
		json_str(p, "\"node\":", node, sizeof(node));
		len = strlen(node);
		while (len && node[len - 1] >= '0' && node[len - 1] <= '9')
			len--;
		out[n].number = (unsigned)strtoul(node + len, NULL, 10);
		out[n].start = json_num(p, "\"start\":");
		out[n].size = json_num(p, "\"size\":");
		json_str(p, "\"type\":", out[n].type, sizeof(out[n].type));
		json_str(p, "\"attrs\":", out[n].attrs, sizeof(out[n].attrs));
		out[n].bootable = strstr(p, "\"bootable\": true") != NULL;
		n++;
	}
	return n;
}

/* sfdisk's attribute words -> the 64-bit Attributes field. */
static uint64_t sf_attrs(const char *s)
{
	uint64_t v = 0;
	char *end;

	while (*s) {
		if (*s == ' ' || *s == ',') {
			s++;
		} else if (!strncmp(s, "RequiredPartition", 17)) {
			v |= 1ull << 0;
			s += 17;
		} else if (!strncmp(s, "NoBlockIOProtocol", 17)) {
			v |= 1ull << 1;
			s += 17;
		} else if (!strncmp(s, "LegacyBIOSBootable", 18)) {
			v |= 1ull << 2;
			s += 18;
		} else if (!strncmp(s, "GUID:", 5)) {
			s += 5;
			do {
				v |= 1ull << strtoul(s, &end, 10);
				s = *end == ',' ? end + 1 : end;
			} while (*end == ',');
		} else {
			fail_msg("unknown sfdisk attribute in '%s'", s);
		}
	}
	return v;
}

/* "C12A7328-F81F-..." from the on-disk (mixed-endian) bytes. */
static void guid_str(const uint8_t g[16], char out[37])
{
	snprintf(out, 37,
		 "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		 "%02X%02X%02X%02X%02X%02X",
		 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9],
		 g[10], g[11], g[12], g[13], g[14], g[15]);
}

/* --- part_foreach against sfdisk -J -------------------------------------- */

/* Every partition sfdisk lists, and no other, with the same numbers,
 * starts, sizes, types, boot flags and attributes. */
static void check_against_sfdisk(struct img *im, struct memdisk *md)
{
	static char json[64 * 1024];
	static struct sf_part sf[SEEN_MAX];
	static struct seen s;
	uint8_t buf[512];
	char guid[37];
	unsigned n, i;

	sfdisk_json(im, json, sizeof(json));
	n = sf_parse(json, sf, SEEN_MAX);
	memset(&s, 0, sizeof(s));
	assert_int_equal(part_foreach(&md->bd, md->sectors, buf, seen_fn, &s),
			 0);
	assert_int_equal(s.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(s.e[i].index, sf[i].number);
		assert_int_equal(s.e[i].start_lba, sf[i].start);
		assert_int_equal(s.e[i].sectors, sf[i].size);
		if (s.e[i].gpt) {
			guid_str(s.e[i].type_guid, guid);
			assert_string_equal(guid, sf[i].type);
			assert_int_equal(s.e[i].attrs, sf_attrs(sf[i].attrs));
			assert_int_equal(s.e[i].active, !!(s.e[i].attrs & 4));
		} else {
			assert_int_equal(s.e[i].type,
					 strtoul(sf[i].type, NULL, 16));
			assert_int_equal(s.e[i].active, sf[i].bootable);
		}
	}
	assert_int_equal(md->bad, 0);
}

/* Mounts partition p (reads confined to it) and checks a file. */
static void check_fat(struct img *im, const struct part_entry *p,
		      const uint8_t *want, size_t n)
{
	struct fat_volume v;
	struct fat_file f;
	struct memdisk md;
	uint8_t got[4096];

	img_memdisk(im, 0, &md);
	md.lo = p->start_lba;
	md.hi = p->start_lba + p->sectors;
	assert_int_equal(fat_mount(&v, &md.bd, p->start_lba, p->sectors), 0);
	assert_int_equal(fat_open(&v, "/HELLO.TXT", &f), 0);
	assert_true(n <= sizeof(got));
	assert_int_equal(fat_read(&f, got, sizeof(got)), (int)n);
	assert_memory_equal(got, want, n);
	assert_int_equal(md.bad, 0);
}

/* --- the images ------------------------------------------------------------
 */

/* Primaries 1 (Linux), 2 (extended), 3 (FAT32, not active); logicals 5
 * (swap), 6 (FAT32 LBA, boot flag in its EBR: ignored), 7 (FAT16 LBA). */
static void test_dos_logicals(void **state)
{
	struct img im;
	struct memdisk md;
	struct part_entry p;
	uint8_t *hello;
	char script[1024];

	(void)state;
	img_new(&im, 64 * MiB);
	snprintf(script, sizeof(script),
		 "label: dos\n"
		 "%1$s1 : start=2048, size=8192, type=83\n"
		 "%1$s2 : start=10240, size=40960, type=5\n"
		 "%1$s3 : start=51200, size=10240, type=b\n"
		 "%1$s5 : start=12288, size=4096, type=82\n"
		 "%1$s6 : start=18432, size=8192, type=c, bootable\n"
		 "%1$s7 : size=4096, type=e\n",
		 im.path);
	sfdisk_write(&im, script);
	run("mkfs.fat", "--offset", "18432", "-F", "12", im.path, "4096", NULL);
	img_offset(&im, 18432);
	hello = img_put(&im, "/HELLO.TXT", 1000, 5);
	img_map(&im);
	img_memdisk(&im, 0, &md);

	check_against_sfdisk(&im, &md);
	assert_int_equal(find_part(&md, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);
	assert_int_equal(p.type, 0x0B);
	assert_int_equal(find_part(&md, 0, 6, &p), 0);
	assert_int_equal(p.start_lba, 18432);
	assert_int_equal(p.sectors, 8192);
	assert_true(p.active);
	check_fat(&im, &p, hello, 1000);
	assert_int_equal(find_part(&md, 0, 4, &p), PART_ENOPART);
	assert_int_equal(find_part(&md, 0, 8, &p), PART_ENOPART);

	/* Without the FAT primary, the first FAT logical. */
	memset(im.data + 0x1BE + 2 * 16, 0, 16);
	assert_int_equal(find_part(&md, 0, 0, &p), 0);
	assert_int_equal(p.index, 6);
	check_fat(&im, &p, hello, 1000);
	assert_int_equal(md.bad, 0);
	free(hello);
	img_free(&im);
}

/* An 0x0F extended partition holding 55 logicals (sfdisk gives each 2 MiB:
 * its EBR, a 1 MiB gap, the partition at the next MiB). */
static void test_dos_many_logicals(void **state)
{
	static char script[8192];
	struct img im;
	struct memdisk md;
	struct part_entry p;
	size_t n;
	unsigned i;

	(void)state;
	img_new(&im, 160 * MiB);
	n = (size_t)snprintf(script, sizeof(script),
			     "label: dos\n"
			     "%s1 : start=2048, type=f\n",
			     im.path);
	for (i = 5; i < 60; i++)
		n += (size_t)snprintf(script + n, sizeof(script) - n,
				      "%s%u : size=1000, type=%s\n", im.path, i,
				      i == 40 ? "6" : "83");
	assert_true(n < sizeof(script));
	sfdisk_write(&im, script);
	img_map(&im);
	img_memdisk(&im, 0, &md);
	check_against_sfdisk(&im, &md);
	assert_int_equal(find_part(&md, 0, 0, &p), 0);
	assert_int_equal(p.index, 40);
	assert_int_equal(p.type, 0x06);
	assert_int_equal(find_part(&md, 0, 59, &p), 0);
	assert_int_equal(find_part(&md, 0, 60, &p), PART_ENOPART);
	img_free(&im);
}

/* GPT, numbers 1, 3 and 5 (2 and 4 unused): Linux, a bootable ESP with a
 * FAT filesystem, basic data with high attribute bits. */
static void test_gpt_image(void **state)
{
	struct img im;
	struct memdisk md;
	struct part_entry p;
	uint8_t *hello;
	uint64_t disk;
	char script[1024];

	(void)state;
	img_new(&im, 64 * MiB);
	snprintf(script, sizeof(script),
		 "label: gpt\n"
		 "%1$s1 : start=2048, size=4096, "
		 "type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=\"root\"\n"
		 "%1$s3 : start=8192, size=8192, "
		 "type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, "
		 "attrs=\"LegacyBIOSBootable\"\n"
		 "%1$s5 : start=20480, size=4096, "
		 "type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, "
		 "attrs=\"RequiredPartition GUID:60,63\"\n",
		 im.path);
	sfdisk_write(&im, script);
	run("mkfs.fat", "--offset", "8192", "-F", "12", im.path, "4096", NULL);
	img_offset(&im, 8192);
	hello = img_put(&im, "/HELLO.TXT", 3000, 7);
	img_map(&im);
	img_memdisk(&im, 0, &md);
	disk = md.sectors;

	check_against_sfdisk(&im, &md);
	assert_int_equal(find_part(&md, 0, 0, &p), 0);
	assert_int_equal(p.index, 3);
	assert_true(p.gpt);
	check_fat(&im, &p, hello, 3000);
	assert_int_equal(find_part(&md, 0, 5, &p), 0);
	assert_int_equal(p.attrs, 1ull | 1ull << 60 | 1ull << 63);
	assert_int_equal(find_part(&md, 0, 2, &p), PART_ENOPART);

	/* Damaged primary entries (entry 3 loses its attribute): the
	 * backup's, given the disk size. */
	im.data[1024 + 128 * 2 + 0x30] = 0;
	assert_int_equal(find_part(&md, 0, 0, &p), PART_EGPTENTRIES);
	assert_int_equal(find_part(&md, disk, 0, &p),
			 0); /* the backup: intact */
	assert_int_equal(p.index, 3);
	assert_true(p.active);

	/* A damaged primary header: the backup, given the disk size. */
	im.data[512 + 0x30] ^= 1;
	assert_int_equal(find_part(&md, 0, 0, &p), PART_EGPTHDR);
	assert_int_equal(find_part(&md, disk, 0, &p), 0);
	assert_int_equal(p.index, 3);
	assert_true(p.active);
	assert_int_equal(find_part(&md, disk, 1, &p), 0);
	assert_int_equal(p.start_lba, 2048);
	assert_int_equal(md.bad, 0);
	free(hello);
	img_free(&im);
}

/* A 200-entry GPT (not 128), the last slot used. */
static void test_gpt_table_length(void **state)
{
	struct img im;
	struct memdisk md;
	struct part_entry p;
	char script[1024];

	(void)state;
	img_new(&im, 16 * MiB);
	snprintf(script, sizeof(script),
		 "label: gpt\n"
		 "table-length: 200\n"
		 "%1$s200 : start=4096, size=2048, "
		 "type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n"
		 "%1$s7 : start=8192, size=2048, "
		 "type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n",
		 im.path);
	sfdisk_write(&im, script);
	img_map(&im);
	img_memdisk(&im, 0, &md);
	assert_int_equal(*(uint32_t *)(im.data + 512 + 0x50), 200);
	check_against_sfdisk(&im, &md);
	assert_int_equal(find_part(&md, 0, 0, &p), 0);
	assert_int_equal(p.index, 200);
	assert_int_equal(p.start_lba, 4096);
	assert_int_equal(find_part(&md, 0, 201, &p), PART_ENOPART);
	img_free(&im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_dos_logicals, img_teardown),
	    cmocka_unit_test_teardown(test_dos_many_logicals, img_teardown),
	    cmocka_unit_test_teardown(test_gpt_image, img_teardown),
	    cmocka_unit_test_teardown(test_gpt_table_length, img_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
