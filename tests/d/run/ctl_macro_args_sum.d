/*
 * @@flags -q
 * @@args 3 4
 * Integer macro arguments in an expression.
 */

BEGIN
{
	printf("%d\n", $1 + $2 * 2);
	exit(0);
}
