# Rebalance of a cluster with a dead node: its pods are ignored, with a
# warning from kytos-decode as from kytos-qubo (silenced there by -q).
kytos-qubo -q -m rebalance recovery.json | kytos-anneal -s 1 |
	kytos-decode recovery.json | jq -c '{moves, stays, unplaced}'
