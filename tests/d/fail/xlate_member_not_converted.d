/*
 * @@tag D_XLATE_NOCONV
 * @@line 17
 * @@message translator does not define conversion for member: b
 * A member the translator does not define cannot be read from a translation.
 */

struct out {
	int a;
	int b;
};

translator struct out < int v > { a = v; };

BEGIN
{
	trace(xlate<struct out>(5).b);
}
