# The man page's example and make demo: the bundled cluster, rebalanced.
kytos-qubo -m rebalance ../../examples/cluster.json |
	kytos-anneal -s 1 -r 32 | kytos-decode ../../examples/cluster.json
