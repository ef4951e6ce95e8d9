# Rebalance with --objective pack: the pods fit on one node.
kytos-qubo -m rebalance --objective pack tiny.json |
	kytos-anneal -s 1 -r 16 | kytos-decode tiny.json
