/*
 * The ERROR probe exposes the faulting enabling in its arguments.
 */

ERROR
{
	printf("error in epid %d, fault %d at %x\n", arg1, arg4, arg5);
}

BEGIN
{
	x = *(int *)0;
}
