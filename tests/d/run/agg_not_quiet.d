/*
 * Without -q the header is printed, then BEGIN's line, then the aggregation.
 */

BEGIN
{
	@ = count();
	exit(0);
}
