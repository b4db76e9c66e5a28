/*
 * @@tag D_PRAGERR
 * @@line 13
 * @@message #error: unsupported configuration 
 * The bare #error directive with a quoted message.
 */

BEGIN
{
	trace(1);
}

#error "unsupported configuration"
