/*
 * @@tag D_AGG_MDIM
 * @@line 10
 * @@message improper attempt to reference @grid as a multi-dimensional array
 * Aggregations take one key tuple, not several subscripts.
 */

profile-97
{
	@grid[cpu][pid] = count();
}
