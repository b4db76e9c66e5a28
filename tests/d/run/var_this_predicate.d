/*
 * @@flags -q
 * A clause-local variable set in one clause is tested in the next clause's predicate.
 */

BEGIN
{
	this->go = 1;
}

BEGIN
/this->go/
{
	printf("went\n");
	exit(0);
}
