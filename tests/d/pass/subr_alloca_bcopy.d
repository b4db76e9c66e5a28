/*
 * Scratch memory from alloca filled with bcopy.
 */

profile-97
/arg0 != 0/
{
	this->dst = alloca(32);
	bcopy((void *)arg0, this->dst, 32);
	trace(*(uint64_t *)this->dst);
}
