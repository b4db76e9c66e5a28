/*
 * Without -q an ECB firing prints its probe line when it records: a clause
 * without actions does, one whose statements store no data (x = 1) does not.
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
