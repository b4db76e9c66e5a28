/*
 * @@flags -q
 * htons/htonl/htonll and ntohs/ntohl/ntohll swap bytes on little-endian.
 */

BEGIN
{
	printf("%x %x %llx\n", htons(0x1234), htonl(0x12345678), htonll(0x0102030405060708));
	printf("%x %x %llx\n", ntohs(0x1234), ntohl(0x12345678), ntohll(0x0102030405060708));
	exit(0);
}
