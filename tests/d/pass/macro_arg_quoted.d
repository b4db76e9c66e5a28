/*
 * @@args "quoted" a-b-c
 * A $ macro argument that is neither number nor identifier is a string;
 * surrounding quotes are removed.
 */

BEGIN
{
	printf("%s %s\n", $1, $2);
	exit(0);
}
