# The NodeList and the PodList as two documents in a row on stdin, as
# `kubectl get nodes -o json; kubectl get pods -A -o json` prints them:
# the same cluster as honeycomb.args.
cat "$SHARED/k8s/eks-honeycomb-nodes.json" "$SHARED/k8s/eks-honeycomb-pods.json" |
	kytos-state -q
