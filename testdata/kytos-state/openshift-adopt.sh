# --adopt: the archive's pods become pending pods of the GCP cluster, to
# plan moving them there; static pods stay with their (absent) node.
kytos-state --adopt "$SHARED"/k8s/openshift-gcp-nodes/*.json \
	"$SHARED"/k8s/openshift-pods/*.json
