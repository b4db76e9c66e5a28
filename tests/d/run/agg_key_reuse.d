/*
 * @@flags -q
 * Keys built one after another from strings of different lengths stay
 * equal when their values are: a short string after a longer one, as the
 * first or the last part of the key.
 */

BEGIN
{
	@a["a longer string", 1] = count();
	@a["ab", 1] = count();
	@a["ab", 1] = count();
	@a["a longer string", 1] = count();
	@b[1, "a longer string"] = count();
	@b[1, "ab"] = count();
	@b[1, "ab"] = count();
	@b[1, "a longer string"] = count();
	printa("%s %d %@d\n", @a);
	printa("%d %s %@d\n", @b);
	exit(0);
}
