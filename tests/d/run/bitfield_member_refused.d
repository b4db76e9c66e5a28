/*
 * @@status 1
 * Reading or assigning a bit-field member needs its word shifted and
 * masked, which code generation does not do yet: the run is refused with
 * a clear error rather than reading the whole word.
 */

struct bf {
	unsigned int a : 4;
	unsigned int b : 12;
};

struct bf g;

BEGIN
{
	g.a = 5;
	exit(0);
}
