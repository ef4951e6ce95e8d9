c=../kytos-qubo/autoscale-tight.json
kytos-milp -m autoscale $c | kytos-decode $c >/dev/full
