# Annealing then tabu search: short reads of OR-Library bqp250.1 (best
# known 45607) polished by 10 n tabu iterations each.
kytos-anneal -m -a tabu -r 4 -n 300 "$SHARED/qubo/bqp250_1.qubo" |
	jq -c '{status, energy, alg: .stats.algorithm}'
