/*
 * applet - /bin/ls, /bin/cat, ... in the initramfs of `make run`: runs Debian's busybox,
 * /bin/busybox, with the same arguments. busybox picks the applet by the name it was run as
 * (argv[0]), so this file copied to /bin/ls acts as `busybox ls`.
 *
 * It stands in for the hard links (or symbolic links) a Debian system has in /bin: the
 * initramfs unpacker makes only directories, regular files and device nodes for now. A
 * static musl program: it runs unchanged on Linux.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#define BUSYBOX	"/bin/busybox"

int main(int argc, char **argv)
{
	extern char **environ;

	(void)argc;
	execve(BUSYBOX, argv, environ);
	fprintf(stderr, "%s: cannot run " BUSYBOX ": %s\n", argv[0] ? argv[0] : "applet",
		strerror(errno));
	return 127;
}
