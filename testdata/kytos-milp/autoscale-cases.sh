# Ample room (every service at wanted), conflicting priorities, clamps and
# node_size: status, energy and the counts chosen.
for c in ample priority clamps; do
	kytos-milp -e -m autoscale ../kytos-qubo/autoscale-$c.json |
		jq -c '[.status, .energy, .names]'
done
