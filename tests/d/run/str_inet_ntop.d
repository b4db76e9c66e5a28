/*
 * @@flags -q
 * inet_ntop() of an IPv4 address (AF_INET is 2).
 */

BEGIN
{
	this->a = (uint32_t *)alloca(4);
	*this->a = 0x0a01a8c0;
	printf("%s\n", inet_ntop(2, this->a));
	exit(0);
}
