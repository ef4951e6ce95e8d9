# OR-Library bqp50.1, best known 2098 (proven optimal), maximised: energy in
# the file's sense, "sense": "maximize".
kytos-anneal -m -r 4 -n 1000 "$SHARED/qubo/bqp50_1.qubo" |
	jq -c '{status, sense, energy}'
