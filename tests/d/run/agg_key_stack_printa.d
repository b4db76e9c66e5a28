/*
 * @@flags -q
 * printa() of stack keys, without a format (as at the end of the run) and
 * with %k, which prints the stack as dt_print_stack does: a newline, then
 * one line per frame. The local engine has no kernel stack, so the stacks
 * have no frames.
 */

BEGIN
{
	@[stack(), 2] = count();
	@[stack(), 1] = count();
	@[stack(), 1] = count();
	printa(@);
	printa("%k key %d: %@d\n", @);
	exit(0);
}
