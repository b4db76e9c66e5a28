/*
 * @@flags -q
 * Probe descriptions written in full, and with empty fields.
 */

dtrace:::BEGIN
{
	printf("full\n");
}

:::BEGIN
{
	printf("empty fields\n");
}

::BEGIN
{
	printf("two fields\n");
	exit(0);
}
