/*
 * Stray semicolons are empty statements.
 */

BEGIN
{
	;
	trace(1);;
	;
}
