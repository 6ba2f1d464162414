/*
 * kernel/binfmt_elf.c - from an ELF64 file to a new address space (Linux's binfmt_elf.c).
 *
 * Every check happens before anything is mapped, so a bad file fails execve cleanly while the
 * caller's old image is still intact. Each PT_LOAD maps the file privately (its pages are read
 * in by the fault path on first touch, and copied on first write); the part of the segment past
 * p_filesz is .bss: the rest of the last file page is zeroed and whole pages after it are
 * anonymous demand-zero memory. The stack is built as in Linux's create_elf_tables():
 *
 *   high  [ argv/envp strings ][ "x86_64" ][ 16 random bytes ][ pad to 16 ]
 *         [ auxv: (type, value) pairs, AT_NULL last ]
 *         [ envp[0..envc-1], NULL ][ argv[0..argc-1], NULL ][ argc ]  <- rsp (16-aligned)
 */
#include "kernel/binfmt_elf.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/io.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/slab.h"
#include "fs/fs.h"

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_GNU_STACK	0x6474e551
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define MAX_PHNUM	64

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31

#define ELF_ET_DYN_BASE	0x555555554000UL	/* where a static-PIE is placed (Linux's choice) */
#define STACK_INITIAL	(128 * 1024UL)		/* the first stack VMA; it grows on demand */

struct elf64_hdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* Check the ELF header; -ENOEXEC with a reason logged if it is not ours. */
static int check_elf_header(const struct elf64_hdr *eh, loff_t size)
{
	const char *why = NULL;

	if (size < (loff_t)sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		why = "not an ELF file";
	else if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB)
		why = "not ELF64 little-endian";
	else if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		why = "not an executable";
	else if (eh->e_machine != EM_X86_64)
		why = "not for x86-64";
	else if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM)
		why = "bad program header table";
	else if (eh->e_phoff > (u64)size || (u64)size - eh->e_phoff < (u64)eh->e_phnum * sizeof(struct elf64_phdr))
		why = "program headers beyond the end of the file";
	if (why) {
		pr_info("exec: %s\n", why);
		return -ENOEXEC;
	}
	return 0;
}

/* Check the PT_LOAD segments: sizes, alignment, inside the file and user space, in order and
 * not overlapping. Returns 0, -ENOEXEC or -EINVAL. */
static int check_segments(const struct elf64_phdr *ph, int n, loff_t size, unsigned long bias)
{
	unsigned long prev_end = 0;
	int loads = 0;

	for (int i = 0; i < n; i++) {
		const struct elf64_phdr *p = &ph[i];

		if (p->p_type == PT_INTERP) {
			pr_info("exec: dynamically linked (PT_INTERP); build with musl-gcc -static\n");
			return -ENOEXEC;
		}
		if (p->p_type != PT_LOAD)
			continue;
		loads++;
		if (p->p_filesz > p->p_memsz || p->p_offset > (u64)size || p->p_filesz > (u64)size - p->p_offset) {
			pr_info("exec: segment %d exceeds the file or its memory size\n", i);
			return -ENOEXEC;
		}
		if ((p->p_offset & ~PAGE_MASK) != (p->p_vaddr & ~PAGE_MASK)) {
			pr_info("exec: segment %d offset and address disagree modulo the page size\n", i);
			return -EINVAL;
		}
		unsigned long start = bias + p->p_vaddr, end = start + p->p_memsz;
		if (end < start || end > TASK_SIZE || start < 0x10000) {
			pr_info("exec: segment %d lies outside user space\n", i);
			return -EINVAL;
		}
		if ((start & PAGE_MASK) < prev_end) {
			pr_info("exec: segment %d overlaps the one before it\n", i);
			return -EINVAL;
		}
		prev_end = ALIGN_UP(end, PAGE_SIZE);
	}
	if (!loads) {
		pr_info("exec: no loadable segment\n");
		return -ENOEXEC;
	}
	return 0;
}

/* Map one PT_LOAD segment into bprm->mm. */
static int map_segment(struct linux_binprm *bprm, const struct elf64_phdr *p, unsigned long bias)
{
	unsigned long prot = ((p->p_flags & PF_R) ? PROT_READ : 0) | ((p->p_flags & PF_W) ? PROT_WRITE : 0) |
			     ((p->p_flags & PF_X) ? PROT_EXEC : 0);
	unsigned long start = bias + p->p_vaddr, page_start = start & PAGE_MASK;
	unsigned long file_end = start + p->p_filesz, mem_end = start + p->p_memsz;
	unsigned long addr;

	if (p->p_filesz) {
		addr = do_mmap(bprm->mm, bprm->file, page_start, file_end - page_start, prot,
			       MAP_PRIVATE | MAP_FIXED, (p->p_offset & PAGE_MASK) >> PAGE_SHIFT);
		if (IS_ERR_VALUE(addr))
			return (int)(long)addr;
	}
	/* .bss: zero the tail of the last file page (it holds whatever follows in the file)... */
	if (p->p_memsz > p->p_filesz && (file_end & ~PAGE_MASK)) {
		static const char zeros[PAGE_SIZE];
		size_t n = min(PAGE_SIZE - (file_end & ~PAGE_MASK), mem_end - file_end);

		if (access_remote_vm(bprm->mm, file_end, (void *)zeros, n, true) != (long)n)
			return -ENOMEM;
	}
	/* ...and map whole pages beyond the file as demand-zero memory. */
	unsigned long bss = ALIGN_UP(p->p_filesz ? file_end : start, PAGE_SIZE);
	if (p->p_filesz == 0)
		bss = page_start;
	if (ALIGN_UP(mem_end, PAGE_SIZE) > bss) {
		addr = do_mmap(bprm->mm, NULL, bss, ALIGN_UP(mem_end, PAGE_SIZE) - bss, prot,
			       MAP_PRIVATE | MAP_FIXED, 0);
		if (IS_ERR_VALUE(addr))
			return (int)(long)addr;
	}
	return 0;
}

/* Push @len bytes onto the new stack; returns their user address (or 0 if it failed). */
static unsigned long push_bytes(struct linux_binprm *bprm, const void *data, size_t len)
{
	bprm->sp -= len;
	if (access_remote_vm(bprm->mm, bprm->sp, (void *)data, len, true) != (long)len)
		return 0;
	return bprm->sp;
}

static u64 random_u64(void)
{
	static u64 state = 0x9e3779b97f4a7c15ULL;

	state ^= rdtsc();
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/*
 * push_strings - push @n strings @strs so that they lie in order, the first lowest, and
 * return the user address of the first (the current sp if @n is 0), or 0 if the stack is
 * full.
 */
static unsigned long push_strings(struct linux_binprm *bprm, char *const strs[], int n)
{
	for (int i = n - 1; i >= 0; i--)
		if (!push_bytes(bprm, strs[i], strlen(strs[i]) + 1))
			return 0;
	return bprm->sp;
}

/*
 * put_string_pointers - write the NULL-terminated pointer array (argv[] or envp[]) of the @n
 * strings @strs, which push_strings placed one after another from user address @start, at
 * user address @at. The pointers are worked out again from the string lengths and written in
 * small batches: nothing on the kernel stack grows with the number of strings. Returns 0 or
 * -E2BIG (the stack could not be written).
 */
static int put_string_pointers(struct mm_struct *mm, unsigned long at, char *const strs[], int n,
			       unsigned long start)
{
	unsigned long batch[32];
	int i = 0;

	while (i <= n) {
		long k = 0;

		for (; k < (long)ARRAY_SIZE(batch) && i <= n; k++, i++) {
			batch[k] = i < n ? start : 0;
			if (i < n)
				start += strlen(strs[i]) + 1;
		}
		if (access_remote_vm(mm, at, batch, k * 8, true) != k * 8)
			return -E2BIG;
		at += k * 8;
	}
	return 0;
}

/* create_elf_tables - the initial stack: strings, random bytes, auxv, envp, argv, argc. */
static int create_elf_tables(struct linux_binprm *bprm)
{
	int argc = bprm->argc, envc = bprm->envc;
	struct mm_struct *mm = bprm->mm;
	u64 rnd[2] = { random_u64(), random_u64() };
	unsigned long platform, random, execfn;

	mm->arg_end = mm->env_end = bprm->sp;
	mm->env_start = push_strings(bprm, bprm->envp, envc);
	if (!mm->env_start)
		return -E2BIG;
	mm->arg_end = mm->env_start;
	mm->arg_start = push_strings(bprm, bprm->argv, argc);
	if (!mm->arg_start)
		return -E2BIG;
	execfn = argc ? mm->arg_start : 0;
	platform = push_bytes(bprm, "x86_64", 7);
	bprm->sp &= ~15UL;
	random = push_bytes(bprm, rnd, sizeof(rnd));

	unsigned long auxv[] = {
		AT_PHDR, bprm->phdr_addr, AT_PHENT, sizeof(struct elf64_phdr), AT_PHNUM, bprm->phnum,
		AT_PAGESZ, PAGE_SIZE, AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, bprm->entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_HWCAP, 0, AT_CLKTCK, 100,
		AT_SECURE, 0, AT_RANDOM, random, AT_PLATFORM, platform, AT_EXECFN, execfn, AT_NULL, 0,
	};
	/* Everything from argc up is 8-byte words; make the final rsp 16-byte aligned. */
	size_t words = 1 + (argc + 1) + (envc + 1) + ARRAY_SIZE(auxv);
	bprm->sp = (bprm->sp - words * 8) & ~15UL;
	unsigned long sp = bprm->sp;
	unsigned long argc_word = (unsigned long)argc;

	if (access_remote_vm(mm, sp, &argc_word, 8, true) != 8 ||
	    put_string_pointers(mm, sp + 8, bprm->argv, argc, mm->arg_start) ||
	    put_string_pointers(mm, sp + 8 + (argc + 1) * 8, bprm->envp, envc, mm->env_start) ||
	    access_remote_vm(mm, sp + 8 * (argc + envc + 3), auxv, sizeof(auxv), true) != (long)sizeof(auxv))
		return -E2BIG;
	mm->start_stack = sp;
	return 0;
}

/* load_elf_image - map the segments described by @eh and @ph (already read), set the brk
 * and build the stack. Returns 0 or -errno. */
static int load_elf_image(struct linux_binprm *bprm, const struct elf64_hdr *eh,
			  const struct elf64_phdr *ph, loff_t size)
{
	unsigned long bias = 0, brk = 0;
	int err;

	if (eh->e_type == ET_DYN)
		bias = ELF_ET_DYN_BASE;
	if ((err = check_segments(ph, eh->e_phnum, size, bias)))
		return err;

	bprm->phdr_addr = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		if ((err = map_segment(bprm, p, bias)))
			return err;
		/* AT_PHDR: where the program headers are in memory (inside a segment's file part). */
		if (eh->e_phoff >= p->p_offset && eh->e_phoff < p->p_offset + p->p_filesz)
			bprm->phdr_addr = bias + p->p_vaddr + (eh->e_phoff - p->p_offset);
		unsigned long end = bias + p->p_vaddr + p->p_memsz;
		if (end > brk)
			brk = end;
		if (p->p_flags & PF_X) {
			bprm->mm->start_code = bias + p->p_vaddr;
			bprm->mm->end_code = bias + p->p_vaddr + p->p_filesz;
		} else {
			bprm->mm->start_data = bias + p->p_vaddr;
			bprm->mm->end_data = bias + p->p_vaddr + p->p_filesz;
		}
	}
	bprm->phnum = eh->e_phnum;
	bprm->entry = bias + eh->e_entry;
	bprm->mm->start_brk = bprm->mm->brk = ALIGN_UP(brk, PAGE_SIZE);

	/* The stack: a VM_GROWSDOWN VMA below STACK_TOP. */
	unsigned long stack = do_mmap(bprm->mm, NULL, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
				      PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(stack))
		return (int)(long)stack;
	bprm->sp = STACK_TOP;
	return create_elf_tables(bprm);
}

/*
 * load_elf_binary - check bprm->file as an ELF64 executable and build its image in bprm->mm.
 * The program headers (up to MAX_PHNUM of them, 3.5 KiB) are read into a kmalloc'ed table,
 * never onto the kernel stack. Returns 0, or -ENOEXEC, -EINVAL, -ENOMEM or -E2BIG.
 */
int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf64_hdr eh;
	struct elf64_phdr *ph;
	loff_t pos = 0, size = bprm->file->f_inode->i_size;
	int err;

	if (kernel_read(bprm->file, &eh, sizeof(eh), &pos) != (ssize_t)sizeof(eh)) {
		pr_info("exec: file too short for an ELF header\n");
		return -ENOEXEC;
	}
	if ((err = check_elf_header(&eh, size)))
		return err;
	ph = kmalloc(eh.e_phnum * sizeof(*ph), GFP_KERNEL);
	if (!ph)
		return -ENOMEM;
	pos = (loff_t)eh.e_phoff;
	if (kernel_read(bprm->file, ph, eh.e_phnum * sizeof(*ph), &pos) != (ssize_t)(eh.e_phnum * sizeof(*ph)))
		err = -ENOEXEC;
	else
		err = load_elf_image(bprm, &eh, ph, size);
	kfree(ph);
	return err;
}
