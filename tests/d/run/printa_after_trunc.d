/*
 * @@flags -q
 * printa() after trunc() of the aggregation prints only the newline.
 */

BEGIN
{
	@a["x"] = sum(1);
	trunc(@a);
	printa(@a);
	exit(0);
}
