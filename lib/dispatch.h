/*
 * dispatch.h: caspian plans to Kubernetes objects.  The jobs a plan starts
 * at a given slot become AppWrappers (v1beta2 for the AppWrapper operator
 * and Kueue, v1beta1 for MCAD) wrapping a batch/v1 Job, labelled with the
 * job and its target region (DESIGN 8).
 *
 * Ownership: dispatch_build and dispatch_split return trees the caller
 * frees with json_free; everything else borrows.
 */
#ifndef KYTOS_DISPATCH_H
#define KYTOS_DISPATCH_H

#include <stddef.h>

#include "err.h"
#include "json.h"

enum dispatch_api { DISPATCH_V1BETA2, DISPATCH_V1BETA1 };

struct dispatch_input {
	const struct json *plan;	/* caspian-plan output */
	const char *plan_name;		/* for messages */
	const struct json *jobs;	/* {"jobs": [...]} or [...] */
	const char *jobs_name;
	const struct json *defaults;	/* NULL, or {image, command, ...} */
	const char *defaults_name;
	long slot;			/* dispatch plans starting here */
	enum dispatch_api api;
};

/*
 * A v1 List of the AppWrappers of the jobs starting at in->slot, in plan
 * order.  Errors name the file and the place: "plan.json: plans[2]:
 * unknown job 'x'".
 */
struct json *dispatch_build(const struct dispatch_input *in, struct kerr *e);

/*
 * Split such a List by target region: an object {region: List}, regions
 * in order of first appearance.
 */
struct json *dispatch_split(const struct json *list);

/*
 * A Kubernetes object name (DNS-1123 label: [a-z0-9-], at most 63, alnum
 * at both ends) for a job id.  An id that is one already is kept; any other
 * is lowercased, runs of other characters become one '-', it is cut to 54
 * characters and "-" plus 8 hex digits of the id's FNV-1a hash are added,
 * so that two ids never share a name by accident.  buf must hold 64 bytes.
 */
char *dispatch_name(char *buf, const char *id);

#endif
