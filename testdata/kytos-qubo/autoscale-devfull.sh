kytos-qubo -m autoscale autoscale-tight.json >/dev/full
