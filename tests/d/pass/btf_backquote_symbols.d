/*
 * @@requires btf
 * Kernel variables named with the backquote scoping operator. On Linux, BTF
 * describes the per-CPU variables, so those are the ones with types.
 */

BEGIN
{
	trace(`cpu_number);
	trace(vmlinux`this_cpu_off);
}
