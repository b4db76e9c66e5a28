/*
 * Fully qualified provider:module:function:name descriptions with empty
 * module and function.
 */

dtrace:::BEGIN
{
	start = timestamp;
}

dtrace:::END
{
	printf("ran for %d ns\n", timestamp - start);
}
