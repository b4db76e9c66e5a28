/*
 * @@tag D_XLATE_SOU
 * @@line 8
 * @@message translator output type must be a struct or union
 * Translators produce structs or unions.
 */

translator int < uint64_t v > { };
