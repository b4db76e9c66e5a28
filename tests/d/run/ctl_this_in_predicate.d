/*
 * @@flags -q
 * A clause-local variable set in one clause, tested in the next's predicate.
 */

BEGIN
{
	this->ok = 1;
}

BEGIN
/this->ok/
{
	printf("ok\n");
	exit(0);
}
