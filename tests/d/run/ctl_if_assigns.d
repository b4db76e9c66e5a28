/*
 * @@flags -q
 * Assignments inside if branches.
 */

BEGIN
{
	x = 10;
	if (x > 5)
		y = x * 2;
	else
		y = -1;
	printf("%d\n", y);
	exit(0);
}
