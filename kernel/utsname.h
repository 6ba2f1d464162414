/*
 * kernel/utsname.h - the kernel's names as uname(2) gives them (kernel/sys.c), also shown in
 * /proc/sys/kernel (fs/proc/proc_sysctl.c). sysname is "Linux" and release the Linux ABI
 * level implemented, so programs that check them accept Faultline; version names Faultline.
 */
#ifndef FAULTLINE_UTSNAME_H
#define FAULTLINE_UTSNAME_H

extern const char uts_sysname[], uts_nodename[], uts_release[], uts_version[];

#endif
