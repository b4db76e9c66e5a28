/*
 * @@tag D_IDENT_UNDEF
 * @@line 8
 * @@message failed to resolve undefined_base: Unknown variable name
 * Inline definitions are checked where they appear, before any clause.
 */

inline int doubled = undefined_base * 2;

BEGIN
{
	trace(doubled);
}
