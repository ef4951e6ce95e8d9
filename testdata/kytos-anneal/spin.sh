# COO with vartype=SPIN: s = 2x - 1.  E = s0 s1 + 0.5 s0 is least (-1.5) at
# s0 = -1, s1 = +1, i.e. x = [0, 1].
printf '# vartype=SPIN\n0 1 1\n0 0 0.5\n' |
	kytos-anneal -r 2 -n 10 | jq -c '{energy, ones}'
