/*
 * @@flags -q
 * @@args 41 word
 * $1 and $2 macro arguments: an integer and a string.
 */

BEGIN
{
	printf("%d %s\n", $1 + 1, $$2);
	exit(0);
}
