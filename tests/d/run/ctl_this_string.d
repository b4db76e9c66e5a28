/*
 * @@flags -q
 * A clause-local string across clauses.
 */

BEGIN
{
	this->s = "local";
}

BEGIN
{
	printf("%s\n", this->s);
	exit(0);
}
