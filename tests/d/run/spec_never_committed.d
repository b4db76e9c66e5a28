/*
 * @@flags -q
 * Speculative records never committed are never printed.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("lost\n");
}

BEGIN
{
	exit(0);
}

END
{
	printf("end\n");
}
