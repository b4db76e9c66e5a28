/*
 * @@flags -q
 * In an ERROR clause probename is ERROR and id is 3.
 */

BEGIN
{
	x = *(int *)0;
}

ERROR
{
	printf("%s:%s %d\n", probeprov, probename, id);
}

BEGIN
{
	exit(0);
}
