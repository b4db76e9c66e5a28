/*
 * @@tag D_IDENT_UNDEF
 * @@line 10
 * @@message failed to resolve @a: Unknown variable name
 * An aggregation never assigned is an unknown name wherever it appears.
 */

BEGIN
{
	trace(@a + 3);
}
