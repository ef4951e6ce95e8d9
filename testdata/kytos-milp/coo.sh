# dimod COO input: the minimum of x0 + x1 - 3 x0 x1 - 0.5 x2 is -1.5 at 0, 1, 2.
printf '# vartype=BINARY\n0 0 1\n1 1 1\n1 0 -3\n2 2 -0.5\n' |
	kytos-milp | jq -c '{status, energy, ones, bound, gap}'
