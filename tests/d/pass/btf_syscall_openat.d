/*
 * @@requires btf
 * A user string argument of a system call copied in.
 */

syscall::openat:entry
{
	printf("%s opened %s\n", execname, copyinstr(arg1));
}
