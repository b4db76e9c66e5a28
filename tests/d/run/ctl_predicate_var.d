/*
 * @@flags -q
 * Predicates on a global variable.
 */

BEGIN
{
	x = 3;
}

BEGIN
/x == 3/
{
	printf("x is 3\n");
}

BEGIN
/x != 3/
{
	printf("x is not 3\n");
}

BEGIN
/x > 2/
{
	printf("x > 2\n");
	exit(0);
}
