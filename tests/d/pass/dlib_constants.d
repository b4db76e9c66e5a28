/*
 * @@requires btf
 * The D library's constants: NULL, errno and signal names, fault kinds.
 */

syscall:::return
/(int)arg0 == -EINTR || errno == EAGAIN/
{
	@interrupted[probefunc] = count();
}

syscall::kill:entry
/arg1 == SIGKILL/
{
	trace(arg0);
}

ERROR
/arg4 == DTRACEFLT_BADADDR && arg5 != NULL/
{
	printf("bad address %p\n", arg5);
}
