/*
 * @@requires btf
 * Timing a kernel function with thread-local variables.
 */

fbt::vfs_read:entry
{
	self->ts = timestamp;
}

fbt::vfs_read:return
/self->ts/
{
	@ns[execname] = quantize(timestamp - self->ts);
	self->ts = 0;
}
