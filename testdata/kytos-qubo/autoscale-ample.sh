# With room to spare every service gets its wanted count: the annealer's
# best state names them (scale-out, scale-in, the 10% tolerance).
kytos-qubo -m autoscale autoscale-ample.json | kytos-anneal -r 8 -s 1 |
	jq -c '.energy, .names'
