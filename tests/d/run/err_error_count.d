/*
 * @@flags -q
 * ERROR fires once per fault.
 */

BEGIN
{
	a = *(int *)0;
}

BEGIN
{
	b = *(int *)8;
}

ERROR
{
	n++;
}

BEGIN
{
	printf("%d errors\n", n);
	exit(0);
}
