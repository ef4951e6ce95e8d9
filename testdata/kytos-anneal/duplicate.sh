# Duplicate entries are summed with a warning (-q silences it).
printf 'p qubo 0 2 2 2\n0 0 1\n1 1 1\n0 1 -2\n1 0 -2\n' |
	kytos-anneal -r 1 -n 10 | jq -c '{energy, ones}'
printf 'p qubo 0 2 2 2\n0 0 1\n1 1 1\n0 1 -2\n1 0 -2\n' |
	kytos-anneal -q -r 1 -n 10 | jq -c '{energy, ones}'
