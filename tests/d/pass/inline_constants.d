/*
 * Inline integer and string constants used like macros.
 */

inline int MAXDEPTH = 10;
inline string GREETING = "hello";
inline uint64_t NSEC_PER_MSEC = 1000000;

BEGIN
{
	printf("%s, max depth %d\n", GREETING, MAXDEPTH);
	start = timestamp;
}

tick-100ms
/(timestamp - start) / NSEC_PER_MSEC > 1000/
{
	exit(0);
}
