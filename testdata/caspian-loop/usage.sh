# Usage errors exit 2 with the usage on stderr; -h and -V exit 0; a config
# that cannot be used exits 1 naming it.
l=../../scripts/caspian-loop
for a in "--now abc" "--bogus" "--every 0" "-c" "-h" "-V" \
    "-c missing.json" "-c config-empty-regions.json --now 0"; do
	echo "# caspian-loop $a"
	$l $a 2>&1
	echo "exit $?"
done
