; kernel/entry.asm - trap and interrupt entry: build a struct pt_regs and call do_trap().
;
; For every vector 0..47 a stub pushes an error code (a zero where the CPU pushes none) and the
; vector number, then common_trap saves the general registers in struct pt_regs order
; (kernel/ptrace.h), calls do_trap(regs) and returns with iretq. Faultline runs on one CPU and
; keeps no per-CPU data in GS, so there is no swapgs here.

bits 64
section .text

extern do_trap

; SAVE_GPRS: push the general registers in struct pt_regs order (rdi highest, r15 lowest),
; on top of the vector and orig_rax words already pushed.
%macro SAVE_GPRS 0
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
%endmacro

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
	SAVE_GPRS
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

; ---------------------------------------------------------------------------------------
; entry_SYSCALL_64 - the `syscall` instruction lands here (MSR_LSTAR).
;
; The CPU has put the user RIP in RCX and RFLAGS in R11, masked RFLAGS with MSR_SYSCALL_MASK
; (interrupts off) and left RSP pointing at the user stack. One CPU and no per-CPU GS data:
; the user RSP is parked in a global while RSP moves to the current task's kernel stack
; (cpu_kernel_stack_top, kept equal to TSS.RSP0 by the scheduler). The frame built is the same
; struct pt_regs a trap builds, so everything after this point treats both alike.
section .text
extern do_syscall_64
extern cpu_kernel_stack_top
global entry_SYSCALL_64
entry_SYSCALL_64:
	mov [rel syscall_user_rsp], rsp
	mov rsp, [rel cpu_kernel_stack_top]
	push qword 0x2b				; ss = __USER_DS
	push qword [rel syscall_user_rsp]	; rsp
	push r11				; rflags
	push qword 0x33				; cs = __USER_CS
	push rcx				; rip
	push rax				; orig_rax = system call number
	push qword -1				; vector: not a trap
	SAVE_GPRS
	cld
	mov rdi, rsp
	call do_syscall_64			; returns with interrupts off
	; SYSRET can return only to a canonical user RIP with RCX = RIP and R11 = RFLAGS; it
	; cannot restore RF/TF cleanly. exec, signals and fork may have rewritten the frame, so
	; check, and take the IRET path when SYSRET would be unsafe or would lose the saved RCX
	; and R11 (rt_sigreturn restores every register of code a signal interrupted anywhere;
	; Linux makes the same two comparisons).
	mov rcx, [rsp + 17*8]			; rip
	mov r11, [rsp + 19*8]			; rflags
	cmp rcx, [rsp + 11*8]			; saved rcx
	jne ret_from_trap
	cmp r11, [rsp + 6*8]			; saved r11
	jne ret_from_trap
	mov rax, 0x00007ffffffff000		; TASK_SIZE: every user RIP below it is canonical
	cmp rcx, rax
	jae ret_from_trap
	cmp qword [rsp + 18*8], 0x33		; cs
	jne ret_from_trap
	cmp qword [rsp + 21*8], 0x2b		; ss
	jne ret_from_trap
	test r11, 0x10100			; RF | TF
	jnz ret_from_trap
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	add rsp, 8				; r11: reloaded from the frame
	pop r10
	pop r9
	pop r8
	pop rax
	add rsp, 8				; rcx: reloaded from the frame
	pop rdx
	pop rsi
	pop rdi
	mov r11, [rsp + 4*8]			; rflags
	mov rsp, [rsp + 5*8]			; user rsp
	o64 sysret

; ret_from_fork - where a new task starts: its kernel stack holds a copy of the parent's
; pt_regs (rax = 0) under a switch_to frame whose return address is this label.
extern schedule_tail
global ret_from_fork
ret_from_fork:
	call schedule_tail
	cli
	jmp ret_from_trap

; kthread_entry - where a kernel thread starts (kernel/kthread.c): r12 is its function, r13
; its argument; the function never returns.
global kthread_entry
kthread_entry:
	call schedule_tail
	sti
	mov rdi, r13
	call r12
	ud2

; switch_to(prev, next) - save the callee-saved registers and kernel RSP of @prev, load those
; of @next, and return on @next's stack (into schedule(), or ret_from_fork for a new task).
; thread.rsp is at offset 0 of struct task_struct (a static assertion in kernel/sched.c checks).
%define THREAD_RSP 0
global __switch_to_asm
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi + THREAD_RSP], rsp
	mov rsp, [rsi + THREAD_RSP]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

section .bss
syscall_user_rsp:	resq 1

section .text
; init_entry - pid 1's first instructions: exec /init (init_trampoline builds its user
; registers at the top of the stack), then enter user mode through the trap return path.
extern init_trampoline
global init_entry
init_entry:
	call init_trampoline
	cli
	jmp ret_from_trap
