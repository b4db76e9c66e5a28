/*
 * @@flags -q
 * printa() of min() and max().
 */

BEGIN
{
	@lo = min(4);
	@lo = min(-6);
	@hi = max(4);
	@hi = max(-6);
	printa("%@d\n", @lo);
	printa("%@d\n", @hi);
	exit(0);
}
