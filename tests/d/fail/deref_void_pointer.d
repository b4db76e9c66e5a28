/*
 * @@tag D_DEREF_VOID
 * @@line 10
 * @@message cannot dereference pointer to void
 * A void pointer must be cast before it is dereferenced.
 */

profile-97
{
	trace(*(void *)arg0);
}
