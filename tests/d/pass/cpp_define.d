/*
 * @@flags -C
 * With -C the C preprocessor expands macros, conditionals and // comments.
 */

#define LIMIT	5
#define SQUARE(x)	((x) * (x))
#ifdef EXTRA
#error EXTRA must not be defined here
#endif

// a C++ style comment, removed by the preprocessor
BEGIN
{
	printf("%d %d\n", LIMIT, SQUARE(LIMIT));	// trailing comment
#if LIMIT > 3
	exit(0);
#endif
}
