/*
 * @@flags -q
 * With no aggregations, a traced run still ends with a newline.
 */

BEGIN
{
	exit(0);
}
