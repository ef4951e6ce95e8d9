# A balanced cluster: the current placement is the first incumbent (single
# moves do not improve it), the load term gets tangents at its loads, and
# one MILP, asked for anything strictly better, finds nothing: the current
# placement is optimal and no pod moves.
kytos-milp -m rebalance balanced.json |
	jq -c '.status, .energy, .bound, .names, .stats.rounds'
