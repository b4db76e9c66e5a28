/*
 * @@flags -q
 * The speculative clause's other effects (stores) happen at once.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	x = 42;
	printf("spec\n");
}

BEGIN
{
	printf("%d\n", x);
	discard(s);
}

BEGIN
{
	exit(0);
}
