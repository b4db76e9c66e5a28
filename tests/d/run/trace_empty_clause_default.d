/*
 * A clause with no actions still prints its probe line.
 */

BEGIN
{
}

BEGIN
{
	exit(0);
}
