/*
 * @@flags -q
 * @@args yes
 * A string macro argument in a predicate.
 */

BEGIN
/$$1 == "yes"/
{
	printf("yes given\n");
}

BEGIN
/$$1 != "yes"/
{
	printf("no\n");
}

BEGIN
{
	exit(0);
}
