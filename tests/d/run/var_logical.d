/*
 * @@flags -q
 * Logical operators, ^^ (logical xor) included, yield 0 or 1.
 */

BEGIN
{
	printf("%d %d %d %d %d %d\n", 1 && 0, 1 || 0, !0, !5, 1 ^^ 1, 0 ^^ 7);
	exit(0);
}
