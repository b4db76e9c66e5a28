/*
 * @@flags -q
 * stack() and stack(5) as aggregation keys. The local engine has no kernel
 * stack, so every stack key holds no frames (all zero pcs), and equal keys
 * add up. DTrace prints such a key as the newline dt_print_stack starts
 * every stack with and no frame lines, then the value; entries whose stacks
 * are equal sort by their other keys.
 */

BEGIN
{
	@s[stack()] = count();
	@s[stack()] = count();
	@k[stack(5), 2] = sum(10);
	@k[stack(5), 1] = sum(10);
	@k[stack(5), 3] = sum(5);
	exit(0);
}
