/*
 * @@flags -q
 * A global set in BEGIN is seen in END.
 */

BEGIN
{
	x = 7;
	exit(0);
}

END
{
	printf("%d\n", x);
}
