# An insights archive to a plan.  The one pending pod, the router, is
# placed on a worker: the masters are tainted NoSchedule.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
kytos-state -q "$SHARED"/k8s/openshift-gcp-nodes/*.json \
	"$SHARED"/k8s/openshift-pods/*.json >"$t/cluster.json"
kytos-qubo -m placement <"$t/cluster.json" | kytos-anneal -s 1 |
	kytos-decode "$t/cluster.json" >"$t/plan.json"
jq -r '.placements[] | "\(.pod) on a worker: \(.node | test("-worker-"))"' \
	"$t/plan.json"
