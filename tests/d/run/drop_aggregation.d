/*
 * @@flags -q -x aggsize=64
 * Aggregation updates that find no room in the CPU's aggregation buffer
 * are dropped and reported per CPU; the entries that fit still print.
 */

BEGIN
{
	@[1] = count();
	@[2] = count();
	@[3] = count();
	@[4] = count();
	@[5] = count();
	@[6] = count();
	exit(0);
}
