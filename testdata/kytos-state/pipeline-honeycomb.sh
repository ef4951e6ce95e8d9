# kubectl dumps to a plan.  Both honeycomb nodes carry a NoSchedule taint
# and every pod is on duckboat-01: there is nothing to move, which
# kytos-qubo reports as an error, "pods: no pod to move".
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
kytos-state -q "$SHARED/k8s/eks-honeycomb-nodes.json" \
	"$SHARED/k8s/eks-honeycomb-pods.json" >"$t/cluster.json"
jq -c '[.nodes[] | .schedulable], [.pods[] | .current_node] | unique' \
	"$t/cluster.json"
if kytos-qubo -m rebalance <"$t/cluster.json" >"$t/qubo"; then
	kytos-anneal -s 1 <"$t/qubo" | kytos-decode "$t/cluster.json" |
		jq -c '{mode, feasible, moves: (.moves | length)}'
else
	echo "kytos-qubo: exit $?"
fi
