# -v: one line per refinement round on stderr (times masked); stdout as
# without it.
kytos-milp -v -m rebalance tiny.json 2>&1 >/dev/null | grep round |
	sed 's/^kytos-milp: [0-9.]*s /kytos-milp: Ts /'
