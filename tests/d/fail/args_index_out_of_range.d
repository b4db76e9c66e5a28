/*
 * @@tag D_ARGS_IDX
 * @@line 10
 * @@message index 0 is out of range for dtrace:::BEGIN args[ ]
 * BEGIN has no typed arguments.
 */

dtrace:::BEGIN
{
	trace(args[0]);
}
