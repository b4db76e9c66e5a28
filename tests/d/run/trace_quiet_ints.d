/*
 * @@flags -q
 * trace() with -q prints bare numbers.
 */

BEGIN
{
	trace(1);
	trace(-2);
	trace((long long)3);
	printf("\n");
	exit(0);
}
