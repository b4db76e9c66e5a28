/*
 * @@flags -q
 * A wide field.
 */

BEGIN
{
	printf("[%20d]\n", 1);
	exit(0);
}
