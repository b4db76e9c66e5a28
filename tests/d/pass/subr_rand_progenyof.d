/*
 * rand for sampling and progenyof to follow a process tree.
 */

profile-97
/progenyof($pid) || progenyof(1)/
{
	@pick = lquantize(rand() % 10, 0, 10);
}
