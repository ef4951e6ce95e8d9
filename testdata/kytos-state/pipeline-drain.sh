# The man page's drain example: skip a node, adopt its pods, place them on
# the other node.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
kytos-state -q --adopt \
	--exclude-nodes kubernetes.io/hostname=ip-172-26-67-126.ec2.internal \
	cloudability-nodes.json "$SHARED/k8s/eks-cloudability-pods.json" \
	>"$t/drained.json"
kytos-qubo -m placement <"$t/drained.json" | kytos-anneal -s 1 |
	kytos-decode "$t/drained.json" >"$t/plan.json"
jq -r '.placements[] | "\(.pod) -> \(.node)"' "$t/plan.json"
