; boot/head_64.asm - from GRUB's Multiboot2 hand-off to start_kernel() in the higher half.
;
; GRUB enters _start in 32-bit protected mode, paging off, with EAX = the Multiboot2 magic
; 0x36d76289 and EBX = the physical address of the boot information. This file:
;   1. checks the magic and that the CPU has long mode (and NX), printing a readable
;      message on COM1 and halting if not (there is no other way to tell the user);
;   2. builds the early page tables: physical 0..1 GiB identity-mapped (so this code keeps
;      running once paging is on), the same 1 GiB at PAGE_OFFSET (the start of the direct
;      map, so C code can reach the boot information through __va()), and the kernel image at
;      __START_KERNEL_map -> KERNEL_PHYS_BASE, all with 2 MiB pages;
;   3. enables PAE, long mode and NX (EFER.LME/NXE), paging and write protection (CR0.PG/WP);
;   4. far-jumps into 64-bit mode, switches to the higher-half stack and calls
;      start_kernel(magic, boot_info_phys). paging_init() later replaces these tables and so
;      drops the identity mapping.
;
; This code and its tables live in the .boot.* sections, linked at their physical address;
; everything else is linked in the higher half (see linker.ld).

%define PAGE_OFFSET		0xffff888000000000
%define START_KERNEL_MAP	0xffffffff80000000
%define KERNEL_PHYS_BASE	0x200000
%define MB2_BOOTLOADER_MAGIC	0x36d76289
%define COM1			0x3f8

%define PTE_PRESENT	(1 << 0)
%define PTE_RW		(1 << 1)
%define PTE_PSE		(1 << 7)

%define CR0_PG		(1 << 31)
%define CR0_WP		(1 << 16)
%define CR4_PAE		(1 << 5)
%define CR4_PGE		(1 << 7)
%define MSR_EFER	0xc0000080
%define EFER_LME	(1 << 8)
%define EFER_NXE	(1 << 11)

; ---------------------------------------------------------------------------------------
; The Multiboot2 header (Multiboot2 spec, section 3.1): magic, architecture 0 (i386
; protected mode), length, checksum, then tags ending with the end tag.
section .multiboot2
align 8
mb2_header:
	dd 0xe85250d6
	dd 0
	dd mb2_header_end - mb2_header
	dd -(0xe85250d6 + 0 + (mb2_header_end - mb2_header))
	; information request tag (type 1): we need the memory map (6), command line (1) and modules (3)
align 8
	dw 1, 0
	dd 8 + 3 * 4
	dd 6, 1, 3
align 8
	dw 0, 0			; end tag
	dd 8
mb2_header_end:

; ---------------------------------------------------------------------------------------
section .boot.text
bits 32
global _start
_start:
	cli
	cld
	mov esp, boot_stack_top
	mov [boot_magic], eax
	mov [boot_info], ebx

	call early_serial_init

	cmp eax, MB2_BOOTLOADER_MAGIC
	jne .no_multiboot2

	; Long mode and NX are reported by CPUID leaf 0x80000001 (EDX bits 29 and 20).
	; CPUID itself exists on every CPU that could run this (checked through EFLAGS.ID).
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_long_mode
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	test edx, 1 << 20
	jz .no_nx

	call setup_early_page_tables

	mov eax, cr4
	or eax, CR4_PAE | CR4_PGE
	mov cr4, eax
	mov eax, early_pml4
	mov cr3, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME | EFER_NXE
	wrmsr
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	lgdt [early_gdt_ptr]
	jmp 0x08:long_mode_entry

.no_multiboot2:
	mov esi, msg_no_mb2
	jmp .fail
.no_long_mode:
	mov esi, msg_no_lm
	jmp .fail
.no_nx:
	mov esi, msg_no_nx
.fail:
	call early_serial_puts
.halt:
	hlt
	jmp .halt

; setup_early_page_tables: fill early_pd_low (1 GiB of 2 MiB pages from physical 0) and
; early_pd_kernel (1 GiB of 2 MiB pages from KERNEL_PHYS_BASE), and hook them up.
setup_early_page_tables:
	mov edi, early_pd_low
	mov eax, PTE_PRESENT | PTE_RW | PTE_PSE
	mov ecx, 512
.fill_low:
	mov [edi], eax
	mov dword [edi + 4], 0
	add eax, 0x200000
	add edi, 8
	loop .fill_low

	mov edi, early_pd_kernel
	mov eax, KERNEL_PHYS_BASE | PTE_PRESENT | PTE_RW | PTE_PSE
	mov ecx, 512
.fill_kernel:
	mov [edi], eax
	mov dword [edi + 4], 0
	add eax, 0x200000
	add edi, 8
	loop .fill_kernel

	; PUD (PDPT) entries
	mov dword [early_pud_low], early_pd_low + (PTE_PRESENT | PTE_RW)
	mov dword [early_pud_kernel + 510 * 8], early_pd_kernel + (PTE_PRESENT | PTE_RW)
	; PGD (PML4) entries: 0 (identity), 273 (PAGE_OFFSET), 511 (kernel image)
	mov dword [early_pml4 + 0 * 8], early_pud_low + (PTE_PRESENT | PTE_RW)
	mov dword [early_pml4 + 273 * 8], early_pud_low + (PTE_PRESENT | PTE_RW)
	mov dword [early_pml4 + 511 * 8], early_pud_kernel + (PTE_PRESENT | PTE_RW)
	ret

; early_serial_init: COM1 at 115200 8N1, FIFOs on, no interrupts.
early_serial_init:
	push eax
	push edx
	mov dx, COM1 + 1
	mov al, 0x00
	out dx, al		; IER: no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al		; LCR: DLAB on
	mov dx, COM1 + 0
	mov al, 0x01
	out dx, al		; divisor 1 = 115200 baud
	mov dx, COM1 + 1
	mov al, 0x00
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03
	out dx, al		; 8N1, DLAB off
	mov dx, COM1 + 2
	mov al, 0xc7
	out dx, al		; FIFO on, cleared
	pop edx
	pop eax
	ret

; early_serial_puts: print the NUL-terminated string at ESI on COM1 (polling LSR.THRE).
early_serial_puts:
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	lodsb
	test al, al
	jz .done
	mov dx, COM1
	out dx, al
	jmp early_serial_puts
.done:
	ret

bits 64
long_mode_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, higher_half
	jmp rax

section .text
extern start_kernel
higher_half:
	mov rsp, init_stack_top
	xor rbp, rbp			; the backtrace stops at a zero frame pointer
	mov edi, [boot_magic]
	mov esi, [boot_info]
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

; ---------------------------------------------------------------------------------------
section .boot.rodata
msg_no_mb2:
	db "Faultline: not started by a Multiboot2 boot loader (bad magic in EAX).", 13, 10
	db "Boot the ISO (make run) so that GRUB loads the kernel.", 13, 10, 0
msg_no_lm:
	db "Faultline: this CPU has no long mode (x86-64); Faultline needs a 64-bit CPU.", 13, 10
	db "Use qemu-system-x86_64 without a 32-bit -cpu model.", 13, 10, 0
msg_no_nx:
	db "Faultline: this CPU has no NX (execute-disable) bit; Faultline needs it.", 13, 10, 0

align 8
early_gdt:
	dq 0
	dq 0x00af9a000000ffff		; 0x08: 64-bit code, DPL 0
	dq 0x00cf92000000ffff		; 0x10: data, DPL 0
early_gdt_end:
early_gdt_ptr:
	dw early_gdt_end - early_gdt - 1
	dd early_gdt

section .boot.bss nobits alloc write
alignb 4096
early_pml4:		resb 4096
early_pud_low:		resb 4096
early_pud_kernel:	resb 4096
early_pd_low:		resb 4096
early_pd_kernel:	resb 4096
boot_stack:		resb 4096
boot_stack_top:
global boot_magic, boot_info
boot_magic:		resd 1
boot_info:		resd 1

; The first kernel stack (the boot CPU's idle task later runs on it).
section .bss
alignb 16
global init_stack, init_stack_top
init_stack:		resb 16384
init_stack_top:
