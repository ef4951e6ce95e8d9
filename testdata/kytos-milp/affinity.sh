# Three replicas of web on one node: anti-affinity spreads them, one a node.
kytos-milp -m rebalance affinity.json | jq -c '.status, .energy, .names'
