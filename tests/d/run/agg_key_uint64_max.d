/*
 * @@flags -q
 * A uint64_t key of all ones prints through %16lld as -1.
 */

BEGIN
{
	@[(uint64_t)0xffffffffffffffff] = sum(3);
	@[(uint64_t)7] = sum(4);
	exit(0);
}
