/*
 * The fixed-width integer typedefs from int8_t to uint64_t.
 */

int8_t i8;
int16_t i16;
int32_t i32;
int64_t i64;
uint8_t u8;
uint16_t u16;
uint32_t u32;
uint64_t u64;

BEGIN
{
	i8 = -128; i16 = -32768; i32 = -2147483647; i64 = -1;
	u8 = 255; u16 = 65535; u32 = 4294967295; u64 = 18446744073709551615u;
	printf("%d %d %d %d\n", sizeof (i8), sizeof (i16), sizeof (i32), sizeof (i64));
	printf("%u %u %u %u\n", u8, u16, u32, u64);
}
