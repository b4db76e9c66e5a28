/*
 * @@flags -q
 * A string comparison as a predicate.
 */

BEGIN
{
	name = "dtrace";
}

BEGIN
/name == "dtrace"/
{
	printf("match\n");
}

BEGIN
/name == "other"/
{
	printf("no match\n");
}

BEGIN
{
	exit(0);
}
