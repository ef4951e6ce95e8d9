# The same file minimised: every weight of bqp50.1 pushes the other way, the
# minimum is far below zero and the maximum above.
kytos-anneal -r 4 -n 1000 "$SHARED/qubo/bqp50_1.qubo" | jq -c '{status, sense, e: (.energy < 0)}'
