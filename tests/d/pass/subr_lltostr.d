/*
 * lltostr with the default base and with an explicit base.
 */

BEGIN
{
	printf("%s %s %s\n", lltostr(timestamp), lltostr(-42), lltostr(255, 16));
}
