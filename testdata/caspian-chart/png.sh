# A PNG comes out: signature, and width x height from the IHDR chunk
# (default height 120 + 260 per region).
PATH=../../scripts:$PATH
png() {
	od -An -tx1 -N24 | tr -d ' \n' |
	    awk '{ printf "sig %s size %d x %d\n", substr($0, 1, 16),
	    ("0x" substr($0, 33, 8)) + 0, ("0x" substr($0, 41, 8)) + 0 }'
}
caspian-chart plan.json input.json | png
caspian-chart --size 640x480 plan.json input.json | png
# Carbons from their own file (caspian-plan --carbons).
jq '{carbons}' input.json >carbons.tmp
jq 'del(.carbons)' input.json >nocarbons.tmp
caspian-chart --carbons carbons.tmp plan.json nocarbons.tmp | png
rm -f carbons.tmp nocarbons.tmp
