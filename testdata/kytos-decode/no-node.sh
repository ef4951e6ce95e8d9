# The only node is cordoned: the pending pod is unplaced with no_node.
kytos-qubo -q -m placement cordoned.json | kytos-anneal -s 1 |
	kytos-decode cordoned.json
