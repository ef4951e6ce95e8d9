# --lp writes the model (with every tangent the refinement added) for the
# lp_solve CLI, which reaches the same objective.
t=$(mktemp -d)
for m in 'rebalance tiny.json' 'recovery recovery.json' 'placement placement.json' 'rebalance --objective pack tiny.json'; do
	set -- $m
	e=$(kytos-milp -m "$@" --lp $t/m.lp | jq .energy)
	v=$(lp_solve -S3 $t/m.lp | sed -n 's/^Value of objective function: *//p')
	echo "$1: energy $e lp_solve $v"
done
kytos-milp -x --lp $t/q.lp $SHARED/qubo/bqp50_1.qubo | jq .energy
lp_solve -S3 $t/q.lp | sed -n 's/^Value of objective function: *//p'
rm -r $t
