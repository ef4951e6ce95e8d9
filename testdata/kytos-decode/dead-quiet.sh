kytos-qubo -q -m rebalance recovery.json | kytos-anneal -s 1 |
	kytos-decode -q -m rebalance recovery.json - | jq -c '{moves, stays}'
