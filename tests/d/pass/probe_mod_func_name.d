/*
 * The mod:func:name short form, here with both module and function empty.
 */

::BEGIN
{
	trace("mod:func:name form");
}
