/*
 * @@flags -q
 * inet_ntop() of IPv6 addresses (AF_INET6 is 10 on Linux) and inet_ntoa6(): zero runs collapse to ::.
 */

BEGIN
{
	this->a = (uint8_t *)alloca(16);
	this->a[15] = 1;
	printf("%s\n", inet_ntop(10, this->a));
	this->a[0] = 0xfe;
	this->a[1] = 0x80;
	printf("%s %s\n", inet_ntop(10, this->a), inet_ntoa6(this->a));
	exit(0);
}
