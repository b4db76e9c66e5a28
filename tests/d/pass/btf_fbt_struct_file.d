/*
 * @@requires btf
 * A kernel function argument cast to its structure type.
 */

fbt::vfs_read:entry
{
	this->f = (struct file *)arg0;
	@flags[this->f->f_flags] = count();
}

fbt::vfs_read:return
{
	@ret = quantize(arg1);
}
