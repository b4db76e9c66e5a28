/*
 * @@flags -q
 * A deep stack() key (1000 frames, 8000 bytes) is as valid as a shallow
 * one: the engine's key buffer is sized for the longest key the program
 * builds. The local engine has no kernel stack, so the key has no frames.
 */

BEGIN
{
	@[stack(1000)] = count();
	exit(0);
}
