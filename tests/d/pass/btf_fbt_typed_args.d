/*
 * @@requires btf
 * args[] gives typed access to a kernel function's parameters.
 */

fbt::vfs_read:entry
{
	@size = quantize(args[2]);
	@pos[execname] = max(args[0]->f_pos);
}
