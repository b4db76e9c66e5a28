/*
 * The func:name short form with an empty function field.
 */

:END
{
	trace("func:name form");
}
