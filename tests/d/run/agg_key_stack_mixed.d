/*
 * @@status 1
 * The consumer decodes all of an aggregation's entries by the key layout
 * of its first use, so a key recorded by stack() in one clause and as a
 * stack of another depth (or as a value) in another is refused with an
 * error rather than misprinted.
 */

BEGIN
{
	@x[stack(2)] = count();
}

BEGIN
{
	@x[stack(3)] = count();
	exit(0);
}
