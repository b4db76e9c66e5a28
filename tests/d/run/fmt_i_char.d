/*
 * @@flags -q
 * %i of a negative char sign-extends.
 */

BEGIN
{
	printf("%i %i\n", (char)-1, (short)-300);
	exit(0);
}
