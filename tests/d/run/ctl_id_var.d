/*
 * @@flags -q
 * id is the probe's id: BEGIN 1, END 2.
 */

BEGIN
{
	printf("%d\n", id);
	exit(0);
}

END
{
	printf("%d\n", id);
}
