/*
 * @@flags -q -x bufsize=16
 * Clauses that only aggregate write no record, so they take no room in
 * the principal buffer: with room for one 16-byte record, nothing drops.
 */

BEGIN
{
	@ = count();
}

BEGIN
{
	@ = count();
}

BEGIN
{
	@ = count();
	exit(0);
}
