# A full stdout is an error (exit 1), not a silent truncation.
caspian-carbon --start 2023-06-01T00:00Z --slots 4 kr.csv >/dev/full
echo "exit $?"
