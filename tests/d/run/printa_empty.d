/*
 * @@flags -q
 * printa() of an aggregation with no data prints only its newline.
 */

tick-1hour
{
	@a = count();
}

BEGIN
{
	printa(@a);
	exit(0);
}
