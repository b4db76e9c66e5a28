/*
 * inet_ntoa and inet_ntop format IPv4 addresses held in scratch memory.
 */

BEGIN
{
	this->a = (uint32_t *)alloca(sizeof (uint32_t));
	*this->a = htonl(0x7f000001);
	printf("%s %s\n", inet_ntoa((void *)this->a), inet_ntop(2, (void *)this->a));
}
