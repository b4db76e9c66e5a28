/*
 * @@flags -q
 * @@args 2
 * An integer macro argument in a predicate.
 */

BEGIN
/$1 > 2/
{
	printf("big\n");
}

BEGIN
/$1 <= 2/
{
	printf("small\n");
}

BEGIN
{
	exit(0);
}
