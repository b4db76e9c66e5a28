/*
 * @@flags -q
 * The empty string, alone and padded.
 */

BEGIN
{
	printf("[%s][%5s]\n", "", "");
	exit(0);
}
