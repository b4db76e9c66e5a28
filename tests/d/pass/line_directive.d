/*
 * A #line control line renumbers the following lines.
 */

#line 200

BEGIN
{
	trace(200);
}
