/*
 * bad_elf - execve() of malformed ELF files fails cleanly with -1 and errno ENOEXEC or
 * EINVAL, leaving the caller running; a well-formed control file runs.
 *
 * Seed concept: the ELF loader turns each PT_LOAD segment into a VMA of the new address
 * space. It must validate the file before the point of no return (before the old address
 * space is thrown away): a bad header, overlapping segments, or a segment whose file bytes
 * are not in the file must be refused, not mapped.
 *
 * Usage: bad_elf [DIR]. The files are made at build time by gen_bad_elfs (see there for what
 * is wrong with each), so no writable file system is needed. DIR defaults to /bad-elf if that
 * exists, else to ../bad-elf next to this program (build/user/bad-elf).
 *
 * Linux is laxer than Faultline's loader: it checks only the header before the point of no
 * return, so several files kill the process with SIGSEGV after execve() has committed,
 * and two (wrong_class, load_beyond_file) even run. When uname() says "Linux", the outcome
 * Linux was measured to give is accepted too and reported as a note; on any other kernel the
 * strict outcome is required.
 */
#include "test.h"
#include <libgen.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define RAN_OK		99		/* every generated program exits 99 if it runs */
#define EXEC_FAILED	100		/* the child exits EXEC_FAILED + errno if execve fails */
#define ERRNO_CAP	27		/* errnos above this are reported as this (exit < 128) */

/* What a case may produce: execve failing with one of these errnos, or (Linux only) the
 * child ending with linux_status (an exit status, or 128 + signal). */
static const struct {
	const char *file;
	int linux_status;		/* 0: Linux fails it with ENOEXEC/EINVAL too */
} cases[] = {
	{ "empty",		0 },
	{ "truncated_header",	0 },
	{ "wrong_machine",	0 },
	{ "wrong_class",	RAN_OK },		/* Linux does not check EI_CLASS */
	{ "bad_phentsize",	0 },
	{ "phdrs_beyond_file",	0 },
	{ "overlapping_load",	128 + SIGSEGV },	/* 2nd segment (RW, no X) replaces the 1st */
	{ "load_beyond_file",	RAN_OK },		/* Linux maps past EOF without a check */
	{ "filesz_gt_memsz",	128 + SIGSEGV },	/* refused after the point of no return */
	{ "kernel_vaddr",	128 + SIGSEGV },	/* refused after the point of no return */
	{ "misaligned_offset",	128 + SIGSEGV },	/* refused after the point of no return */
	{ "no_load",		128 + SIGSEGV },	/* nothing mapped; entry faults */
};

/* run - fork and execve @path in the child. Returns EXEC_FAILED + errno (capped at
 * ERRNO_CAP) if execve failed, else the child's exit status, or 128 + signal if it was killed. */
static int run(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { NULL };
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		execve(path, argv, envp);
		_exit(EXEC_FAILED + (errno < ERRNO_CAP ? errno : ERRNO_CAP));
	}
	return wait_exit_status(pid);
}

/* describe - put a readable form of run()'s result into @buf. */
static const char *describe(int status, char *buf, size_t len)
{
	if (status >= 128)
		snprintf(buf, len, "killed by signal %d (%s)", status - 128, strsignal(status - 128));
	else if (status >= EXEC_FAILED)
		snprintf(buf, len, "execve failed, errno %d%s (%s)", status - EXEC_FAILED,
			 status - EXEC_FAILED == ERRNO_CAP ? " or more" : "",
			 strerror(status - EXEC_FAILED));
	else
		snprintf(buf, len, "ran, exit status %d", status);
	return buf;
}

/* default_dir - /bad-elf if it exists, else ../bad-elf beside @argv0. */
static const char *default_dir(const char *argv0, char *buf, size_t len)
{
	struct stat st;
	char copy[2048];

	if (stat("/bad-elf", &st) == 0 && S_ISDIR(st.st_mode))
		return "/bad-elf";
	snprintf(copy, sizeof(copy), "%s", argv0);
	snprintf(buf, len, "%s/../bad-elf", dirname(copy));
	return buf;
}

int main(int argc, char *argv[])
{
	char dirbuf[2048], path[4096], desc[128];
	const char *dir = argc > 1 ? argv[1] : default_dir(argv[0], dirbuf, sizeof(dirbuf));
	struct utsname u;
	struct stat st;
	int on_linux, status;
	size_t i;

	ASSERT(stat(dir, &st) == 0 && S_ISDIR(st.st_mode),
	       "%s: not a directory (%s); give the bad-ELF directory as argv[1]", dir,
	       strerror(errno));
	ASSERT(uname(&u) == 0, "uname: %s", strerror(errno));
	on_linux = !on_faultline();
	fprintf(stderr, "files from %s; kernel %s\n", dir, u.sysname);

	/* The control: a well-formed program, which must run and exit 99. */
	snprintf(path, sizeof(path), "%s/good", dir);
	status = run(path);
	EXPECT(status == RAN_OK, "%s: %s, expected it to run and exit %d", path,
	       describe(status, desc, sizeof(desc)), RAN_OK);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].file);
		status = run(path);
		if (status == EXEC_FAILED + ENOEXEC || status == EXEC_FAILED + EINVAL)
			continue;
		if (on_linux && status == cases[i].linux_status) {
			fprintf(stderr, "note: Linux allows %s: %s\n", cases[i].file,
				describe(status, desc, sizeof(desc)));
			continue;
		}
		FAIL("%s: %s, expected execve to fail with ENOEXEC or EINVAL", path,
		     describe(status, desc, sizeof(desc)));
	}

	return test_done();
}
