# kubectl dumps to a plan.  The two coredns replicas share a node and a
# second node is empty: the rebalance must spread them (anti-affinity),
# while the DaemonSet and owner-less pods stay.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
kytos-state -q cloudability-nodes.json \
	"$SHARED/k8s/eks-cloudability-pods.json" >"$t/cluster.json"
kytos-qubo -m rebalance <"$t/cluster.json" | kytos-anneal -s 1 |
	kytos-decode "$t/cluster.json" >"$t/plan.json"
jq -c '{feasible, moves: [.moves[] | [.pod, .from, .to]]}' "$t/plan.json"
jq -r --slurpfile c "$t/cluster.json" '
	([.moves[] | {(.pod): .to}] | add // {}) as $to |
	($c[0].pods | map({(.id): (($to[.id]) // .current_node)}) | add) as $at |
	"coredns on \([$c[0].pods[] | select(.service == "kube-system/coredns") |
	    $at[.id]] | unique | length) nodes",
	"pinned pods moved: \([$c[0].pods[] | select(.movable == false) |
	    select($to[.id] != null)] | length)"' "$t/plan.json"
