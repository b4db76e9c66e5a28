/*
 * @@flags -q
 * Predicates with &&, || and !.
 */

BEGIN
{
	x = 3;
}

BEGIN
/x > 1 && x < 5/
{
	printf("and\n");
}

BEGIN
/x < 1 || x > 2/
{
	printf("or\n");
}

BEGIN
/!(x == 3)/
{
	printf("not\n");
}

BEGIN
/x > 1 ^^ x > 2/
{
	printf("xor\n");
}

BEGIN
{
	exit(0);
}
