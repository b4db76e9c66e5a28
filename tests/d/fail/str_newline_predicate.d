/*
 * @@tag D_STR_NL
 * @@line 9
 * @@message newline encountered in string literal
 * An unterminated string in a predicate.
 */

profile-97
/execname == "bash/
{
	trace(1);
}
