# -q silences the warnings, not the output.
kytos-state -q "$SHARED/k8s/eks-honeycomb-nodes.json" \
	"$SHARED/k8s/eks-honeycomb-pods.json" | jq -c '[.nodes[].id, (.pods | length)]'
