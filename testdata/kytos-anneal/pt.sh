# Parallel tempering finds the optimum of bqp50.1 too.
kytos-anneal -m -a pt -r 2 -n 300 "$SHARED/qubo/bqp50_1.qubo" |
	jq -c '{status, energy, alg: .stats.algorithm, replicas: .stats.replicas}'
