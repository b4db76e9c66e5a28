/*
 * Without -q a printf follows the probe prefix; each record ends in a newline.
 */

BEGIN
{
	printf("hello");
	exit(0);
}
