# The rebalance pipeline on a tiny cluster: web-1 and web-2 share node a,
# the optimum moves web-2 to b and puts the pending job on a.
kytos-qubo -m rebalance tiny.json | kytos-anneal -s 1 -r 16 |
	kytos-decode tiny.json
