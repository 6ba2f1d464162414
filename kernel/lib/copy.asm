; kernel/lib/copy.asm - memory copies that may fault, with exception-table fixups.
;
; copy_user_generic(to, from, len) copies with `rep movsb`. If either side faults, the page
; fault handler finds the movsb in __ex_table and resumes at the fixup, where RCX still holds
; the bytes left: that is the return value, as in Linux's copy_user_generic. Callers turn a
; non-zero result into -EFAULT.
;
; strncpy_from_user_asm(dst, src, count) copies a NUL-terminated string of at most count
; bytes; returns its length (without the NUL), count if no NUL was found in count bytes, or
; -14 (-EFAULT) if a load faulted.

bits 64
section .text

global copy_user_generic
copy_user_generic:
	mov rcx, rdx
.copy:
	rep movsb
	xor eax, eax
	ret
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
	dq copy_user_generic.copy, copy_user_generic.fault
	dq strncpy_from_user_asm.load, strncpy_from_user_asm.efault
