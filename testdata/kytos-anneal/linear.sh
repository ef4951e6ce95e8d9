# The linear schedule and an explicit beta range are taken and reported.
kytos-anneal -m --schedule linear --beta-range 0.001,2 -r 4 -n 500 "$SHARED/qubo/bqp50_1.qubo" |
	jq -c '{energy, hot: .stats.beta_hot, cold: .stats.beta_cold}'
