/*
 * @@flags -q
 * An aggregation's first use fixes its key prototype: a later use passing a
 * wider integer for a key is recorded with the prototype's width, so it
 * names the same entry rather than a mis-decoded one.
 */

BEGIN
{
	@s[(int)7, 3] = sum(5);
	@s[(long long)7, 3] = sum(6);
	exit(0);
}
