/*
 * fs/cpio.c - parse cpio "newc" headers (the initramfs format, see fs/cpio.h).
 *
 * Every length in a header comes from the archive and cannot be trusted: each one is compared
 * with the bytes that are left before it is used, in an order that cannot overflow (sizes are
 * at most 32-bit, offsets are at most len). Nothing here depends on the kernel, so that the
 * host unit test exercises exactly this code.
 */
#include "fs/cpio.h"

/* The 13 header fields, in archive order, by their names in the cpio(5) manual. */
static const char *const cpio_fields[13] = {
	"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
	"c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
};

/* corrupt - fill @err and return CPIO_CORRUPT. */
static int corrupt(struct cpio_error *err, size_t offset, const char *what, const char *field)
{
	err->offset = offset;
	err->what = what;
	err->field = field;
	return CPIO_CORRUPT;
}

/* parse_hex8 - decode 8 hex digits at @s into *@val. Returns false if one is not hex. */
static bool parse_hex8(const u8 *s, u32 *val)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = s[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c = (u8)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			c = (u8)(c - 'A' + 10);
		else
			return false;
		v = (v << 4) | c;
	}
	*val = v;
	return true;
}

/* is_trailer - is @e's name "TRAILER!!!"? */
static bool is_trailer(const struct cpio_entry *e)
{
	if (e->namesize != sizeof(CPIO_TRAILER))
		return false;
	for (size_t i = 0; i < sizeof(CPIO_TRAILER); i++)
		if (e->name[i] != CPIO_TRAILER[i])
			return false;
	return true;
}

/* align4 - round @x up to a multiple of 4 (offsets here are far below SIZE_MAX - 3). */
static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_parse_header(const u8 *buf, size_t len, size_t offset, struct cpio_entry *e,
		      struct cpio_error *err)
{
	u32 *fields[13] = {
		&e->ino, &e->mode, &e->uid, &e->gid, &e->nlink, &e->mtime, &e->filesize,
		&e->devmajor, &e->devminor, &e->rdevmajor, &e->rdevminor, &e->namesize, &e->check,
	};
	const u8 *h = buf + offset;
	size_t name_off, data_off;
	int i;

	if (offset >= len)	/* (the last entry's padding may reach past the end) */
		return corrupt(err, len, "the archive ends without a " CPIO_TRAILER " entry", NULL);
	if (len - offset < CPIO_HEADER_SIZE)
		return corrupt(err, offset, "truncated header (the archive ends inside it)", NULL);
	for (i = 0; i < 6; i++)
		if (h[i] != (u8)CPIO_MAGIC[i])
			return corrupt(err, offset,
				       "bad magic (not a cpio newc header: expected 070701)", NULL);
	for (i = 0; i < 13; i++)
		if (!parse_hex8(h + 6 + 8 * i, fields[i]))
			return corrupt(err, offset + 6 + 8 * (size_t)i,
				       "is not 8 hexadecimal digits", cpio_fields[i]);

	e->offset = offset;
	name_off = offset + CPIO_HEADER_SIZE;
	if (e->namesize == 0)
		return corrupt(err, offset + 6 + 8 * 11, "is 0 (the name needs at least its NUL)",
			       "c_namesize");
	if (e->namesize > len - name_off)
		return corrupt(err, name_off, "the name runs past the end of the archive", NULL);
	if (buf[name_off + e->namesize - 1] != '\0')
		return corrupt(err, name_off, "the name is not NUL-terminated", NULL);
	for (size_t j = 0; j + 1 < e->namesize; j++)
		if (buf[name_off + j] == '\0')
			return corrupt(err, name_off, "the name has a NUL inside it", NULL);
	e->name = (const char *)buf + name_off;

	data_off = align4(name_off + e->namesize);
	if (data_off > len || e->filesize > len - data_off) {
		/* The trailer's padding may be cut off by the end of the archive: that is fine. */
		if (e->filesize == 0 && is_trailer(e))
			return CPIO_END;
		return corrupt(err, data_off > len ? name_off : data_off,
			       "the file data runs past the end of the archive", NULL);
	}
	e->data = buf + data_off;
	e->next = align4(data_off + e->filesize);
	return is_trailer(e) ? CPIO_END : CPIO_ENTRY;
}
