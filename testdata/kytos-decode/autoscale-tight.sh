# Tight room: scale-out stops where the cluster keeps its 25% margin of
# CPU free (headroom after: cpu 0.25); web (priority 1) gets it first.
c=../kytos-qubo/autoscale-tight.json
kytos-milp -m autoscale $c | kytos-decode $c
