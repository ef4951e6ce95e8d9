kytos-milp -m autoscale ../kytos-qubo/autoscale-tight.json >/dev/full
