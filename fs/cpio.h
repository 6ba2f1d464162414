/*
 * fs/cpio.h - the cpio "newc" archive format, as the initramfs uses it: parsing one header at
 * a time, with every field and length checked against the archive's end.
 *
 * An entry is a 110-byte header of ASCII - the magic "070701" and 13 fields of 8 hex digits
 * (c_ino, c_mode, c_uid, c_gid, c_nlink, c_mtime, c_filesize, c_devmajor, c_devminor,
 * c_rdevmajor, c_rdevminor, c_namesize, c_check) - then the name (c_namesize bytes with its
 * NUL) padded to a multiple of 4 bytes from the start of the archive, then the data
 * (c_filesize bytes) padded the same way. The entry named "TRAILER!!!" ends the archive.
 *
 * The parser needs no kernel state, so it is unit-tested on the host (fs/tests/host/).
 */
#ifndef FAULTLINE_FS_CPIO_H
#define FAULTLINE_FS_CPIO_H

#include "kernel/types.h"

#define CPIO_HEADER_SIZE	110
#define CPIO_MAGIC		"070701"
#define CPIO_TRAILER		"TRAILER!!!"

struct cpio_entry {
	size_t offset;			/* where the header starts in the archive */
	u32 ino, mode, uid, gid, nlink, mtime, filesize;
	u32 devmajor, devminor, rdevmajor, rdevminor, namesize, check;
	const char *name;		/* NUL-terminated (namesize - 1 chars), in the archive */
	const u8 *data;			/* filesize bytes, inside the archive */
	size_t next;			/* where the next header starts (may be past the end) */
};

/* Why a header was refused, and where. */
struct cpio_error {
	size_t offset;			/* the offending byte (field, name or data start) */
	const char *what;		/* what is wrong, e.g. "is not a hexadecimal number" */
	const char *field;		/* the header field concerned ("c_filesize"), or NULL */
};

/* cpio_parse_header's results */
#define CPIO_ENTRY	0		/* *entry describes one file */
#define CPIO_END	1		/* the trailer: the archive ends here */
#define CPIO_CORRUPT	(-1)		/* *err says what is wrong; nothing more can be read */

/*
 * cpio_parse_header - decode the entry whose header starts at @offset of the @len-byte
 * archive @buf. Checks the magic, that every field is 8 hex digits, that the name and the data
 * lie inside the archive, and that the name is NUL-terminated with no NUL before its end.
 * Reaching the end of the archive without a trailer is corrupt too. Reads nothing outside
 * [buf, buf + len). Returns CPIO_ENTRY (fills @entry), CPIO_END, or CPIO_CORRUPT (fills @err).
 */
int cpio_parse_header(const u8 *buf, size_t len, size_t offset, struct cpio_entry *entry,
		      struct cpio_error *err);

#endif
