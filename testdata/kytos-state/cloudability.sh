# eks-cloudability-pods.json names one node and comes without it.
# cloudability-nodes.json is written for this test: that node and a second,
# empty one, with the allocatable of an EKS t3.large (made up, not dumped).
kytos-state cloudability-nodes.json "$SHARED/k8s/eks-cloudability-pods.json"
