/*
 * A glob in the provider field still finds the dtrace provider.
 */

dt*ce:::BEGIN
{
	trace(probeprov);
}
