// SPDX-License-Identifier: BSD-2-Clause
// The backup file (docs/install.md, "The backup file"): written whole and
// flushed before the install writes its first sector, and read back and
// checked before that first write too.
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "protocol/le.h"
#include "tools/backup.h"
#include "tools/bzboot.h"
#include "tools/file.h"
#include "tools/mbr.h"

/* The layout, all little-endian: a header, one record per write, the LBAs
 * hashed for the identity, each write's old then new sectors, and the
 * SHA-256 of everything before it. */
#define HDR_SIZE    128
#define H_MAGIC	    0x00 /* "BZBACKUP" */
#define H_VERSION   0x08 /* u32 BACKUP_VERSION */
#define H_WRITES    0x0C /* u32 records */
#define H_SIZE	    0x10 /* u64 disk size in bytes */
#define H_FLAGS	    0x18 /* u32 BACKUP_ID_* */
#define H_MBR_SIG   0x1C /* u32 */
#define H_GPT_GUID  0x20 /* 16 bytes */
#define H_AROUND    0x30 /* u32 LBAs hashed */
#define H_HASH	    0x38 /* 32 bytes: SHA-256 of those sectors */
#define H_BZVERSION 0x58 /* 32 bytes, NUL-padded */
#define H_MADE	    0x78 /* u64 seconds since 1970 */
#define REC_SIZE    96
#define R_LBA	    0x00 /* u64 */
#define R_SECTORS   0x08 /* u32 */
#define R_WHAT	    0x10 /* PLAN_WHAT bytes, NUL-padded */
#define MAX_FILE    (1u << 22)

static const char magic[8] = {'B', 'Z', 'B', 'A', 'C', 'K', 'U', 'P'};

/* --- the identity ------------------------------------------------------ */

static void add_around(struct backup_identity *id, const struct plan *p,
		       uint64_t lba)
{
	uint64_t total = p->d->size / DISK_SECTOR;

	if (lba >= total || plan_find(p, lba) || plan_is_volatile(p, lba))
		return;
	for (unsigned i = 0; i < id->n_around; i++)
		if (id->around[i] == lba)
			return;
	id->around[id->n_around++] = lba;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Up to BACKUP_AROUND sectors each side of each write that no write
 * touches and no file system rewrites. */
static void pick_around(const struct plan *p, struct backup_identity *id)
{
	id->n_around = 0;
	for (unsigned i = 0; i < p->n; i++) {
		const struct plan_write *w = &p->w[i];

		for (uint64_t k = 1; k <= BACKUP_AROUND; k++) {
			if (w->lba >= k)
				add_around(id, p, w->lba - k);
			add_around(id, p, w->lba + w->sectors - 1 + k);
		}
	}
	qsort(id->around, id->n_around, sizeof(id->around[0]), cmp_u64);
}

int backup_identity_read(struct disk *d, struct backup_identity *id)
{
	uint8_t sec[DISK_SECTOR];
	struct hash_ctx ctx;
	struct mbr_scan scan;
	int table;

	id->size = d->size;
	id->flags = 0;
	id->mbr_sig = 0;
	memset(id->gpt_guid, 0, sizeof(id->gpt_guid));
	if (d->size >= DISK_SECTOR && disk_read(d, 0, sec, 1) == 0) {
		table = mbr_scan(sec, &scan);
		if (table == MBR_OK || table == MBR_EGPT) {
			id->flags |= BACKUP_ID_MBR;
			id->mbr_sig = le32_get(sec + 440);
		}
		if (table == MBR_EGPT && d->size >= 2 * DISK_SECTOR &&
		    disk_read(d, 1, sec, 1) == 0 &&
		    !memcmp(sec, "EFI PART", 8)) {
			id->flags |= BACKUP_ID_GPT;
			memcpy(id->gpt_guid, sec + 56, 16);
		}
	}
	sha256_init(&ctx);
	for (unsigned i = 0; i < id->n_around; i++) {
		if (disk_read(d, id->around[i], sec, 1))
			return -1;
		hash_update(&ctx, sec, DISK_SECTOR);
	}
	sha256_final(&ctx, id->around_hash);
	return 0;
}

/* --- writing ----------------------------------------------------------- */

static size_t file_size(const struct plan *p, unsigned n_around)
{
	return HDR_SIZE + p->n * REC_SIZE + n_around * 8 +
	       2 * plan_sectors(p) * DISK_SECTOR + SHA256_SIZE;
}

static uint8_t *serialize(const struct plan *p,
			  const struct backup_identity *id, size_t *len)
{
	uint8_t *buf, *at;
	struct hash_ctx ctx;

	*len = file_size(p, id->n_around);
	buf = calloc(1, *len);
	if (!buf)
		return NULL;
	memcpy(buf + H_MAGIC, magic, sizeof(magic));
	le32_put(buf + H_VERSION, BACKUP_VERSION);
	le32_put(buf + H_WRITES, p->n);
	le64_put(buf + H_SIZE, id->size);
	le32_put(buf + H_FLAGS, id->flags);
	le32_put(buf + H_MBR_SIG, id->mbr_sig);
	memcpy(buf + H_GPT_GUID, id->gpt_guid, 16);
	le32_put(buf + H_AROUND, id->n_around);
	memcpy(buf + H_HASH, id->around_hash, SHA256_SIZE);
	snprintf((char *)buf + H_BZVERSION, 32, "%s", BZ_VERSION);
	le64_put(buf + H_MADE, (uint64_t)time(NULL));
	at = buf + HDR_SIZE;
	for (unsigned i = 0; i < p->n; i++, at += REC_SIZE) {
		le64_put(at + R_LBA, p->w[i].lba);
		le32_put(at + R_SECTORS, p->w[i].sectors);
		memcpy(at + R_WHAT, p->w[i].what, PLAN_WHAT);
	}
	for (unsigned i = 0; i < id->n_around; i++, at += 8)
		le64_put(at, id->around[i]);
	for (unsigned i = 0; i < p->n; i++) {
		size_t n = (size_t)p->w[i].sectors * DISK_SECTOR;

		memcpy(at, p->w[i].old, n);
		memcpy(at + n, p->w[i].data, n);
		at += 2 * n;
	}
	sha256_init(&ctx);
	hash_update(&ctx, buf, *len - SHA256_SIZE);
	sha256_final(&ctx, at);
	return buf;
}

static int refuse_existing(const char *path)
{
	bz_error("%s exists: bzboot does not overwrite a backup (it may be "
		 "the only copy of what an earlier install overwrote). Give "
		 "another name, or add --overwrite-backup",
		 path);
	return -1;
}

/* The file, and the directory entry naming it, on stable storage. */
static int write_durably(const char *path, const uint8_t *buf, size_t len,
			 bool overwrite)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
	char dir[PATH_MAX];
	size_t done = 0;
	int fd, dfd;

	flags |= overwrite ? O_TRUNC : O_EXCL;
	fd = open(path, flags, 0600);
	if (fd < 0 && errno == EEXIST)
		return refuse_existing(path);
	if (fd < 0)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_unlink;
		done += (size_t)n;
	}
	if (fsync(fd) < 0)
		goto fail_unlink;
	if (close(fd) < 0) {
		fd = -1;
		goto fail_unlink;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd); /* best effort: some file systems refuse */
		close(dfd);
	}
	return 0;
fail_unlink:
	bz_error("cannot write the backup %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(path);
	return -1;
fail:
	bz_error("cannot create the backup %s: %s", path, strerror(errno));
	return -1;
}

static int make_identity(const struct plan *p, struct backup_identity *id)
{
	pick_around(p, id);
	return backup_identity_read(p->d, id);
}

int backup_save(const struct plan *p, const char *path, bool overwrite)
{
	struct backup_identity id;
	struct backup check;
	uint8_t *buf;
	size_t len;
	int err;

	if (make_identity(p, &id))
		return -1;
	buf = serialize(p, &id, &len);
	if (!buf) {
		bz_error("out of memory");
		return -1;
	}
	err = write_durably(path, buf, len, overwrite);
	/* Read it back as restore will: a backup that cannot be restored
	 * is found now, while nothing has been written. */
	if (!err) {
		err = backup_load(path, &check);
		if (!err && memcmp(check.buf, buf, len))
			err = -1;
		if (err)
			bz_error("%s: reading the backup back does not give "
				 "what was written; nothing written to %s",
				 path, p->d->path);
		free(check.buf);
	}
	free(buf);
	if (!err)
		printf("backup: %llu sectors of %s saved to %s (put them back "
		       "with: bzboot restore %s %s)\n",
		       (unsigned long long)plan_sectors(p), p->d->path, path,
		       path, p->d->path);
	return err;
}

int backup_check_new(const struct disk *d, const char *path, bool overwrite)
{
	struct stat file, disk;

	if (stat(path, &file) != 0)
		return 0;
	/* --overwrite-backup must not truncate the disk it backs up. */
	if (fstat(d->fd, &disk) == 0 && file.st_dev == disk.st_dev &&
	    file.st_ino == disk.st_ino) {
		bz_error("%s is %s itself: save the backup to another file, "
			 "off that disk",
			 path, d->path);
		return -1;
	}
	return overwrite ? 0 : refuse_existing(path);
}

/* --- reading ----------------------------------------------------------- */

static int bad_file(const char *path, const char *why)
{
	bz_error("%s is not a backup bzboot can restore: %s", path, why);
	return -1;
}

/* The records, in bounds: each write's sectors fit the file. */
static int parse_records(const char *path, struct backup *b, size_t len)
{
	const uint8_t *at = b->buf + HDR_SIZE;
	size_t need = HDR_SIZE + b->n * REC_SIZE + b->id.n_around * 8;
	const uint8_t *data = b->buf + need;

	if (need + SHA256_SIZE > len)
		return bad_file(path, "its header is out of bounds");
	for (unsigned i = 0; i < b->n; i++, at += REC_SIZE) {
		struct backup_write *w = &b->w[i];
		size_t n;

		w->lba = le64_get(at + R_LBA);
		w->sectors = le32_get(at + R_SECTORS);
		memcpy(w->what, at + R_WHAT, PLAN_WHAT);
		w->what[PLAN_WHAT - 1] = '\0';
		n = (size_t)w->sectors * DISK_SECTOR;
		if (!w->sectors || w->sectors > MAX_FILE / DISK_SECTOR ||
		    w->lba > UINT64_MAX / DISK_SECTOR - w->sectors ||
		    need + 2 * n + SHA256_SIZE > len)
			return bad_file(path, "a record is out of bounds");
		w->old = data;
		w->new = data + n;
		data += 2 * n;
		need += 2 * n;
	}
	for (unsigned i = 0; i < b->id.n_around; i++, at += 8)
		b->id.around[i] = le64_get(at);
	if (need + SHA256_SIZE != len)
		return bad_file(path, "its length does not match its records");
	return 0;
}

static int parse(const char *path, struct backup *b, size_t len)
{
	uint8_t sum[SHA256_SIZE];
	struct hash_ctx ctx;
	uint32_t version;

	if (len < HDR_SIZE + SHA256_SIZE || memcmp(b->buf, magic, 8))
		return bad_file(path, "no BZBACKUP header");
	version = le32_get(b->buf + H_VERSION);
	if (version != BACKUP_VERSION) {
		bz_error("%s is a backup in format %u; this bzboot reads "
			 "format %u: restore it with the bzboot that made it",
			 path, version, BACKUP_VERSION);
		return -1;
	}
	sha256_init(&ctx);
	hash_update(&ctx, b->buf, len - SHA256_SIZE);
	sha256_final(&ctx, sum);
	if (memcmp(sum, b->buf + len - SHA256_SIZE, SHA256_SIZE))
		return bad_file(path, "its checksum does not match (the file "
				      "is damaged or truncated)");
	b->n = le32_get(b->buf + H_WRITES);
	b->id.n_around = le32_get(b->buf + H_AROUND);
	if (!b->n || b->n > PLAN_MAX_WRITES ||
	    b->id.n_around > BACKUP_MAX_AROUND)
		return bad_file(path, "its header is out of bounds");
	b->id.size = le64_get(b->buf + H_SIZE);
	b->id.flags = le32_get(b->buf + H_FLAGS);
	b->id.mbr_sig = le32_get(b->buf + H_MBR_SIG);
	memcpy(b->id.gpt_guid, b->buf + H_GPT_GUID, 16);
	memcpy(b->id.around_hash, b->buf + H_HASH, SHA256_SIZE);
	memcpy(b->version, b->buf + H_BZVERSION, 32);
	b->version[31] = '\0';
	b->made = le64_get(b->buf + H_MADE);
	return parse_records(path, b, len);
}

int backup_load(const char *path, struct backup *b)
{
	size_t len;
	int err;

	memset(b, 0, sizeof(*b));
	err = file_read(path, MAX_FILE, 0, &b->buf, &len);
	if (err == -EFBIG)
		return bad_file(path, "it is larger than any backup");
	if (err) {
		bz_error("cannot read the backup %s: %s", path, strerror(-err));
		return -1;
	}
	if (parse(path, b, len)) {
		free(b->buf);
		b->buf = NULL;
		return -1;
	}
	return 0;
}
