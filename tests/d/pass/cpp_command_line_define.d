/*
 * @@flags -C -DVERBOSE=2
 * Macros defined on the command line reach the preprocessor.
 */

BEGIN
{
#ifdef VERBOSE
	printf("verbose level %d\n", VERBOSE);
#else
	printf("quiet\n");
#endif
	exit(0);
}
