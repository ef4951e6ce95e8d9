# -o DIR: one List per region with jobs starting now, nothing on stdout.
rm -rf out.tmp
caspian-dispatch -o out.tmp --defaults defaults.json jobs.json <plan.json >stdout.tmp
echo "exit $? stdout $(wc -c <stdout.tmp) bytes"
rm -f stdout.tmp
ls out.tmp
for f in out.tmp/*.json; do
	echo "# $f"
	jq -r '.items[] | "\(.metadata.name) \(.metadata.labels["caspian-region"])"' "$f"
	python3 ../../tests/validate-appwrapper.py "$SHARED/appwrapper" "$f"
done
# No job at this slot: no file.
rm -rf out.tmp
caspian-dispatch -o out.tmp --slot 4 --defaults defaults.json jobs.json <plan.json
ls out.tmp | wc -l
# A directory that cannot be made is an error.
caspian-dispatch -o /dev/null/x --defaults defaults.json jobs.json <plan.json
echo "exit $?"
rm -rf out.tmp
