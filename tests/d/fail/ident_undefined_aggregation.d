/*
 * @@tag D_IDENT_UNDEF
 * @@line 10
 * @@message failed to resolve @missing: Unknown variable name
 * printa of an aggregation that is never assigned.
 */

END
{
	printa(@missing);
}
