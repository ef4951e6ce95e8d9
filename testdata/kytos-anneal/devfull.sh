# A write error on stdout is an error (exit 1), not a silent success.
kytos-anneal -r 1 -n 1 ../../examples/small.qubo >/dev/full
echo "exit $?"
