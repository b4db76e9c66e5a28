/*
 * @@flags -q
 * %hi prints a short, sign included.
 */

BEGIN
{
	printf("%hi %hi\n", (short)-2, (short)300);
	exit(0);
}
