/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 8
 * @@message malformed #line <line> [ ["file"] state ]
 * #line needs a line number.
 */

#line here

BEGIN
{
	trace(1);
}
