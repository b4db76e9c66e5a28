/*
 * @@flags -q
 * $$0 is the script's path as given to -s.
 */

BEGIN
{
	printf("%s\n", $$0);
	exit(0);
}
