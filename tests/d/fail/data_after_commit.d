/*
 * @@tag D_DREC_COMM
 * @@line 16
 * @@message data-recording actions may not follow commit( )
 * Data-recording actions cannot follow commit.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	commit(spec);
	printf("committed\n");
}
