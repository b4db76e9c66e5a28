/*
 * @@flags -q
 * clear() zeroes the consumer's copy of the data, min() and max() included
 * (libdtrace's DTRACE_AGGWALK_CLEAR zeroes the bytes): a cleared min() reads
 * 0, not the value a new entry starts from.
 */

BEGIN
{
	@mn = min(5);
	@mx = max(-5);
	clear(@mn);
	clear(@mx);
	exit(0);
}
