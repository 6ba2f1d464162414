; kernel/lib/copy.asm - memory copies that may fault, with exception-table fixups.
;
; copy_user_generic(to, from, len) copies len / 8 quadwords with `rep movsq`, then the rest
; with `rep movsb` (Linux's copy_user_generic_string: one iteration per 8 bytes, which is
; what the instruction count under QEMU's -icount sees). If either side faults, the page
; fault handler finds the string instruction in __ex_table and resumes at its fixup. A fault
; in the quadword copy continues byte by byte from the faulting quadword (a quadword can
; straddle the end of the mapping), so that the byte copy's fault leaves in RCX exactly the
; bytes not copied: that is the return value, as in Linux's copy_user_generic. Callers turn
; a non-zero result into -EFAULT or a short count.
;
; strncpy_from_user_asm(dst, src, count) copies a NUL-terminated string of at most count
; bytes; returns its length (without the NUL), count if no NUL was found in count bytes, or
; -14 (-EFAULT) if a load faulted.

bits 64
section .text

global copy_user_generic
copy_user_generic:
	mov rcx, rdx
	shr rcx, 3
	and edx, 7
.copyq:
	rep movsq
	mov ecx, edx
.copy:
	rep movsb
	xor eax, eax
	ret
.faultq:
	lea rcx, [rdx + rcx*8]		; the quadwords not copied, and the tail: go on byte by
	jmp .copy			; byte, so that the count left is exact to the byte
.fault:
	mov rax, rcx
	ret

global strncpy_from_user_asm
strncpy_from_user_asm:
	xor eax, eax
.loop:
	cmp rax, rdx
	je .done
.load:
	movzx ecx, byte [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz .done
	inc rax
	jmp .loop
.done:
	ret
.efault:
	mov rax, -14
	ret

section __ex_table
align 8
	dq copy_user_generic.copyq, copy_user_generic.faultq
	dq copy_user_generic.copy, copy_user_generic.fault
	dq strncpy_from_user_asm.load, strncpy_from_user_asm.efault
