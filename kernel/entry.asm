; kernel/entry.asm - trap and interrupt entry: build a struct pt_regs and call do_trap().
;
; For every vector 0..47 a stub pushes an error code (a zero where the CPU pushes none) and the
; vector number, then common_trap saves the general registers in struct pt_regs order
; (kernel/ptrace.h), calls do_trap(regs) and returns with iretq. Faultline runs on one CPU and
; keeps no per-CPU data in GS, so there is no swapgs here.

bits 64
section .text

extern do_trap

%macro TRAP_NOERR 1
trap_%1:
	push qword 0
	push qword %1
	jmp common_trap
%endmacro

%macro TRAP_ERR 1
trap_%1:
	push qword %1
	jmp common_trap
%endmacro

; Vectors whose exceptions push an error code: 8, 10-14, 17, 21, 29, 30.
%assign v 0
%rep 48
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
	TRAP_ERR v
%else
	TRAP_NOERR v
%endif
%assign v v+1
%endrep

global common_trap
common_trap:
	push rdi
	push rsi
	push rdx
	push rcx
	push rax
	push r8
	push r9
	push r10
	push r11
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	cld
	mov rdi, rsp
	call do_trap
global ret_from_trap
ret_from_trap:
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	pop r11
	pop r10
	pop r9
	pop r8
	pop rax
	pop rcx
	pop rdx
	pop rsi
	pop rdi
	add rsp, 16			; vector and error code
	iretq

section .rodata
global trap_entry_table
align 8
trap_entry_table:
%assign v 0
%rep 48
	dq trap_%+v
%assign v v+1
%endrep
