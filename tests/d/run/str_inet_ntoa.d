/*
 * @@flags -q
 * inet_ntoa() of an address stored in scratch memory.
 */

BEGIN
{
	this->a = (uint32_t *)alloca(4);
	*this->a = 0x0100007f;
	printf("%s\n", inet_ntoa(this->a));
	exit(0);
}
