/*
 * A predicate that creates a variable with ++ followed by an empty action
 * list.
 */

tick-1sec
/calls++ > 3/
{}

tick-1sec
/calls > 10/
{
	exit(0);
}
