# -n and --exclude-namespace decide which pods may move; the others stay
# as fixed load (movable false) on their nodes.
echo "-n stress-test -n cloudability"
kytos-state -q -n stress-test -n cloudability cloudability-nodes.json \
	"$SHARED/k8s/eks-cloudability-pods.json" | jq -c '.pods[] | [.id, .movable]'
echo "--exclude-namespace kube-system"
kytos-state -q --exclude-namespace kube-system cloudability-nodes.json \
	"$SHARED/k8s/eks-cloudability-pods.json" | jq -c '.pods[] | [.id, .movable]'
