/*
 * @@tag D_TRACE_DYN
 * @@line 16
 * @@message trace( ) may not be applied to a translated pointer
 * A translated pointer cannot be traced as a value.
 */

struct out {
	int a;
};

translator struct out < int v > { a = v; };

BEGIN
{
	trace(xlate<struct out *>(5));
}
