# The man page's jq example over a plan.
kytos-qubo -m rebalance ../../examples/cluster.json |
	kytos-anneal -s 1 -r 32 | kytos-decode ../../examples/cluster.json |
	jq -r '.moves[] | "\(.step) \(.pod) \(.from) -> \(.to)"'
