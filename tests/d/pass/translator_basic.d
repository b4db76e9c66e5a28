/*
 * A translator from an integer to a struct, used with xlate.
 */

struct split {
	int hi;
	int lo;
};

translator struct split < uint64_t v > {
	hi = v >> 32;
	lo = v & 0xffffffff;
};

BEGIN
{
	printf("%d %d\n", xlate<struct split>(timestamp).hi,
	    xlate<struct split>(timestamp).lo);
}
