/*
 * @@tag D_PRAGCTL_INVAL
 * @@line 8
 * @@message invalid control directive: #frobnicate
 * An unknown control directive.
 */

#frobnicate now

BEGIN
{
	trace(1);
}
