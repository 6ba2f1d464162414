/*
 * kernel/binfmt_elf.h - loading ELF64 executables (static, ET_EXEC or static-PIE ET_DYN).
 */
#ifndef FAULTLINE_BINFMT_ELF_H
#define FAULTLINE_BINFMT_ELF_H

#include "kernel/types.h"

struct file;
struct mm_struct;

/* What exec needs to start the program, filled by load_elf_binary. */
struct linux_binprm {
	struct file *file;
	char *const *argv, *const *envp;	/* kernel copies of the strings */
	int argc, envc;
	struct mm_struct *mm;			/* the new address space */
	unsigned long entry;			/* where the program starts */
	unsigned long sp;			/* initial user stack pointer */
	unsigned long phdr_addr;		/* AT_PHDR */
	unsigned long phnum;
	const char *filename;			/* AT_EXECFN */
};

/*
 * load_elf_binary - check the ELF headers of bprm->file and map it into bprm->mm: each
 * PT_LOAD becomes a private file-backed VMA, .bss a demand-zero VMA; then build the initial
 * stack (argc, argv, envp, auxv) exactly as Linux lays it out. Returns 0, -ENOEXEC for a file
 * that is not a loadable x86-64 ELF executable (or is truncated), -EINVAL for overlapping or
 * misplaced segments, -ENOMEM, -E2BIG.
 */
int load_elf_binary(struct linux_binprm *bprm);

#endif
