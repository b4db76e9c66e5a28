/*
 * @@flags -q
 * print() of integers: the type's name, then the value in hex as
 * dt_print.c's dt_print_hex() prints it (C's %#x, so zero is "0"), of the
 * type's own size; signed 8-bit characters quoted, unprintable ones in
 * octal.
 */

BEGIN
{
	print((char)'A');
	print((char)0);
	print((char)1);
	print((signed char)-1);
	print((unsigned char)200);
	print((short)-2);
	print((unsigned short)7);
	print(-1);
	print(0);
	print((unsigned int)255);
	print((long)-3);
	print((unsigned long)16);
	print((long long)0x123456789);
	print((int64_t)1);
	print((uint16_t)0xabcd);
	print((uint8_t)3);
	exit(0);
}
