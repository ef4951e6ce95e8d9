# The pipelines of the man page's EXAMPLES (all but kytos-decode's).
kytos-qubo -m recovery recovery.json | kytos-anneal -r 16 -s 1 | jq .energy
kytos-milp -m recovery recovery.json | jq '.energy, .bound'
kytos-milp -x $SHARED/qubo/bqp50_1.qubo | jq -c '{status, energy, bound}'
t=$(mktemp -d)
kytos-milp -m placement --lp $t/model.lp placement.json >/dev/null
lp_solve -S3 $t/model.lp
rm -r $t
