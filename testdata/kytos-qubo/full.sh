# stdout that cannot be written is an error, and nothing is left half done
kytos-qubo -m rebalance tiny.json >/dev/full
echo "status $?"
