/*
 * @@flags -q
 * trunc() acts when the consumer reads its record, after the whole firing
 * has aggregated: values added later in the same clause go too.
 */

BEGIN
{
	@a["x"] = sum(1);
	trunc(@a);
	@a["x"] = sum(2);
	@a["y"] = sum(3);
	exit(0);
}
