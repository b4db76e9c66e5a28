/*
 * A comma-separated probe list spread over several lines before the
 * predicate.
 */

dtrace:::BEGIN,
dtrace:::END,
dtrace:::ERROR
/probename != "ERROR"/
{
	@fired[probename] = count();
}
