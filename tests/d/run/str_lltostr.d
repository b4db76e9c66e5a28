/*
 * @@flags -q
 * lltostr() converts integers to decimal strings.
 */

BEGIN
{
	printf("%s %s %s %s\n", lltostr(12345), lltostr(-42), lltostr(0), lltostr((long long)9223372036854775807));
	exit(0);
}
