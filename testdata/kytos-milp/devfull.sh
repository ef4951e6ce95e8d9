# A write error on stdout is an error (exit 1), not a silent success.
kytos-milp -m rebalance tiny.json >/dev/full
echo "exit $?"
