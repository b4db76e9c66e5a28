/*
 * Without -q, ERROR's firing prints its probe line (ID 3), before the
 * next BEGIN clause's.
 */

BEGIN
{
	y = *(int *)0;
}

ERROR
{
}

BEGIN
{
	exit(0);
}
