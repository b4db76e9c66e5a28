/*
 * @@tag D_OP_INCOMPAT
 * @@line 8
 * @@message inline banner definition uses incompatible types: "string" = "int"
 * An inline's value must match its declared type.
 */

inline string banner = 5;

BEGIN
{
	trace(banner);
}
