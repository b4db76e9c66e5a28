/*
 * @@tag D_IDENT_UNDEF
 * @@line 10
 * @@message failed to resolve @never: Unknown variable name
 * Naming an aggregation that was never assigned is an unknown name.
 */

BEGIN
{
	@never;
}
