# A QUBO with no variables but an offset: the empty state, energy 3, proven.
printf 'c offset 3\np qubo 0 0 0 0\n' | kytos-milp | jq -c '{status, energy, ones, bound, gap}'
