/*
 * @@flags -q
 * commit(0) and discard(0) are allowed and do nothing.
 */

BEGIN
{
	commit(0);
}

BEGIN
{
	discard(0);
}

BEGIN
{
	printf("ok\n");
	exit(0);
}
