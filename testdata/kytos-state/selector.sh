# -l keeps the nodes that match (the workers), --exclude-nodes drops those
# that match: both leave the three workers of three zones.
a=$(kytos-state -q -l '!node-role.kubernetes.io/master' \
	"$SHARED"/k8s/openshift-gcp-nodes/*.json)
b=$(kytos-state -q --exclude-nodes node-role.kubernetes.io/master \
	"$SHARED"/k8s/openshift-gcp-nodes/*.json)
[ "$a" = "$b" ] || echo "-l and --exclude-nodes differ"
printf '%s\n' "$a" | jq -c '.nodes[] | [.id, .zone, .schedulable]'
kytos-state -q -l 'topology.kubernetes.io/zone in (us-east1-c,us-east1-d),node-role.kubernetes.io/worker' \
	"$SHARED"/k8s/openshift-gcp-nodes/*.json | jq -c '.nodes[] | .id'
# --exclude-nodes twice: a node matching either is left out.
kytos-state -q --exclude-nodes node-role.kubernetes.io/master \
	--exclude-nodes topology.kubernetes.io/zone=us-east1-b \
	"$SHARED"/k8s/openshift-gcp-nodes/*.json | jq -c '.nodes[] | .id'
