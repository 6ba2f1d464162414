/*
 * kernel/futex.h - fast user-space mutexes: the kernel half (Linux's kernel/futex/).
 */
#ifndef FAULTLINE_FUTEX_H
#define FAULTLINE_FUTEX_H

#include "kernel/types.h"

struct mm_struct;

/*
 * futex_wake_address - wake up to @nr tasks waiting on the futex word at user address
 * @address of @mm (any bitset). Returns how many were woken. exit's clear_child_tid uses it.
 */
int futex_wake_address(struct mm_struct *mm, unsigned long address, int nr);

#endif
