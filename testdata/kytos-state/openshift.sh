# Six Node objects and 35 Pod objects of an insights archive (no kind on
# the pods): the pods ran in another cluster, so all bound ones are left
# out and only the pending router pod remains.
kytos-state "$SHARED"/k8s/openshift-gcp-nodes/*.json \
	"$SHARED"/k8s/openshift-pods/*.json
