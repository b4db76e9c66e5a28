/*
 * offsetof yields the byte offset of struct and union members.
 */

struct packet {
	uint8_t version;
	uint8_t flags;
	uint16_t length;
	uint32_t src;
	uint32_t dst;
	char payload[64];
};

BEGIN
{
	printf("%d %d %d %d\n", offsetof(struct packet, version),
	    offsetof(struct packet, length), offsetof(struct packet, dst),
	    offsetof(struct packet, payload));
}
