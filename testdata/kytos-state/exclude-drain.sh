# Draining a node in a what-if: skip it with --exclude-nodes and adopt its
# pods as pending.  The DaemonSet pod stays behind with its node.
kytos-state --adopt --exclude-nodes 'kubernetes.io/hostname=ip-172-26-67-126.ec2.internal' \
	cloudability-nodes.json "$SHARED/k8s/eks-cloudability-pods.json" |
	jq -c '.nodes[].id, (.pods[] | [.id, .current_node, .movable])'
