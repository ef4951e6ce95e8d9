# Moving an archive's workloads onto the GCP cluster: 30 pending pods, three
# schedulable workers with room for all of them, no master used.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
kytos-state -q --adopt "$SHARED"/k8s/openshift-gcp-nodes/*.json \
	"$SHARED"/k8s/openshift-pods/*.json >"$t/cluster.json"
kytos-qubo -m placement <"$t/cluster.json" | kytos-anneal -s 1 |
	kytos-decode "$t/cluster.json" >"$t/plan.json"
jq -c '{feasible, placed: (.placements | length),
	unplaced: (.unplaced | length),
	on_masters: ([.placements[] | select(.node | test("-master-"))] |
	    length)}' "$t/plan.json"
