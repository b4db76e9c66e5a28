/*
 * @@tag D_XLATE_NONE
 * @@line 14
 * @@message cannot translate from "int" to "struct out"
 * xlate needs a translator for the pair of types.
 */

struct out {
	int a;
};

BEGIN
{
	trace(xlate<struct out>(5).a);
}
