/*
 * Without -q every ECB firing prints its probe line, even with no data.
 */

BEGIN
{
	x = 1;
}

BEGIN
/x/
{
}

BEGIN
{
	exit(0);
}
