# Pinned pods alone overload node a: no placement of the pending pod can
# make the cluster feasible, so the model is infeasible (exit 4 with -e).
kytos-milp -m placement overloaded.json | jq -c '.status, .energy, .ones, .bound'
kytos-milp -e -m placement overloaded.json >/dev/null
echo "exit $?"
