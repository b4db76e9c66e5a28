/*
 * A provider with every other field empty enables all of its probes.
 */

dtrace:::
{
	printf("%s:%s\n", probeprov, probename);
}
