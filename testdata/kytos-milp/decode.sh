# The exact plan through kytos-decode, as the annealer's: the sample names
# kytos-qubo's variables and carries its metadata, and kytos-decode scores
# the plan to the energy kytos-milp reported, in every mode.
t=$(mktemp -d)
for m in 'rebalance tiny.json' 'recovery recovery.json' 'placement placement.json' 'rebalance --objective pack tiny.json' 'rebalance affinity.json'; do
	set -- $m
	eval "f=\${$#}"
	kytos-milp -m "$@" >$t/s.json
	kytos-decode "$f" <$t/s.json >$t/p.json
	jq -c --slurpfile s $t/s.json '[.mode, .feasible, .objective.total == $s[0].energy,
	    [.moves[] | "\(.pod) \(.from)>\(.to)"], [.placements[] | "\(.pod) \(.node)"],
	    [.unplaced[] | "\(.pod) \(.reason)"]]' $t/p.json
done
rm -r $t
