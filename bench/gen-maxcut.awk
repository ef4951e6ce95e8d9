# gen-maxcut.awk: a random max-cut QUBO of G-set's G22 class (rudy's random
# graph: 2000 nodes, 19990 edges of weight 1) converted as shared/data says:
# diagonal d_i = sum_j w_ij, coupler -2 w_ij, maximise (objective = cut).
# Park-Miller's generator keeps the graph the same under any awk.
#   awk -v n=2000 -v m=19990 -v seed=22 -f bench/gen-maxcut.awk
function rnd(k) {
	s = (s * 16807) % 2147483647
	return int(s / 2147483647 * k)
}
BEGIN {
	s = seed
	e = 0
	while (e < m) {
		i = rnd(n); j = rnd(n)
		if (i == j)
			continue
		if (i > j) { t = i; i = j; j = t }
		if ((i, j) in edge)
			continue
		edge[i, j] = 1; a[e] = i; b[e] = j; e++
		deg[i]++; deg[j]++
	}
	printf "c random max-cut graph n=%d m=%d seed=%d (G22 class)\n", n, m, seed
	printf "p qubo 0 %d %d %d\n", n, n, m
	for (i = 0; i < n; i++)
		printf "%d %d %d\n", i, i, deg[i] + 0
	for (k = 0; k < m; k++)
		printf "%d %d -2\n", a[k], b[k]
}
