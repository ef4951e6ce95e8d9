# A target no state reaches: every read runs, status "ok".
kytos-anneal -m -r 3 -n 10 --target 1e9 "$SHARED/qubo/bqp50_1.qubo" |
	jq -c '{status, reads: .stats.reads}'
