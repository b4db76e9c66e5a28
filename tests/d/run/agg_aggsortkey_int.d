/*
 * @@flags -q
 * aggsortkey compares integer keys unsigned: negatives last.
 */

#pragma D option aggsortkey

BEGIN
{
	@[(long)-2] = sum(-2);
	@[(long)1] = sum(1);
	@[(long)0] = sum(0);
	@[(long)-1] = sum(-1);
	@[(long)2] = sum(2);
	exit(0);
}
