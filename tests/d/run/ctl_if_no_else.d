/*
 * @@flags -q
 * if without else: the body runs only when the condition holds.
 */

BEGIN
{
	x = 1;
	if (x == 1)
		printf("one\n");
	if (x == 2)
		printf("two\n");
	printf("after\n");
	exit(0);
}
