# The annealer's energy on kytos-qubo's QUBO against the exact optimum of the
# same model: a certificate (equal values) for each mode.
for m in 'rebalance tiny.json' 'recovery recovery.json' 'placement placement.json' 'rebalance --objective pack tiny.json'; do
	set -- $m
	a=$(kytos-qubo -m "$@" | kytos-anneal -r 16 -s 1 | jq .energy)
	x=$(kytos-milp -m "$@" | jq '[.energy, .bound, .status]' -c)
	echo "$1: anneal $a milp $x"
done
