/*
 * A '*' glob in the name field of a probe description.
 */

dtrace:::BEG*
{
	trace(probename);
}
