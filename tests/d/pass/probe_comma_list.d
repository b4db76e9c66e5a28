/*
 * One clause attached to several probes separated by commas on one line.
 */

BEGIN, END
{
	printf("%s fired\n", probename);
}
