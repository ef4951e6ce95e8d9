/*
 * selector.h: Kubernetes label selectors, as kubectl -l takes them:
 * requirements joined by commas, each "key", "!key", "key=value",
 * "key==value", "key!=value", "key in (v1,v2)" or "key notin (v1,v2)".
 * All requirements must hold.
 *
 * Ownership: selector_new returns a selector the caller frees with
 * selector_free; selector_match borrows.
 */
#ifndef KYTOS_SELECTOR_H
#define KYTOS_SELECTOR_H

#include "err.h"
#include "json.h"

struct selector;

/* Parse s; fails with "bad selector 's': what". */
struct selector *selector_new(const char *s, struct kerr *e);
void selector_free(struct selector *sel);
/* Whether a labels object (or NULL: no labels) satisfies sel. */
int selector_match(const struct selector *sel, const struct json *labels);

#endif
