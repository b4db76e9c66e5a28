/*
 * Clauses with empty action lists are valid and record the default probe
 * data.
 */

BEGIN
{
}

END {}
