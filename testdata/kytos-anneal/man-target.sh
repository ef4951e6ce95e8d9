# kytos-anneal(1) EXAMPLES: stop at the best-known value.
kytos-anneal -m --target 7970 "$SHARED/qubo/bqp100_1.qubo" | jq .status
