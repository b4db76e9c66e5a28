/*
 * tracemem with a constant size and with an additional dynamic size.
 */

profile-97
/arg0 != 0/
{
	tracemem(arg0, 32);
	tracemem(arg0, 64, arg1 & 0x3f);
	this->buf = (char *)alloca(16);
	tracemem(this->buf, 16);
}
