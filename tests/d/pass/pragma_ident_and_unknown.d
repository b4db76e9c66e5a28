/*
 * #pragma ident lines and unknown non-D pragmas are ignored, as is a null
 * directive.
 */

#pragma ident	"@(#)watch.d	1.2	example"
#pragma once
#pragma weak something
#

BEGIN
{
	exit(0);
}
