/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message expected predicate and/or actions following probe description
 * Without an opening brace the next word is read as another probe
 * description; the parser then closes the first clause and reports it on the
 * probe's line.
 */

BEGIN
	trace(1);
}
