/*
 * user/tests/gen_bad_elfs.c - host tool: writes the malformed ELF files that bad_elf execs.
 *
 * Usage: gen_bad_elfs DIR      (DIR must exist; files are created mode 0755)
 *
 * Seed concept: a process's address space is built from the program's PT_LOAD segments, one
 * VMA each. The ELF loader must check a file before trusting it to describe VMAs; these
 * files each break one rule. They are made at build time so that the test needs no writable
 * file system (Faultline's root may be a read-only initramfs).
 *
 * Every file is derived from one tiny valid program, "good", whose only code is
 * exit(99): if a malformed file is ever run, it exits 99, and the test can tell
 * "the loader accepted it" apart from "execve failed".
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASE	0x400000UL	/* where the program is linked */

/* The whole good image: ELF header, up to two program headers, code. */
struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
	unsigned char code[16];
};

/* exit(99): mov $60,%eax; mov $99,%edi; syscall */
static const unsigned char exit99[] = {
	0xb8, 0x3c, 0x00, 0x00, 0x00, 0xbf, 0x63, 0x00, 0x00, 0x00, 0x0f, 0x05,
};

/* good_image - fill @im with a valid static x86-64 executable of one PT_LOAD (R+X) that
 * maps the whole file at BASE and starts at the exit(99) code. */
static void good_image(struct image *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_X86_64;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = BASE + offsetof(struct image, code);
	im->eh.e_phoff = offsetof(struct image, ph);
	im->eh.e_ehsize = sizeof(Elf64_Ehdr);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = 1;

	im->ph[0].p_type = PT_LOAD;
	im->ph[0].p_flags = PF_R | PF_X;
	im->ph[0].p_offset = 0;
	im->ph[0].p_vaddr = BASE;
	im->ph[0].p_paddr = BASE;
	im->ph[0].p_filesz = sizeof(*im);
	im->ph[0].p_memsz = sizeof(*im);
	im->ph[0].p_align = 0x1000;

	memcpy(im->code, exit99, sizeof(exit99));
}

/* write_file - create @dir/@name (mode 0755) holding @len bytes of @buf.
 * Returns 0 on success, -1 (with a message) on failure. */
static int write_file(const char *dir, const char *name, const void *buf, size_t len)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0) {
		fprintf(stderr, "gen_bad_elfs: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (len && write(fd, buf, len) != (ssize_t)len) {
		fprintf(stderr, "gen_bad_elfs: write %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	/* open()'s mode is filtered by the umask; the files must be executable. */
	if (fchmod(fd, 0755) < 0 || close(fd) < 0) {
		fprintf(stderr, "gen_bad_elfs: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct image im;
	const char *dir;
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];

	/* good: the positive control; must run and exit 99. */
	good_image(&im);
	err |= write_file(dir, "good", &im, sizeof(im));

	/* empty: a zero-length file. */
	err |= write_file(dir, "empty", "", 0);

	/* truncated_header: the first 32 of the 64 header bytes (magic intact). */
	good_image(&im);
	err |= write_file(dir, "truncated_header", &im, 32);

	/* wrong_machine: an AArch64 executable. */
	good_image(&im);
	im.eh.e_machine = EM_AARCH64;
	err |= write_file(dir, "wrong_machine", &im, sizeof(im));

	/* wrong_class: claims to be a 32-bit ELF. */
	good_image(&im);
	im.eh.e_ident[EI_CLASS] = ELFCLASS32;
	err |= write_file(dir, "wrong_class", &im, sizeof(im));

	/* bad_phentsize: program headers of the wrong size. */
	good_image(&im);
	im.eh.e_phentsize = sizeof(Elf64_Phdr) / 2;
	err |= write_file(dir, "bad_phentsize", &im, sizeof(im));

	/* phdrs_beyond_file: the program header table lies past the end of the file. */
	good_image(&im);
	im.eh.e_phoff = 0x10000;
	err |= write_file(dir, "phdrs_beyond_file", &im, sizeof(im));

	/* overlapping_load: a second PT_LOAD covering the same addresses as the first. */
	good_image(&im);
	im.eh.e_phnum = 2;
	im.ph[1] = im.ph[0];
	im.ph[1].p_flags = PF_R | PF_W;
	err |= write_file(dir, "overlapping_load", &im, sizeof(im));

	/* load_beyond_file: a PT_LOAD whose file range [p_offset, p_offset + p_filesz) ends
	 * past the end of the file (the file is one small page; the segment claims three). */
	good_image(&im);
	im.ph[0].p_filesz = 0x3000;
	im.ph[0].p_memsz = 0x3000;
	err |= write_file(dir, "load_beyond_file", &im, sizeof(im));

	/* filesz_gt_memsz: a PT_LOAD with more file bytes than memory bytes. */
	good_image(&im);
	im.ph[0].p_memsz = im.ph[0].p_filesz / 2;
	err |= write_file(dir, "filesz_gt_memsz", &im, sizeof(im));

	/* kernel_vaddr: a PT_LOAD placed in the kernel half of the address space. */
	good_image(&im);
	im.ph[0].p_vaddr = 0xffffffff80000000UL;
	im.ph[0].p_paddr = im.ph[0].p_vaddr;
	im.eh.e_entry = im.ph[0].p_vaddr + offsetof(struct image, code);
	err |= write_file(dir, "kernel_vaddr", &im, sizeof(im));

	/* misaligned_offset: p_offset and p_vaddr disagree modulo the page size, so the
	 * segment cannot be mapped page by page. */
	good_image(&im);
	im.ph[0].p_vaddr = BASE + 0x10;
	im.ph[0].p_paddr = im.ph[0].p_vaddr;
	im.eh.e_entry += 0x10;
	err |= write_file(dir, "misaligned_offset", &im, sizeof(im));

	/* no_load: no PT_LOAD at all (the only program header is PT_NOTE). */
	good_image(&im);
	im.ph[0].p_type = PT_NOTE;
	err |= write_file(dir, "no_load", &im, sizeof(im));

	return err ? 1 : 0;
}
