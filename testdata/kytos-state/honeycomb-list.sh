# What `kubectl get nodes,pods -A -o json` prints: one List whose items
# carry their own kind.  Built from the NodeList and PodList dumps, it must
# give the same cluster as honeycomb.args.
jq -s '{apiVersion: "v1", kind: "List",
	items: ((.[0].items | map(. + {kind: "Node"})) +
		(.[1].items | map(. + {kind: "Pod"})))}' \
	"$SHARED/k8s/eks-honeycomb-nodes.json" \
	"$SHARED/k8s/eks-honeycomb-pods.json" | kytos-state -q
