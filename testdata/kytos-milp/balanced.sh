# A balanced cluster: the current placement is the first incumbent; the
# MILPs, asked for anything strictly better, find a state that only the
# tangents make look better, then (refined) nothing: the current placement
# is optimal and no pod moves.
kytos-milp -m rebalance balanced.json |
	jq -c '.status, .energy, .bound, .names, .stats.rounds'
