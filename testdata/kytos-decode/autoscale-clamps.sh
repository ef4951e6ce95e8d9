# Clamps: web held at max_replicas 5 (raw 50), idle raised to min_replicas
# 3, old scaled in from 6 to 2, and train (8000m a replica) fits no
# schedulable node: node_size.
c=../kytos-qubo/autoscale-clamps.json
kytos-milp -m autoscale $c | kytos-decode $c | jq -c '.scaling[]'
