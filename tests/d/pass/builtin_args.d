/*
 * The ten numbered probe arguments.
 */

profile-97
{
	@kernel = count();
	a = arg0 + arg1 + arg2 + arg3 + arg4;
	b = arg5 + arg6 + arg7 + arg8 + arg9;
	trace(a - b);
}
