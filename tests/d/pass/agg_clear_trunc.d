/*
 * clear and trunc with and without a count.
 */

profile-97
{
	@top[execname] = count();
	@recent[execname] = count();
}

tick-1sec
{
	trunc(@top, 10);
	printa(@top);
	trunc(@top);
	printa(@recent);
	clear(@recent);
}
