/*
 * @@flags -q
 * sizeof of the fixed-width integer typedefs.
 */

BEGIN
{
	printf("%d %d %d %d %d\n", sizeof (uint8_t), sizeof (int16_t), sizeof (uint32_t), sizeof (int64_t), sizeof (uintptr_t));
	exit(0);
}
