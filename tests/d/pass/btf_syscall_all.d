/*
 * @@requires btf
 * Every system call entry counted by name.
 */

syscall:::entry
{
	@calls[probefunc] = count();
}
