# A full stdout is an error (exit 1), not a silent truncation.
kytos-state -q "$SHARED/k8s/eks-honeycomb-nodes.json" >/dev/full ||
	echo "exit $?"
