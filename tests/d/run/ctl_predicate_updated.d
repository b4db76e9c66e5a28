/*
 * @@flags -q
 * A predicate sees a value set by an earlier clause of the same firing.
 */

BEGIN
{
	go = 0;
}

BEGIN
/go/
{
	printf("too early\n");
}

BEGIN
{
	go = 1;
}

BEGIN
/go/
{
	printf("now\n");
	exit(0);
}
