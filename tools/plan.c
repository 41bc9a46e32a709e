// SPDX-License-Identifier: BSD-2-Clause
// A write plan: made and checked whole before the first write, so that a
// dry run can print it, a backup can save what it will overwrite, and the
// writes run in an order chosen for what an interruption leaves.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/bzboot.h"
#include "tools/plan.h"

static void describe(char *out, const char *fmt, va_list ap)
{
	vsnprintf(out, PLAN_WHAT, fmt, ap);
}

const struct plan_write *plan_find(const struct plan *p, uint64_t lba)
{
	for (unsigned i = 0; i < p->n; i++)
		if (lba >= p->w[i].lba && lba - p->w[i].lba < p->w[i].sectors)
			return &p->w[i];
	return NULL;
}

void plan_volatile(struct plan *p, uint64_t lba, uint64_t sectors)
{
	if (p->n_vol < PLAN_MAX_VOLATILE) {
		p->vol[p->n_vol].lba = lba;
		p->vol[p->n_vol].sectors = sectors;
		p->n_vol++;
	}
}

bool plan_is_volatile(const struct plan *p, uint64_t lba)
{
	for (unsigned i = 0; i < p->n_vol; i++)
		if (lba >= p->vol[i].lba &&
		    lba - p->vol[i].lba < p->vol[i].sectors)
			return true;
	return false;
}

static bool overlaps(const struct plan *p, uint64_t lba, uint32_t sectors)
{
	for (uint64_t s = lba; s < lba + sectors; s++)
		if (plan_find(p, s))
			return true;
	return false;
}

int plan_add(struct plan *p, uint64_t lba, const void *data, uint32_t sectors,
	     const char *fmt, ...)
{
	struct plan_write *w = &p->w[p->n];
	size_t len = (size_t)sectors * DISK_SECTOR;
	va_list ap;

	/* The callers plan at most PLAN_MAX_WRITES disjoint writes; one
	 * sector written twice would make the backup ambiguous. */
	if (p->n == PLAN_MAX_WRITES || !sectors || overlaps(p, lba, sectors)) {
		bz_error("%s: internal error: write at LBA %llu does not fit "
			 "the plan",
			 p->d->path, (unsigned long long)lba);
		return -1;
	}
	w->old = disk_read_alloc(p->d, lba, sectors);
	w->data = malloc(len);
	if (!w->old || !w->data) {
		free(w->old);
		free(w->data);
		if (w->old)
			bz_error("out of memory");
		return -1;
	}
	memcpy(w->data, data, len);
	w->lba = lba;
	w->sectors = sectors;
	va_start(ap, fmt);
	describe(w->what, fmt, ap);
	va_end(ap);
	p->n++;
	return 0;
}

static int refuse_changed(const struct plan *p, const struct plan_write *w)
{
	bz_error("%s: LBA %llu-%llu changed while bzboot was planning "
		 "its writes (is a partitioning or formatting tool "
		 "running?): rerun bzboot %s",
		 p->d->path, (unsigned long long)w->lba,
		 (unsigned long long)(w->lba + w->sectors - 1), p->cmd);
	return -1;
}

int plan_expect(struct plan *p, const void *was)
{
	const struct plan_write *w = &p->w[p->n - 1];

	if (memcmp(w->old, was, (size_t)w->sectors * DISK_SECTOR))
		return refuse_changed(p, w);
	return 0;
}

void plan_note(struct plan *p, uint64_t off, uint32_t len, const char *fmt, ...)
{
	struct plan_note *n = &p->note[p->n_notes];
	va_list ap;

	if (p->n_notes == PLAN_MAX_NOTES || !p->n)
		return;
	n->write = p->n - 1;
	n->off = off;
	n->len = len;
	va_start(ap, fmt);
	describe(n->what, fmt, ap);
	va_end(ap);
	p->n_notes++;
}

uint64_t plan_sectors(const struct plan *p)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < p->n; i++)
		total += p->w[i].sectors;
	return total;
}

static void print_lbas(const struct plan_write *w)
{
	if (w->sectors == 1)
		printf("(LBA %llu)", (unsigned long long)w->lba);
	else
		printf("(LBA %llu-%llu)", (unsigned long long)w->lba,
		       (unsigned long long)(w->lba + w->sectors - 1));
}

void plan_print(const struct plan *p)
{
	printf("bzboot %s --dry-run: %s was opened read-only; nothing was "
	       "written. It would write, in this order:\n",
	       p->cmd, p->d->path);
	for (unsigned i = 0; i < p->n; i++) {
		const struct plan_write *w = &p->w[i];

		printf("%u. %s offset %llu length %llu ", i + 1, p->d->path,
		       (unsigned long long)(w->lba * DISK_SECTOR),
		       (unsigned long long)w->sectors * DISK_SECTOR);
		print_lbas(w);
		printf(": %s\n", w->what);
		for (unsigned j = 0; j < p->n_notes; j++)
			if (p->note[j].write == i)
				printf("   offset %llu length %u: %s\n",
				       (unsigned long long)p->note[j].off,
				       p->note[j].len, p->note[j].what);
	}
}

/* Still what it was when planned: nothing rewrote it meanwhile. */
static int check_unchanged(struct plan *p, const struct plan_write *w)
{
	uint8_t *now = disk_read_alloc(p->d, w->lba, w->sectors);
	int diff;

	if (!now)
		return -1;
	diff = memcmp(now, w->old, (size_t)w->sectors * DISK_SECTOR);
	free(now);
	return diff ? refuse_changed(p, w) : 0;
}

int plan_run(struct plan *p)
{
	for (p->done = 0; p->done < p->n; p->done++) {
		const struct plan_write *w = &p->w[p->done];

		if (check_unchanged(p, w) ||
		    disk_write(p->d, w->lba, w->data, w->sectors) ||
		    disk_sync(p->d) ||
		    disk_verify(p->d, w->lba, w->data, w->sectors)) {
			bz_error("%s: %s stopped at write %u of %u (%s); "
				 "writes before it are complete",
				 p->d->path, p->cmd, p->done + 1, p->n,
				 w->what);
			return -1;
		}
	}
	return 0;
}

void plan_free(struct plan *p)
{
	for (unsigned i = 0; i < p->n; i++) {
		free(p->w[i].data);
		free(p->w[i].old);
	}
	p->n = 0;
	p->n_notes = 0;
}
