/*
 * printf with ten arguments of mixed types.
 */

tick-1sec
{
	printf("%d %d %d %d %d %d %d %d %d %d %s\n",
	    arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9,
	    probename);
}
