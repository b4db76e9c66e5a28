/*
 * Without -q: BEGIN's line, then END's.
 */

BEGIN
{
	exit(0);
}

END
{
	printf("bye");
}
