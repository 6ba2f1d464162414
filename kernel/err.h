/*
 * kernel/err.h - pointers that carry an error: ERR_PTR, PTR_ERR, IS_ERR (Linux's convention).
 *
 * A function that returns a pointer can return -errno in it instead: the top MAX_ERRNO values
 * of the address space are never valid kernel pointers (they lie in the last page, which is
 * never mapped), so IS_ERR() tells an error from an object with one compare.
 */
#ifndef FAULTLINE_ERR_H
#define FAULTLINE_ERR_H

#include "kernel/types.h"

#define MAX_ERRNO	4095

/* ERR_PTR - a pointer that stands for the error @error (a negative errno). */
static inline void *ERR_PTR(long error) { return (void *)error; }

/* PTR_ERR - the negative errno an IS_ERR() pointer stands for. */
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }

/* IS_ERR - true if @ptr is an error made by ERR_PTR(), not an object. */
static inline bool IS_ERR(const void *ptr) { return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO; }

/* IS_ERR_OR_NULL - true if @ptr is NULL or an error. */
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }

/* IS_ERR_VALUE - true if the unsigned long result @x (an address, say) is really -errno. */
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

#endif
