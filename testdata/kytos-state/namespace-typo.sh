# A namespace option that matches no pod is most likely a typo: warn.
# stress-test is spelled right and has a pod; kube-sytem is not.
kytos-state -n kube-sytem --exclude-namespace stress-test \
	cloudability-nodes.json "$SHARED/k8s/eks-cloudability-pods.json" |
	jq -c '[.pods[] | select(.movable)] | length'
