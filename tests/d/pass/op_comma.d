/*
 * The comma operator evaluates left to right and yields the right operand.
 */

BEGIN
{
	y = (x = 3, x * 2);
	z = (1, 2, 3);
	printf("%d %d %d\n", x, y, z);
}
