/*
 * @@flags -q
 * Integer keys through %d, with the value right-justified.
 */

BEGIN
{
	@a[(int)3] = sum(300);
	@a[(int)1] = sum(100);
	printa("%d:%@8d\n", @a);
	exit(0);
}
