# -m autoscale on a rebalance sample is refused.
c=../kytos-qubo/autoscale-tight.json
kytos-qubo -m rebalance $c | kytos-anneal -r 1 -s 1 | kytos-decode -m autoscale $c
