/*
 * @@tag D_IDENT_UNDEF
 * @@line 200
 * @@message failed to resolve undefined_after_marker: Unknown variable name
 * The preprocessor form '# 200' makes the next line 200.
 */

BEGIN
{
# 200
	trace(undefined_after_marker);
}
