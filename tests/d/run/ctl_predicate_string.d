/*
 * @@flags -q
 * Predicates comparing strings.
 */

BEGIN
{
	s = "abc";
}

BEGIN
/s == "abc"/
{
	printf("equal\n");
}

BEGIN
/s != "abc"/
{
	printf("different\n");
}

BEGIN
/s < "abd"/
{
	printf("less\n");
	exit(0);
}
