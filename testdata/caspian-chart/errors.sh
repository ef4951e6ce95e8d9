# Bad operands and options.
PATH=../../scripts:$PATH
for a in "" "plan.json" "--size 0x5 plan.json input.json" "--bogus" \
    "missing.json input.json" "plan.json errors.sh"; do
	echo "# caspian-chart $a"
	caspian-chart $a 2>&1 >/dev/null
	echo "exit $?"
done
echo '{"plans": []}' | caspian-chart plan.json /dev/stdin 2>&1 >/dev/null
echo "exit $?"
