/*
 * copyin, copyinstr with and without a limit, and copyinto.
 */

profile-97
/arg1 != 0/
{
	this->buf = (char *)copyin(arg1, 16);
	this->name = copyinstr(arg1);
	this->short_name = copyinstr(arg1, 8);
	this->dst = alloca(16);
	copyinto(arg1, 16, this->dst);
	trace(this->buf[0]);
}
