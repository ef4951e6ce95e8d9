# Autoscale has no -m here: its QUBO (kytos-qubo -m autoscale) is solved as
# QUBO input, exactly, and certifies the annealer's energy on it.
t=$(mktemp -d)
kytos-qubo -m autoscale autoscale-ample.json >"$t"/as.qubo
kytos-milp "$t"/as.qubo | jq -c '[.status, .energy, .bound, .meta.kytos.mode]'
kytos-anneal -r 16 -s 1 "$t"/as.qubo | jq .energy
rm -r "$t"
