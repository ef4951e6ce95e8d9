# man page EXAMPLES: autoscaling/v1 Scale objects for the services whose
# count changes.
cd ../kytos-qubo
kytos-milp -m autoscale autoscale-clamps.json |
    kytos-decode -f k8s autoscale-clamps.json
