/*
 * @@tag D_PROV_BADNAME
 * @@line 8
 * @@message provider name may not end with a digit: app2
 * Provider names may not end in a digit, which is reserved for process ids.
 */

provider app2 { probe start(); };
