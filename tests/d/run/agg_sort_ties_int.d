/*
 * @@flags -q
 * Equal values sort by key; int keys compare unsigned, so -1 sorts last.
 */

BEGIN
{
	@[-1] = count();
	@[2] = count();
	@[0] = count();
	@[1] = count();
	exit(0);
}
