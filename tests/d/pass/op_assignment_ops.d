/*
 * Every compound assignment operator on a global integer.
 */

BEGIN
{
	v = 100;
	v += 5;
	v -= 3;
	v *= 2;
	v /= 4;
	v %= 7;
	v <<= 3;
	v >>= 1;
	v &= 0xff;
	v |= 0x100;
	v ^= 0x0f;
	trace(v);
}
