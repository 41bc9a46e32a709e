/* SPDX-License-Identifier: BSD-2-Clause */
/* The stack canary: STACK_CANARY at MEM_STACK_CANARY, the stack's lowest
 * word. main_entry.asm sets it; bios_int checks it on the way back from
 * every BIOS call, stack_check() before the hand-off. A smashed canary is
 * reported and stage2 stops: what lies below the stack (the BIOS data area,
 * the interrupt table) may be gone too, and nothing can be trusted. */
#ifndef BZ_STAGE2_STACK_H
#define BZ_STAGE2_STACK_H

#include "bios.h" /* ASMLINKAGE */

/* Returns if the canary is intact; else reports and stops. */
void stack_check(void);

/* main_entry.asm: a fresh stack, the canary back (the report's own BIOS
 * calls check it), stack_report(), then halt. */
void ASMLINKAGE stack_overflow(void) __attribute__((noreturn));
/* The report; only stack_overflow calls it. */
void ASMLINKAGE stack_report(void);

#endif
